package dev.medianest.integrations.readarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrContract;
import dev.medianest.integrations.arr.ArrSpecGaps;
import dev.medianest.platform.http.RemoteHttp;
import dev.medianest.testing.Fixtures;
import dev.medianest.testing.SpecFake;
import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Every ReadarrClient call against a fake held to readarr-v1.openapi.json, with answers shaped like Readarr 0.4's. */
class ReadarrClientTest {

    static final String SPEC = "readarr-v1.openapi.json";
    static final String API_KEY = "7c9e6679f7424b8fa3e0a5b4c1d2e3f4";

    /** The lookups return {@code object} in C#, so the generated spec declares no body for them. */
    static final SpecFake.KnownGap AUTHOR_LOOKUP_BODY = new SpecFake.KnownGap("GET", "/api/v1/author/lookup",
            "No response body is expected", "src/Readarr.Api.V1/Author/AuthorLookupController.cs: public object Search(string term)");
    static final SpecFake.KnownGap BOOK_LOOKUP_BODY = new SpecFake.KnownGap("GET", "/api/v1/book/lookup",
            "No response body is expected", "src/Readarr.Api.V1/Books/BookLookupController.cs: public object Search(string term)");

    /** SystemResource as Readarr 0.4 sends it, without the two Version fields the spec types as objects. */
    static final Map<String, Object> STATUS = Map.ofEntries(
            Map.entry("appName", "Readarr"), Map.entry("instanceName", "Readarr"), Map.entry("version", "0.4.18.2805"),
            Map.entry("buildTime", "2025-06-22T12:49:57Z"), Map.entry("isDebug", false), Map.entry("isProduction", true),
            Map.entry("isAdmin", false), Map.entry("isUserInteractive", false), Map.entry("startupPath", "/app/readarr/bin"),
            Map.entry("appData", "/config"), Map.entry("osName", "ubuntu"), Map.entry("osVersion", "24.04"),
            Map.entry("isNetCore", true), Map.entry("isLinux", true), Map.entry("isOsx", false), Map.entry("isWindows", false),
            Map.entry("isDocker", true), Map.entry("mode", "console"), Map.entry("branch", "develop"),
            Map.entry("databaseType", "sqLite"), Map.entry("authentication", "forms"), Map.entry("migrationVersion", 40),
            Map.entry("urlBase", ""), Map.entry("runtimeName", ".NET"), Map.entry("startTime", "2025-07-01T18:03:27Z"),
            Map.entry("packageUpdateMechanism", "docker"));

    private final RemoteHttp http = new RemoteHttp(new ObjectMapper());
    private final ObjectMapper json = http.mapper();
    private final ReadarrClient readarr = new ReadarrClient(http);

    private static RemoteHttp.Endpoint endpoint(SpecFake fake) {
        return ArrContract.endpoint(fake);
    }

    private static SpecFake exchange(Consumer<RoutesConfig> routes, Consumer<SpecFake> calls, SpecFake.KnownGap... gaps) {
        return ArrContract.exchange(SPEC, API_KEY, routes, calls, gaps);
    }

    @Test
    void an_author_lookup_lists_authors_with_their_goodreads_id() {
        SpecFake fake = exchange(routes -> routes.get("/api/v1/author/lookup", Fixtures.answer("readarr/author-lookup-herbert.json")), readarr ->
                        assertThat(this.readarr.lookupAuthors(endpoint(readarr), API_KEY, "frank herbert")).singleElement().satisfies(author -> {
                            assertThat(author.authorName()).isEqualTo("Frank Herbert");
                            assertThat(author.foreignAuthorId()).isEqualTo("58");
                            assertThat(author.id()).isZero();
                        }),
                AUTHOR_LOOKUP_BODY);
        assertThat(fake.received().getFirst().query()).isEqualTo("term=frank%20herbert");
    }

    @Test
    void a_book_lookup_lists_works_with_their_editions_and_says_which_are_kept() {
        SpecFake fake = exchange(routes -> routes.get("/api/v1/book/lookup", Fixtures.answer("readarr/book-lookup-dune.json")), readarr -> {
            List<ReadarrClient.Book> books = this.readarr.lookupBooks(endpoint(readarr), API_KEY, "work:3634639");
            assertThat(books).extracting(ReadarrClient.Book::title, ReadarrClient.Book::foreignBookId, ReadarrClient.Book::inLibrary)
                    .containsExactly(tuple("Dune", "3634639", false), tuple("Dune Messiah", "3634573", true));
            assertThat(books.getFirst().monitoredEdition()).hasValueSatisfying(edition -> {
                assertThat(edition.foreignEditionId()).isEqualTo("44767458");
                assertThat(edition.isbn13()).isEqualTo("9780593099322");
            });
            assertThat(books.getFirst().author().authorName()).isEqualTo("Frank Herbert");
            assertThat(books.getFirst().releaseDate()).isEqualTo(Instant.parse("1965-08-01T00:00:00Z"));
        }, BOOK_LOOKUP_BODY);
        assertThat(fake.received().getFirst().query()).isEqualTo("term=work%3A3634639");
    }

    @Test
    void adding_a_book_sends_its_author_with_both_profiles_the_folder_and_one_monitored_edition() throws Exception {
        ReadarrClient.Book found = json.readValue(Fixtures.element("readarr/book-lookup-dune.json", 0), ReadarrClient.Book.class);
        SpecFake fake = exchange(routes -> routes.post("/api/v1/book", Fixtures.answer(201, "readarr/book-dune-added.json")), readarr -> {
            ReadarrClient.Book added = this.readarr.add(endpoint(readarr), API_KEY, ReadarrClient.NewBook.of(found, 1, 2, "/books", List.of(4), true, true));
            assertThat(added.id()).isEqualTo(22);
            assertThat(added.author().path()).isEqualTo("/books/Frank Herbert");
        }, ArrSpecGaps.created("/api/v1/book"));
        JsonNode sent = json.readTree(fake.received().getFirst().body());
        assertThat(sent.get("foreignBookId").asText()).isEqualTo("3634639");
        assertThat(sent.get("monitored").asBoolean()).isTrue();
        assertThat(sent.at("/author/foreignAuthorId").asText()).isEqualTo("58");
        assertThat(sent.at("/author/qualityProfileId").asInt()).isEqualTo(1);
        assertThat(sent.at("/author/metadataProfileId").asInt()).isEqualTo(2);
        assertThat(sent.at("/author/rootFolderPath").asText()).isEqualTo("/books");
        assertThat(sent.at("/author/tags").toString()).isEqualTo("[4]");
        assertThat(sent.at("/author/addOptions/monitor").asText()).isEqualTo("none");
        assertThat(sent.get("editions")).singleElement().satisfies(edition -> {
            assertThat(edition.get("foreignEditionId").asText()).isEqualTo("44767458");
            assertThat(edition.get("monitored").asBoolean()).isTrue();
        });
        assertThat(sent.at("/addOptions/searchForNewBook").asBoolean()).isTrue();
    }

    @Test
    void one_book_comes_with_its_file_statistics() {
        SpecFake fake = exchange(routes -> routes.get("/api/v1/book/{id}", Fixtures.answer("readarr/book-dune-messiah.json")), readarr -> {
            ReadarrClient.Book book = this.readarr.book(endpoint(readarr), API_KEY, 18);
            assertThat(book.statistics().bookFileCount()).isEqualTo(1);
            assertThat(book.monitored()).isTrue();
        });
        assertThat(fake.received().getFirst().path()).isEqualTo("/api/v1/book/18");
    }

    @Test
    void the_queue_names_author_and_book() {
        SpecFake fake = exchange(routes -> routes.get("/api/v1/queue", Fixtures.answer("readarr/queue-page.json")), readarr -> {
            ArrApi.Page<ArrApi.QueueRecord> page = this.readarr.queue(endpoint(readarr), API_KEY, 1, 100);
            assertThat(page.records()).extracting(ArrApi.QueueRecord::bookId, ArrApi.QueueRecord::trackedDownloadState)
                    .containsExactly(tuple(22, "importPending"), tuple(31, "downloading"));
            assertThat(page.records().getFirst().statusMessages().getFirst().messages())
                    .containsExactly("Book match is not close enough: 68.2% vs 80% [Book]");
        });
        assertThat(fake.received().getFirst().query()).isEqualTo("page=1&pageSize=100");
    }

    @Test
    void a_book_search_is_a_book_search_command_naming_the_books() throws Exception {
        SpecFake fake = exchange(routes -> routes.post("/api/v1/command", Fixtures.answer(201, "readarr/command-book-search.json")), readarr ->
                        assertThat(this.readarr.searchBooks(endpoint(readarr), API_KEY, List.of(18)).id()).isEqualTo(4411),
                ArrSpecGaps.created("/api/v1/command"), ArrSpecGaps.commandField("/api/v1/command", "bookIds"));
        assertThat(json.readTree(fake.received().getFirst().body())).isEqualTo(json.readTree("{\"name\":\"BookSearch\",\"bookIds\":[18]}"));
    }

    @Test
    void profiles_folders_tags_and_status_come_from_readarr() {
        exchange(routes -> {
            routes.get("/api/v1/system/status", ctx -> ctx.json(STATUS));
            routes.get("/api/v1/metadataprofile", Fixtures.answer("readarr/metadataprofiles.json"));
            routes.get("/api/v1/qualityprofile", ctx -> ctx.json(List.of(Map.of("id", 1, "name", "eBook", "upgradeAllowed", false, "cutoff", 3,
                    "items", List.of(), "minFormatScore", 0, "cutoffFormatScore", 0, "formatItems", List.of()),
                    Map.of("id", 2, "name", "Spoken", "upgradeAllowed", false, "cutoff", 10, "items", List.of(), "minFormatScore", 0,
                            "cutoffFormatScore", 0, "formatItems", List.of()))));
            routes.get("/api/v1/rootfolder", ctx -> ctx.contentType("application/json").result("""
                    [{"id": 1, "name": "Books", "path": "/books", "defaultMetadataProfileId": 1, "defaultQualityProfileId": 1,
                      "defaultMonitorOption": "all", "defaultNewItemMonitorOption": "all", "defaultTags": [], "isCalibreLibrary": false,
                      "port": 0, "useSsl": false, "accessible": true, "freeSpace": 912680550400, "totalSpace": 3000592982016}]"""));
            routes.get("/api/v1/tag", ctx -> ctx.json(List.of(Map.of("id", 4, "label", "requested"))));
        }, readarr -> {
            assertThat(this.readarr.shared().systemStatus(endpoint(readarr), API_KEY).version()).isEqualTo("0.4.18.2805");
            assertThat(this.readarr.metadataProfiles(endpoint(readarr), API_KEY)).extracting(ReadarrClient.MetadataProfile::name)
                    .containsExactly("Standard", "English and Russian");
            assertThat(this.readarr.shared().qualityProfiles(endpoint(readarr), API_KEY)).extracting(ArrApi.QualityProfile::name)
                    .containsExactly("eBook", "Spoken");
            assertThat(this.readarr.shared().rootFolders(endpoint(readarr), API_KEY))
                    .containsExactly(new ArrApi.RootFolder(1, "/books", true, 912_680_550_400L));
            assertThat(this.readarr.shared().tags(endpoint(readarr), API_KEY)).extracting(ArrApi.Tag::id).containsExactly(4);
        });
    }
}
