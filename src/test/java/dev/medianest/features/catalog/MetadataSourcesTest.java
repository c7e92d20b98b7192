package dev.medianest.features.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.integrations.arrlookup.ArrLookup;
import dev.medianest.integrations.radarr.RadarrConnector;
import dev.medianest.integrations.tmdb.TmdbConnector;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.SpecFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The choice of metadata source follows what is configured in a real catalog on SQLite: TMDb
 * first, else the Radarr lookup, else a plain "no metadata source"; each chosen source really
 * answers from its fake, held to its spec.
 */
class MetadataSourcesTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxYjJjM2Q0ZTVmNiIsInNjb3BlcyI6WyJhcGlfcmVhZCJdLCJ2ZXJzaW9uIjoxfQ.c2lnbmF0dXJlLW5vdC1yZWFs";
    private static final String RADARR_KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dataDir;

    private Database database;
    private ServiceCatalog catalog;
    private MetadataSources sources;

    @BeforeEach
    void open() {
        database = Database.openSqlite("jdbc:sqlite:" + dataDir.resolve("medianest.db"), 2);
        database.migrate();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        RemoteHttp http = new RemoteHttp(new ObjectMapper());
        catalog = new ServiceCatalog(database, new SecretBox(key), MutableClock.startingNow(),
                List.of(new RadarrConnector(http), new TmdbConnector(http)));
        sources = new MetadataSources(catalog, new TmdbConnector(http)::titles, new ArrLookup(http)::titles);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void addRadarr(String baseUrl) {
        catalog.create(1, ServiceDraft.of(ServiceKind.RADARR, "Radarr", baseUrl, Map.of(), Map.of("apiKey", RADARR_KEY), true, false, false, 2));
    }

    private void addTmdb(String baseUrl) {
        catalog.create(1, ServiceDraft.of(ServiceKind.TMDB, "TMDb", baseUrl, Map.of("defaultLanguage", "ru-RU"), Map.of("apiKey", TOKEN),
                true, false, false, 2));
    }

    private static SpecFake radarr() {
        return SpecFake.start("radarr-v3.openapi.json", routes -> routes.get("/api/v3/movie/lookup", ctx -> ctx.json(List.of(Map.of(
                "title", "Dune", "originalTitle", "Dune", "year", 2021, "tmdbId", 438631, "imdbId", "tt1160419",
                "genres", List.of("Science Fiction", "Adventure"), "status", "released", "monitored", false)))));
    }

    private static SpecFake tmdb() {
        return SpecFake.start("tmdb-v3.openapi.json", routes -> {
            routes.get("/3/configuration", ctx -> ctx.json(Map.of("images", Map.of("secure_base_url", "https://image.tmdb.org/t/p/",
                    "poster_sizes", List.of("w92", "w342", "original")))));
            routes.get("/3/genre/movie/list", ctx -> ctx.json(Map.of("genres", List.of(Map.of("id", 878, "name", "фантастика")))));
            routes.get("/3/search/movie", ctx -> ctx.json(Map.of("page", 1, "total_pages", 1, "total_results", 1, "results", List.of(Map.of(
                    "id", 438631, "title", "Дюна", "original_title", "Dune", "release_date", "2021-09-15", "genre_ids", List.of(878),
                    "poster_path", "/jI9cW8PoTDqmHSGiwG9NfdxNnmJ.jpg", "vote_average", 7.8, "vote_count", 12043)))));
        });
    }

    @Test
    void with_nothing_configured_the_answer_is_a_plain_no_metadata_source() {
        MetadataSources.Choice choice = sources.choose();
        assertThat(choice).isInstanceOfSatisfying(MetadataSources.Choice.NoSource.class,
                none -> assertThat(none.problem().messageKey()).isEqualTo("metadata.no_source"));
        assertThatThrownBy(sources::require).isInstanceOfSatisfying(MetadataFailure.class,
                failure -> assertThat(failure.problem().messageKey()).isEqualTo("metadata.no_source"));
        Messages messages = new Messages();
        assertThat(messages.in(Language.EN).get("metadata.no_source")).contains("Settings › Services");
        assertThat(messages.in(Language.RU).get("metadata.no_source")).contains("Настройки › Сервисы");
    }

    @Test
    void without_tmdb_discovery_falls_back_to_the_radarr_lookup() {
        try (SpecFake radarr = radarr()) {
            addRadarr(radarr.baseUrl());
            MetadataSource source = sources.require();
            assertThat(source.key()).isEqualTo("arr-lookup");
            List<Title> found = source.search(new TitleQuery("Dune", java.util.Optional.of(TitleType.MOVIE), Locale.forLanguageTag("ru")));
            assertThat(found).singleElement().satisfies(dune -> {
                assertThat(dune.title()).isEqualTo("Dune");
                assertThat(dune.ids().tmdb()).hasValue(438631);
            });
            radarr.assertAllInSpec();
        }
    }

    @Test
    void tmdb_is_preferred_once_configured() {
        try (SpecFake radarr = radarr(); SpecFake tmdb = tmdb()) {
            addRadarr(radarr.baseUrl());
            addTmdb(tmdb.baseUrl());
            MetadataSource source = sources.require();
            assertThat(source.key()).isEqualTo("tmdb");
            assertThat(source.defaultLanguage()).isEqualTo(Locale.forLanguageTag("ru-RU"));
            List<Title> found = source.search(new TitleQuery("Дюна", java.util.Optional.of(TitleType.MOVIE), source.defaultLanguage()));
            assertThat(found).singleElement().satisfies(dune -> {
                assertThat(dune.title()).isEqualTo("Дюна");
                assertThat(dune.genres()).containsExactly("фантастика");
            });
            assertThat(radarr.received()).isEmpty();
            assertThat(tmdb.received()).allSatisfy(request -> assertThat(request.headers()).containsEntry("Authorization", "Bearer " + TOKEN));
            tmdb.assertAllInSpec();
        }
    }
}
