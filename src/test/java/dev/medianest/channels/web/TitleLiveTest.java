package dev.medianest.channels.web;

import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.ServerSentEvents;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open title page follows the requests for its title: when anyone asks for it, its badges
 * change without a reload, and requests for other titles leave it alone.
 */
class TitleLiveTest {

    @TempDir
    static Path dataDir;

    @AutoClose("closeAfterCheckingSpecs")
    private static DiscoverStack stack;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
    }

    @Test
    void a_title_page_shows_someone_elses_request_for_its_title_without_a_reload() throws Exception {
        HttpSession viewer = stack.signIn(DiscoverStack.MEMBER, null);
        String page = viewer.get("/title/movie/" + FakeTmdb.DUNE_PART_TWO).body();
        assertThat(page).contains("data-live=\"/live/requests?title=movie/" + FakeTmdb.DUNE_PART_TWO + "\"");
        HttpClient client = HttpClient.newHttpClient();
        try {
            ServerSentEvents events = ServerSentEvents.open(client, stack.app.baseUrl(), "/live/requests?title=movie/" + FakeTmdb.DUNE_PART_TWO,
                    viewer.cookie("mn_session").orElseThrow());
            assertThat(events.next()).as("the badges as they are on connecting").contains("id=\"title-badges\"")
                    .doesNotContain("data-availability=\"requested\"");

            HttpSession admin = stack.signIn("admin", null);
            assertThat(admin.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", FakeTmdb.DUNE),
                    "title", "Dune", "fourK", true)).status()).as("another title").isEqualTo(201);
            assertThat(admin.api("POST", "/api/v1/requests", Map.of("type", "movie", "ids", Map.of("tmdb", FakeTmdb.DUNE_PART_TWO),
                    "title", "Dune: Part Two")).status()).isEqualTo(201);

            // The request for Dune (2021) sent nothing to this page: the next event is Part Two's.
            String changed = events.next();
            assertThat(changed).startsWith("event: swap").contains("id=\"title-badges\"")
                    .containsPattern("data-availability=\"(requested|processing)\"");
        } finally {
            client.shutdownNow();
        }
    }
}
