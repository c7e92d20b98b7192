package dev.medianest.integrations.seerr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestBackend;
import dev.medianest.features.requests.RequestFailure;
import dev.medianest.features.requests.RequestOptions;
import dev.medianest.features.requests.RequestState;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.FakeSeerr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Seerr route files requests in Seerr, Overseerr or Jellyseerr and mirrors what the portal says of them. */
class SeerrRouteTest {

    private static final RequestedTitle DUNE = new RequestedTitle(TitleType.MOVIE, List.of(ExternalId.tmdb(438631)), "Dune",
            OptionalInt.of(2021), Optional.empty());
    private static final RequestedTitle SEVERANCE = new RequestedTitle(TitleType.SERIES, List.of(ExternalId.tvdb(371980), ExternalId.tmdb(95396)),
            "Severance", OptionalInt.of(2022), Optional.empty());

    private final SeerrConnector connector = new SeerrConnector(new RemoteHttp(new ObjectMapper()));

    private static ServiceInstance instance(String baseUrl) {
        return new ServiceInstance(5, ServiceKind.SEERR, "Requests", URI.create(baseUrl), Map.of(), Map.of("apiKey", FakeSeerr.API_KEY),
                true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    static MediaRequest request(RequestedTitle title, boolean fourK, SeasonChoice seasons, Optional<Integer> remoteId) {
        Instant at = Instant.parse("2026-01-15T10:00:00Z");
        return new MediaRequest(7, title, fourK, seasons, RequestState.APPROVED, MediaRequest.Route.SEERR, Optional.empty(),
                RequestOptions.defaults(), Optional.empty(), remoteId, MediaRequest.Progress.none(), Optional.empty(), 0, Optional.empty(),
                List.of(new MediaRequest.Requester(2, "anna", "Anna", at)), Optional.of(2L), at, at);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seerr.openapi.yml", "overseerr.openapi.yml", "jellyseerr.openapi.yml"})
    void a_movie_is_filed_and_followed_until_it_is_available(String spec) throws Exception {
        try (FakeSeerr seerr = FakeSeerr.start(spec)) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            RequestBackend.Observation sent = route.send(request(DUNE, true, SeasonChoice.all(), Optional.empty()));
            assertThat(sent.state()).isEqualTo(RequestState.PROCESSING);
            FakeSeerr.Filed filed = seerr.filed().getFirst();
            assertThat(sent.remoteRequestId()).contains(filed.id());
            JsonNode body = new ObjectMapper().readTree(seerr.received().getFirst().body());
            assertThat(body.get("mediaType").asText()).isEqualTo("movie");
            assertThat(body.get("mediaId").asInt()).isEqualTo(438631);
            assertThat(body.get("is4k").asBoolean()).isTrue();

            MediaRequest followed = request(DUNE, true, SeasonChoice.all(), sent.remoteRequestId());
            seerr.mediaStatus("movie", 438631, false, 5);
            assertThat(route.observe(followed).state()).as("the HD edition being there says nothing of the 4K one")
                    .isEqualTo(RequestState.PROCESSING);
            seerr.mediaStatus("movie", 438631, true, 5);
            assertThat(route.observe(followed).state()).isEqualTo(RequestState.AVAILABLE);
            assertThat(route.presence(DUNE, true)).hasValueSatisfying(presence -> assertThat(presence.complete()).isTrue());
            seerr.assertAllInSpec();
        }
    }

    @Test
    void a_series_asks_for_the_chosen_seasons_and_can_be_partly_there() throws Exception {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml")) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            RequestBackend.Observation sent = route.send(request(SEVERANCE, false, SeasonChoice.of(Set.of(1, 3)), Optional.empty()));
            JsonNode body = new ObjectMapper().readTree(seerr.received().getFirst().body());
            assertThat(body.get("mediaType").asText()).isEqualTo("tv");
            assertThat(body.get("mediaId").asInt()).as("Seerr keys series by TMDb id too").isEqualTo(95396);
            assertThat(body.get("seasons").toString()).isEqualTo("[1,3]");

            seerr.mediaStatus("tv", 95396, false, 4);
            assertThat(route.observe(request(SEVERANCE, false, SeasonChoice.of(Set.of(1, 3)), sent.remoteRequestId())).state())
                    .isEqualTo(RequestState.PARTIALLY_AVAILABLE);
            seerr.assertAllInSpec();
        }
    }

    @Test
    void a_title_seerr_already_has_a_request_for_is_adopted_instead_of_failing() {
        try (FakeSeerr seerr = FakeSeerr.start("overseerr.openapi.yml").tolerating(FakeSeerr.DUPLICATE)) {
            FakeSeerr.Filed theirs = seerr.fileDirectly("movie", 438631, false);
            RequestBackend.Observation adopted = connector.requestBackend(instance(seerr.baseUrl()))
                    .send(request(DUNE, false, SeasonChoice.all(), Optional.empty()));
            assertThat(adopted.remoteRequestId()).contains(theirs.id());
            assertThat(adopted.state()).isEqualTo(RequestState.PROCESSING);
            assertThat(seerr.filed()).hasSize(1);
            seerr.assertAllInSpec();
        }
    }

    @Test
    void what_seerr_decides_is_mirrored() {
        try (FakeSeerr seerr = FakeSeerr.start("jellyseerr.openapi.yml").filingPending()) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            RequestBackend.Observation waiting = route.send(request(DUNE, false, SeasonChoice.all(), Optional.empty()));
            assertThat(waiting.state()).as("waiting for Seerr's admin: sent, so no longer MediaNest's to send").isEqualTo(RequestState.PROCESSING);
            assertThat(waiting.note()).contains("seerr_pending");
            MediaRequest followed = request(DUNE, false, SeasonChoice.all(), waiting.remoteRequestId());
            int id = waiting.remoteRequestId().orElseThrow();

            seerr.setStatus(id, 2);
            assertThat(route.observe(followed).state()).isEqualTo(RequestState.PROCESSING);
            seerr.setStatus(id, 4);
            assertThat(route.observe(followed).state()).isEqualTo(RequestState.FAILED);
            seerr.setStatus(id, 3);
            assertThat(route.observe(followed).state()).isEqualTo(RequestState.DECLINED);
            seerr.setStatus(id, 5);
            assertThat(route.observe(followed).state()).as("Jellyseerr's completed").isEqualTo(RequestState.AVAILABLE);
            seerr.assertAllInSpec();
        }
    }

    @Test
    void a_request_removed_in_seerr_follows_what_seerr_has_for_the_title() {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml").tolerating(new dev.medianest.testing.SpecFake.KnownGap("GET",
                "/api/v1/request/999", "Response status 404 not defined", "server/routes/request.ts: 'Request not found.' with 404"))) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            assertThat(route.observe(request(DUNE, false, SeasonChoice.all(), Optional.of(999))).state())
                    .as("nothing left for the title: the request failed and may be approved again").isEqualTo(RequestState.FAILED);
            FakeSeerr.Filed again = seerr.fileDirectly("movie", 438631, false);
            assertThat(route.observe(request(DUNE, false, SeasonChoice.all(), Optional.of(999))).remoteRequestId()).contains(again.id());
            seerr.assertAllInSpec();
        }
    }

    @Test
    void what_seerr_cannot_take_is_said_plainly() {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml")) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            assertThat(catchThrowableOfType(RequestFailure.class, () -> route.send(request(SEVERANCE, false, SeasonChoice.future(), Optional.empty())))
                    .problem().messageKey()).isEqualTo("tracking.seerr.no_future_seasons");
            RequestedTitle tvdbOnly = new RequestedTitle(TitleType.SERIES, List.of(ExternalId.tvdb(371980)), "Severance", OptionalInt.empty(),
                    Optional.empty());
            assertThat(catchThrowableOfType(RequestFailure.class, () -> route.send(request(tvdbOnly, false, SeasonChoice.all(), Optional.empty())))
                    .problem().messageKey()).isEqualTo("tracking.seerr.needs_tmdb");
            assertThat(seerr.received()).isEmpty();
        }
        RequestFailure down = catchThrowableOfType(RequestFailure.class, () -> connector.requestBackend(instance("http://127.0.0.1:9"))
                .send(request(DUNE, false, SeasonChoice.all(), Optional.empty())));
        assertThat(down.problem().messageKey()).isEqualTo("remote.unreachable");
        assertThat(down.problem().args()).containsExactly("Requests", "http://127.0.0.1:9");
    }

    @Test
    void presence_is_the_media_info_of_the_edition() {
        try (FakeSeerr seerr = FakeSeerr.start("seerr.openapi.yml")) {
            RequestBackend route = connector.requestBackend(instance(seerr.baseUrl()));
            assertThat(route.presence(DUNE, false)).contains(MediaKeeper.Presence.absent());
            seerr.mediaStatus("movie", 438631, false, 4);
            assertThat(route.presence(DUNE, false)).hasValueSatisfying(presence -> {
                assertThat(presence.inLibrary()).isTrue();
                assertThat(presence.complete()).isFalse();
            });
            assertThat(route.presence(DUNE, true)).contains(MediaKeeper.Presence.absent());
            seerr.assertAllInSpec();
        }
    }
}
