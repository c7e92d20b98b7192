package dev.medianest.integrations.readarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arr.ArrSpecGaps;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/** A Readarr instance as the request feature sees it (MediaKeeper), against a fake held to readarr-v1.openapi.json. */
class ReadarrBooksTest {

    private static final Map<String, String> DEFAULTS = Map.of("qualityProfileId", "1", "metadataProfileId", "2", "rootFolder", "/books",
            "tags", "4");
    private static final String MESSIAH = "[" + Fixtures.element("readarr/book-lookup-dune.json", 1) + "]";
    private static final String DUNE = "[" + Fixtures.element("readarr/book-lookup-dune.json", 0) + "]";

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final ReadarrConnector connector = new ReadarrConnector(http);

    private MediaKeeper books(SpecFake fake, Map<String, String> options) {
        return connector.mediaKeeper(new ServiceInstance(3, ServiceKind.READARR, "Readarr", URI.create(fake.baseUrl()), options,
                Map.of("apiKey", ReadarrClientTest.API_KEY), true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void a_search_names_the_author_and_the_goodreads_and_isbn_ids() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> routes.get("/api/v1/book/lookup",
                Fixtures.answer("readarr/book-lookup-dune.json"))).tolerating(ReadarrClientTest.BOOK_LOOKUP_BODY)) {
            assertThat(books(readarr, DEFAULTS).search("dune herbert"))
                    .extracting(MediaKeeper.Title::name, MediaKeeper.Title::year, MediaKeeper.Title::creator, MediaKeeper.Title::libraryId)
                    .containsExactly(tuple("Dune", 1965, Optional.of("Frank Herbert"), Optional.empty()),
                            tuple("Dune Messiah", 1969, Optional.of("Frank Herbert"), Optional.of(18L)));
            assertThat(books(readarr, DEFAULTS).search("dune").getFirst().ids())
                    .containsExactly(MediaKeeper.ExternalId.goodreads(3634639), new MediaKeeper.ExternalId(MediaKeeper.Catalogue.ISBN, "978-0-593-09932-2"));
            readarr.assertAllInSpec();
        }
    }

    @Test
    void a_kept_book_with_its_file_is_complete_and_a_new_one_is_absent() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/book/lookup", ctx -> ctx.contentType("application/json").result("work:3634573".equals(ctx.queryParam("term")) ? MESSIAH : DUNE));
            routes.get("/api/v1/book/{id}", Fixtures.answer("readarr/book-dune-messiah.json"));
            routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json"));
        }).tolerating(ReadarrClientTest.BOOK_LOOKUP_BODY)) {
            MediaKeeper.Presence messiah = books(readarr, DEFAULTS).presence(MediaKeeper.ExternalId.goodreads(3634573));
            assertThat(messiah.libraryId()).contains(18L);
            assertThat(messiah.complete()).isTrue();
            assertThat(messiah.downloading()).isFalse();
            assertThat(books(readarr, DEFAULTS).presence(MediaKeeper.ExternalId.goodreads(3634639))).isEqualTo(MediaKeeper.Presence.absent());
            assertThat(books(readarr, DEFAULTS).presence(MediaKeeper.ExternalId.tmdb(438631))).isEqualTo(MediaKeeper.Presence.absent());
            readarr.assertAllInSpec();
        }
    }

    @Test
    void the_whole_library_comes_in_one_read_with_each_books_goodreads_id_and_file() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/book", ctx -> ctx.contentType("application/json").result("[" + Fixtures.text("readarr/book-dune-messiah.json") + "]"));
            routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json"));
        })) {
            List<MediaKeeper.Kept> library = books(readarr, DEFAULTS).library();
            assertThat(library).singleElement().satisfies(messiah -> {
                assertThat(messiah.ids()).contains(MediaKeeper.ExternalId.goodreads(3634573));
                assertThat(messiah.presence().complete()).isTrue();
                assertThat(messiah.presence().downloading()).isFalse();
            });
            readarr.assertAllInSpec();
        }
    }

    @Test
    void adding_a_book_brings_its_author_with_the_instance_defaults_and_starts_the_search() throws Exception {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/book/lookup", ctx -> ctx.contentType("application/json").result(DUNE));
            routes.post("/api/v1/book", Fixtures.answer(201, "readarr/book-dune-added.json"));
        }).tolerating(ReadarrClientTest.BOOK_LOOKUP_BODY, ArrSpecGaps.created("/api/v1/book"))) {
            MediaKeeper.Added added = books(readarr, DEFAULTS).add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.goodreads(3634639)));
            assertThat(added).isEqualTo(new MediaKeeper.Added(22, "Dune", false, true));
            JsonNode sent = http.mapper().readTree(readarr.received().getLast().body());
            assertThat(sent.at("/author/qualityProfileId").asInt()).isEqualTo(1);
            assertThat(sent.at("/author/metadataProfileId").asInt()).isEqualTo(2);
            assertThat(sent.at("/author/rootFolderPath").asText()).isEqualTo("/books");
            assertThat(sent.at("/author/tags").toString()).isEqualTo("[4]");
            assertThat(readarr.received().getFirst().query()).isEqualTo("term=work%3A3634639");
            readarr.assertAllInSpec();
        }
    }

    @Test
    void several_metadata_profiles_and_no_default_ask_the_admin_to_choose() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> {
            routes.get("/api/v1/book/lookup", ctx -> ctx.contentType("application/json").result(DUNE));
            routes.get("/api/v1/metadataprofile", Fixtures.answer("readarr/metadataprofiles.json"));
        }).tolerating(ReadarrClientTest.BOOK_LOOKUP_BODY)) {
            AppException refused = catchThrowableOfType(AppException.class, () -> books(readarr, Map.of("qualityProfileId", "1", "rootFolder", "/books"))
                    .add(MediaKeeper.Addition.of(MediaKeeper.ExternalId.goodreads(3634639))));
            assertThat(refused.details()).containsEntry("metadataProfileId", "validation.arr.metadata_profile_missing");
            readarr.assertAllInSpec();
        }
    }

    @Test
    void the_queue_says_which_download_needs_attention_and_why() {
        try (SpecFake readarr = SpecFake.start(ReadarrClientTest.SPEC, routes -> routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json")))) {
            assertThat(books(readarr, DEFAULTS).queue())
                    .extracting(MediaKeeper.Download::libraryId, MediaKeeper.Download::state, MediaKeeper.Download::problem)
                    .containsExactly(
                            tuple(22L, MediaKeeper.Download.State.IMPORTING, Optional.of("Book match is not close enough: 68.2% vs 80% [Book]")),
                            tuple(31L, MediaKeeper.Download.State.PAUSED, Optional.empty()));
            readarr.assertAllInSpec();
        }
    }
}
