package dev.medianest.integrations.arrlookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleQuery;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery without TMDb: Radarr's and Sonarr's lookup, against fakes held to their specs. */
class ArrLookupTitlesTest {

    private static final String RADARR_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String SONARR_KEY = "f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4";

    private final ArrLookup lookup = new ArrLookup(new RemoteHttp(new ObjectMapper()));

    static ServiceInstance instance(ServiceKind kind, String baseUrl, String apiKey) {
        return new ServiceInstance(kind.ordinal() + 1, kind, kind.displayName(), URI.create(baseUrl), Map.of(), Map.of("apiKey", apiKey),
                true, false, false, Duration.ofSeconds(2), true, Instant.EPOCH, Instant.EPOCH);
    }

    static Map<String, Object> duneLookup() {
        return Map.ofEntries(Map.entry("title", "Dune"), Map.entry("originalTitle", "Dune"), Map.entry("originalLanguage", Map.of("id", 1, "name", "English")),
                Map.entry("alternateTitles", List.of()), Map.entry("secondaryYearSourceId", 0), Map.entry("sortTitle", "dune"), Map.entry("sizeOnDisk", 0),
                Map.entry("status", "released"), Map.entry("overview", "Paul Atreides, a brilliant and gifted young man born into a great destiny beyond his understanding, must travel to the most dangerous planet in the universe."),
                Map.entry("inCinemas", "2021-09-15T00:00:00Z"), Map.entry("physicalRelease", "2022-01-11T00:00:00Z"), Map.entry("digitalRelease", "2021-12-03T00:00:00Z"),
                Map.entry("images", List.of(Map.of("coverType", "poster", "remoteUrl", "https://image.tmdb.org/t/p/original/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"),
                        Map.of("coverType", "fanart", "remoteUrl", "https://image.tmdb.org/t/p/original/jYEW5xZkZk2WTrdbMGAPFuBqbDc.jpg"))),
                Map.entry("website", "https://www.dunemovie.com"), Map.entry("remotePoster", "https://image.tmdb.org/t/p/original/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"),
                Map.entry("year", 2021), Map.entry("youTubeTrailerId", "n9xhJrPXop4"), Map.entry("studio", "Legendary Pictures"), Map.entry("qualityProfileId", 0),
                Map.entry("monitored", false), Map.entry("minimumAvailability", "released"), Map.entry("isAvailable", true), Map.entry("folderName", "Dune (2021)"),
                Map.entry("runtime", 155), Map.entry("cleanTitle", "dune"), Map.entry("imdbId", "tt1160419"), Map.entry("tmdbId", 438631), Map.entry("titleSlug", "438631"),
                Map.entry("certification", "PG-13"), Map.entry("genres", List.of("Science Fiction", "Adventure")), Map.entry("keywords", List.of("desert", "messiah")),
                Map.entry("tags", List.of()), Map.entry("added", "0001-01-01T00:00:00Z"),
                Map.entry("ratings", Map.of("imdb", Map.of("votes", 890123, "value", 8.0, "type", "user"), "tmdb", Map.of("votes", 12043, "value", 7.8, "type", "user"))),
                Map.entry("popularity", 129.3f));
    }

    static Map<String, Object> fargoLookup() {
        return Map.ofEntries(Map.entry("title", "Fargo"), Map.entry("sortTitle", "fargo"), Map.entry("status", "continuing"), Map.entry("ended", false),
                Map.entry("overview", "A close-knit anthology of repugnant crimes in the Midwest."), Map.entry("network", "FX"), Map.entry("airTime", "22:00"),
                Map.entry("images", List.of(Map.of("coverType", "poster", "remoteUrl", "https://artworks.thetvdb.com/banners/posters/269613-1.jpg"))),
                Map.entry("originalLanguage", Map.of("id", 1, "name", "English")), Map.entry("remotePoster", "https://artworks.thetvdb.com/banners/posters/269613-1.jpg"),
                Map.entry("seasons", List.of(Map.of("seasonNumber", 0, "monitored", false), Map.of("seasonNumber", 1, "monitored", true),
                        Map.of("seasonNumber", 2, "monitored", true), Map.of("seasonNumber", 3, "monitored", true))),
                Map.entry("year", 2014), Map.entry("qualityProfileId", 0), Map.entry("seasonFolder", false), Map.entry("monitored", false),
                Map.entry("monitorNewItems", "all"), Map.entry("useSceneNumbering", false), Map.entry("runtime", 53), Map.entry("tvdbId", 269613),
                Map.entry("tvRageId", 35976), Map.entry("tvMazeId", 57), Map.entry("tmdbId", 60622), Map.entry("firstAired", "2014-04-15T00:00:00Z"),
                Map.entry("seriesType", "standard"), Map.entry("cleanTitle", "fargo"), Map.entry("imdbId", "tt2802850"), Map.entry("titleSlug", "fargo"),
                Map.entry("certification", "TV-MA"), Map.entry("genres", List.of("Crime", "Drama", "Thriller")), Map.entry("tags", List.of()),
                Map.entry("added", "0001-01-01T00:00:00Z"), Map.entry("ratings", Map.of("votes", 4102, "value", 8.9)));
    }

    private static SpecFake radarr() {
        return SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/movie/lookup", ctx -> ctx.json(List.of(duneLookup()))));
    }

    private static SpecFake sonarr() {
        return SpecFake.start("sonarr-v3.openapi.json", routes -> routes.get("/api/v3/series/lookup", ctx -> ctx.json(List.of(fargoLookup()))));
    }

    @Test
    void a_search_of_every_kind_asks_both_and_interleaves_the_answers() {
        try (SpecFake radarr = radarr(); SpecFake sonarr = sonarr()) {
            MetadataSource source = lookup.titles(Optional.of(instance(ServiceKind.RADARR, radarr.baseUrl(), RADARR_KEY)),
                    Optional.of(instance(ServiceKind.SONARR, sonarr.baseUrl(), SONARR_KEY)));
            List<Title> found = source.search(TitleQuery.of("Dune Fargo", Locale.US));
            assertThat(found).extracting(Title::title).containsExactly("Dune", "Fargo");
            Title dune = found.getFirst();
            assertThat(dune.ids()).isEqualTo(TitleIds.of(438631, null, "tt1160419").orElseThrow());
            assertThat(dune.rating()).hasValue(7.8);
            assertThat(dune.year()).hasValue(2021);
            assertThat(dune.poster()).contains(URI.create("https://image.tmdb.org/t/p/original/d5NXSklXo0qyIYkgV94XAgMIckC.jpg"));
            Title fargo = found.get(1);
            assertThat(fargo.type()).isEqualTo(TitleType.SERIES);
            assertThat(fargo.ids().tvdb()).hasValue(269613);
            assertThat(fargo.genres()).containsExactly("Crime", "Drama", "Thriller");
            assertThat(radarr.received().getFirst().query()).isEqualTo("term=Dune%20Fargo");
            assertThat(radarr.received().getFirst().headers()).containsEntry("X-Api-Key", RADARR_KEY);
            assertThat(sonarr.received().getFirst().headers()).containsEntry("X-Api-Key", SONARR_KEY);
            radarr.assertAllInSpec();
            sonarr.assertAllInSpec();
            assertThat(source.capabilities()).containsExactlyInAnyOrder(MetadataSource.Capability.SEARCH, MetadataSource.Capability.DETAILS);
            assertThat(source.trending(TitleType.MOVIE, Locale.US)).isEmpty();
        }
    }

    @Test
    void details_are_looked_up_by_id_terms() {
        try (SpecFake radarr = radarr(); SpecFake sonarr = sonarr()) {
            MetadataSource source = lookup.titles(Optional.of(instance(ServiceKind.RADARR, radarr.baseUrl(), RADARR_KEY)),
                    Optional.of(instance(ServiceKind.SONARR, sonarr.baseUrl(), SONARR_KEY)));
            TitleDetails dune = source.details(TitleType.MOVIE, TitleIds.ofTmdb(438631), Locale.US).orElseThrow();
            assertThat(dune.certification()).contains("PG-13");
            assertThat(dune.runtimeMinutes()).hasValue(155);
            assertThat(dune.trailer()).contains(URI.create("https://www.youtube.com/watch?v=n9xhJrPXop4"));
            TitleDetails fargo = source.details(TitleType.SERIES, TitleIds.of(60622, 269613, null).orElseThrow(), Locale.US).orElseThrow();
            assertThat(fargo.seasons()).containsExactly(1, 2, 3);
            assertThat(radarr.received().getFirst().query()).isEqualTo("term=tmdb%3A438631");
            assertThat(sonarr.received().getFirst().query()).isEqualTo("term=tvdb%3A269613");
            radarr.assertAllInSpec();
            sonarr.assertAllInSpec();
        }
    }

    @Test
    void when_sonarr_fails_radarr_still_answers_and_when_all_fail_the_failure_is_plain() {
        try (SpecFake radarr = radarr()) {
            ServiceInstance deadSonarr = instance(ServiceKind.SONARR, "http://127.0.0.1:9", SONARR_KEY);
            MetadataSource source = lookup.titles(Optional.of(instance(ServiceKind.RADARR, radarr.baseUrl(), RADARR_KEY)), Optional.of(deadSonarr));
            assertThat(source.search(TitleQuery.of("Dune", Locale.US))).extracting(Title::title).containsExactly("Dune");
            assertThatThrownBy(() -> source.search(new TitleQuery("Fargo", Optional.of(TitleType.SERIES), Locale.US)))
                    .isInstanceOfSatisfying(MetadataFailure.class, failure -> {
                        assertThat(failure.problem().messageKey()).isEqualTo("remote.unreachable");
                        assertThat(failure.problem().args()).containsExactly("Sonarr", "http://127.0.0.1:9");
                    });
        }
    }

    @Test
    void only_radarr_means_no_series_and_no_books() {
        try (SpecFake radarr = radarr()) {
            MetadataSource source = lookup.titles(Optional.of(instance(ServiceKind.RADARR, radarr.baseUrl(), RADARR_KEY)), Optional.empty());
            assertThat(source.search(new TitleQuery("Fargo", Optional.of(TitleType.SERIES), Locale.US))).isEmpty();
            assertThat(source.search(new TitleQuery("Dune", Optional.of(TitleType.BOOK), Locale.US))).isEmpty();
            assertThat(source.details(TitleType.SERIES, TitleIds.ofTmdb(60622), Locale.US)).isEmpty();
            assertThat(radarr.received()).isEmpty();
        }
    }
}
