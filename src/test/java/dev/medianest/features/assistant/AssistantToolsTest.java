package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.medianest.App;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.accounts.User;
import dev.medianest.features.accounts.UserChanges;
import dev.medianest.features.requests.QuotaPolicy;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.i18n.Language;
import dev.medianest.testing.Await;
import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.FakeArrLibrary;
import dev.medianest.testing.FakeReadarr;
import dev.medianest.testing.FakeTmdb;
import dev.medianest.testing.LoopbackPorts;
import dev.medianest.testing.Requesters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant's tools through the real App, with TMDb, Radarr (HD and 4K), Sonarr and Readarr as
 * fakes held to their specs, called as each person would: alice (may request, also in 4K), victor
 * (may use the assistant and nothing else) and the admin. AssistantDownloadToolsTest does the
 * download tools against a real qBittorrent.
 */
class AssistantToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A quality profile the fake Radarr knows. */
    private static final int ULTRA_HD_PROFILE = 5;

    @TempDir
    static Path dataDir;

    private static DiscoverStack stack;
    private static App app;

    @BeforeAll
    static void start() {
        stack = new DiscoverStack(dataDir);
        app = stack.app.app();
        grant(DiscoverStack.MEMBER, EnumSet.of(Permission.REQUEST, Permission.REQUEST_4K, Permission.ASSISTANT));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.closeAfterCheckingSpecs();
        }
    }

    // --- the tool list ---------------------------------------------------------------------

    @Test
    void every_tool_is_listed_with_a_valid_json_schema_that_refuses_unknown_arguments() {
        List<ToolDefinition> definitions = app.tools().definitions();

        assertThat(definitions).extracting(ToolDefinition::name).containsExactly("search_media", "media_details", "request_media",
                "request_status", "cancel_request", "list_downloads", "pause_download", "resume_download", "cancel_download",
                "recommend_similar", "recommend_for_me", "service_status", "help");
        assertThat(definitions).filteredOn(ToolDefinition::changes).extracting(ToolDefinition::name)
                .containsExactlyInAnyOrder("request_media", "cancel_request", "pause_download", "resume_download", "cancel_download");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (ToolDefinition definition : definitions) {
            JsonNode schema = definition.inputSchema();
            assertThat(metaSchema.validate(schema)).as(definition.name() + " is a valid JSON Schema").isEmpty();
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(definition.name()).isFalse();
            assertThat(schema.get("required").isArray()).as(definition.name()).isTrue();
            schema.get("properties").properties().forEach(property -> {
                assertThat(property.getValue().path("description").asText()).as(definition.name() + "." + property.getKey()).isNotBlank();
                assertThat(property.getValue().has("type") || property.getValue().has("anyOf")).as(definition.name() + "." + property.getKey()).isTrue();
            });
            assertThat(definition.description()).as(definition.name()).hasSizeGreaterThan(80);
            Schema arguments = registry.getSchema(schema);
            assertThat(arguments.validate(json("{\"surprise\": 1}"))).as(definition.name() + " refuses an unknown argument").isNotEmpty();
        }
        Schema request = registry.getSchema(definition("request_media").inputSchema());
        assertThat(request.validate(json("{\"mediaType\":\"series\",\"id\":\"60622\",\"seasons\":[1,2]}"))).isEmpty();
        assertThat(request.validate(json("{\"mediaType\":\"series\",\"id\":\"60622\",\"seasons\":\"future\"}"))).isEmpty();
        assertThat(request.validate(json("{\"mediaType\":\"series\",\"id\":\"60622\",\"seasons\":[0]}"))).isNotEmpty();
        assertThat(request.validate(json("{\"mediaType\":\"film\",\"id\":\"1\"}"))).isNotEmpty();
    }

    // --- finding titles --------------------------------------------------------------------

    @Test
    void search_media_finds_movies_and_books_with_their_availability_and_the_links_of_their_pages() {
        ToolResult found = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("search_media", json("{\"query\": \"Dune\"}"), null));

        JsonNode results = found.structured().get("results");
        assertThat(found.structured().get("matchedForm").asText()).isEqualTo("Dune");
        JsonNode dune = find(results, "id", String.valueOf(FakeTmdb.DUNE));
        assertThat(dune.get("mediaType").asText()).isEqualTo("movie");
        assertThat(dune.get("title").asText()).isEqualTo("Dune");
        assertThat(dune.get("year").asInt()).isEqualTo(2021);
        assertThat(dune.at("/availability/hd").asText()).as("Radarr has its file").isEqualTo("available");
        assertThat(dune.get("link").asText()).isEqualTo("/title/movie/" + FakeTmdb.DUNE);
        assertThat(dune.get("overview").asText().length()).isLessThanOrEqualTo(ToolViews.OVERVIEW + 1);
        assertThat(find(results, "id", String.valueOf(FakeTmdb.DUNE_PART_TWO)).at("/availability/fourK").asText()).isEqualTo("available");
        assertThat(find(results, "id", String.valueOf(FakeReadarr.MESSIAH_WORK)).get("mediaType").asText()).isEqualTo("book");
        assertThat(results.size()).isLessThanOrEqualTo(SearchMediaTool.MAX_RESULTS);
        assertThat(found.cards()).anySatisfy(card -> {
            assertThat(card.link()).contains("/title/movie/" + FakeTmdb.DUNE);
            assertThat(card.poster()).hasValueSatisfying(poster -> assertThat(poster).startsWith("https://image.tmdb.org/"));
            assertThat(card.badges()).contains("Available");
        });
        assertThat(found.summary()).startsWith("Found ").contains("Dune (2021)");

        ToolResult narrowed = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("search_media",
                json("{\"query\": \"Dune\", \"mediaType\": \"movie\", \"year\": 2021}"), null));
        assertThat(narrowed.structured().get("results")).singleElement()
                .satisfies(only -> assertThat(only.get("id").asText()).isEqualTo(String.valueOf(FakeTmdb.DUNE)));
    }

    @Test
    void a_russian_search_answers_in_russian_with_the_russian_title() {
        ToolResult found = succeeded(as(DiscoverStack.MEMBER, Language.RU).call("search_media", json("{\"query\": \"Дюна\"}"), null));

        assertThat(found.structured().at("/results/0/title").asText()).isEqualTo("Дюна");
        assertThat(found.structured().get("matchedForm").asText()).isEqualTo("Дюна");
        assertThat(found.summary()).startsWith("По запросу «Дюна» найдено").contains("Дюна (2021)");
        assertThat(found.cards().getFirst().badges()).contains("Есть в библиотеке");
    }

    @Test
    void a_search_while_tmdb_is_down_reports_the_problem_and_still_lists_the_books() throws Exception {
        long admin = adminUser().id();
        ServiceInstance tmdb = app.services().list().stream().filter(instance -> instance.name().equals("TMDb")).findFirst().orElseThrow();
        app.services().update(admin, tmdb.id(), ServiceDraft.of(tmdb.kind(), tmdb.name(), "http://127.0.0.1:" + LoopbackPorts.free(),
                Map.of(), Map.of("apiKey", FakeTmdb.TOKEN), true, false, false, 2));
        try {
            ToolOutcome outcome = as(DiscoverStack.MEMBER, Language.EN).call("search_media", json("{\"query\": \"Dune Messiah\"}"), null);

            ToolResult found = succeeded(outcome);
            assertThat(found.structured().get("problems")).isNotEmpty();
            assertThat(found.structured().at("/problems/0/message").asText()).contains("TMDb");
            assertThat(found.structured().get("results")).allSatisfy(result -> assertThat(result.get("mediaType").asText()).isEqualTo("book"));
        } finally {
            app.services().update(admin, tmdb.id(), ServiceDraft.of(tmdb.kind(), tmdb.name(), stack.tmdb.baseUrl(), Map.of(),
                    Map.of("apiKey", FakeTmdb.TOKEN), true, false, false, 5));
        }
    }

    @Test
    void media_details_tells_runtime_genres_cast_and_seasons_with_their_episodes() {
        ToolResult dune = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("media_details",
                json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE + "\"}"), null));
        assertThat(dune.structured().get("runtimeMinutes").asInt()).isPositive();
        assertThat(dune.structured().get("genres")).extracting(JsonNode::asText).contains("Science Fiction");
        assertThat(dune.structured().get("cast")).isNotEmpty();
        assertThat(dune.structured().at("/request/fourK").asBoolean()).as("alice may ask for 4K").isTrue();
        assertThat(dune.summary()).startsWith("Dune (2021) · ").contains(" min", "Science Fiction");

        ToolResult fargo = succeeded(as("victor", Language.EN).call("media_details",
                json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\"}"), null));
        assertThat(fargo.structured().get("seasons")).isNotEmpty().allSatisfy(season -> {
            assertThat(season.get("number").asInt()).isPositive();
            assertThat(season.get("episodeCount").asInt()).isPositive();
            assertThat(season.get("hd").asText()).isNotBlank();
        });
        assertThat(fargo.summary()).startsWith("Fargo (2014) · ").contains("seasons");
        assertThat(fargo.structured().at("/request/allowed").asBoolean()).as("victor may not request").isFalse();
        assertThat(fargo.structured().at("/request/blockedReason").asText()).isNotBlank();

        ToolError unknown = failed(as(DiscoverStack.MEMBER, Language.EN).call("media_details",
                json("{\"mediaType\": \"movie\", \"id\": \"1\"}"), null));
        assertThat(unknown.kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
        assertThat(unknown.field()).contains("id");
    }

    // --- requests --------------------------------------------------------------------------

    @Test
    void request_media_in_4k_goes_to_the_4k_radarr_after_approval_and_a_second_asker_joins() throws Exception {
        ToolResult asked = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("request_media",
                json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE + "\", \"quality\": \"2160p\"}"), null));

        assertThat(asked.summary()).isEqualTo("Requested Dune (2021) in 4K; waiting for an admin's approval.");
        assertThat(asked.structured().get("state").asText()).isEqualTo("pending");
        assertThat(asked.structured().get("joined").asBoolean()).isFalse();
        assertThat(asked.structured().get("fourK").asBoolean()).isTrue();
        long id = asked.structured().get("requestId").asLong();
        assertThat(asked.cards().getFirst().link()).contains("/requests/" + id);

        ToolResult joined = succeeded(as("admin", Language.RU).call("request_media",
                json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE + "\", \"quality\": \"2160p\"}"), null));
        assertThat(joined.structured().get("joined").asBoolean()).isTrue();
        assertThat(joined.structured().get("requestId").asLong()).isEqualTo(id);
        assertThat(joined.summary()).isEqualTo("«Dune» (2021) в 4K уже запрашивали, и вы присоединились к этому запросу; сейчас он: ожидает одобрения.");

        // An instance sends what it is given only once its quality profile and root folder are set, as an admin does in Settings.
        ServiceInstance uhd = app.services().get(stack.radarr4kId);
        app.services().update(adminUser().id(), uhd.id(), ServiceDraft.of(uhd.kind(), uhd.name(), uhd.baseUrl().toString(),
                Map.of("qualityProfileId", String.valueOf(ULTRA_HD_PROFILE), "rootFolder", "/movies"), Map.of("apiKey", FakeArrLibrary.API_KEY),
                false, true, false, 5));
        app.requests().approve(admin(), id, Optional.empty());
        // The running server's dispatcher sends an approved request at once, on its own thread.
        List<JsonNode> added = Await.until(stack.radarr4k::added, list -> !list.isEmpty());
        assertThat(added).hasSize(1);
        assertThat(added.getFirst().get("tmdbId").asInt()).isEqualTo(FakeTmdb.DUNE);
        assertThat(added.getFirst().get("qualityProfileId").asInt()).as("the 4K profile").isEqualTo(ULTRA_HD_PROFILE);
        assertThat(stack.radarr4k.tagLabels(added.getFirst().get("tags"))).contains("requester-" + DiscoverStack.MEMBER);
        assertThat(stack.radarr.added()).as("never the HD instance").isEmpty();
    }

    @Test
    void a_russian_request_is_summed_up_in_russian_and_keeps_the_russian_title() {
        User rita = member("rita", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));

        ToolResult asked = succeeded(app.tools().as(Requesters.principal(rita), Language.RU).call("request_media",
                json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\", \"seasons\": [1, 2]}"), null));

        assertThat(asked.summary()).isEqualTo("Запрошено: «Fargo» (2014); ждёт одобрения администратора.");
        assertThat(asked.structured().at("/request/seasons")).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(asked.structured().at("/request/stateText").asText()).isEqualTo("ожидает одобрения");
    }

    @Test
    void refusals_are_the_web_s_own_no_permission_to_request_a_used_up_quota_and_a_title_already_there() {
        ToolError victor = failed(as("victor", Language.EN).call("request_media",
                json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE_PART_TWO + "\"}"), null));
        assertThat(victor.kind()).isEqualTo(ToolError.Kind.FORBIDDEN);

        User quinn = member("quinn", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
        app.requests().setQuota(admin(), quinn.id(), new QuotaPolicy.Override(Optional.empty(), Optional.of(1), Optional.empty(), Optional.empty()));
        Toolbox tools = app.tools().as(Requesters.principal(quinn), Language.EN);
        succeeded(tools.call("request_media", json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\", \"seasons\": [3]}"), null));
        ToolError quota = failed(tools.call("request_media",
                json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\", \"seasons\": [4]}"), null));
        assertThat(quota.kind()).isEqualTo(ToolError.Kind.CONFLICT);
        assertThat(quota.message()).contains("quota");

        ToolError there = failed(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE + "\"}"), null));
        assertThat(there.kind()).isEqualTo(ToolError.Kind.CONFLICT);
        assertThat(there.message()).contains("already in the library");

        ToolError no4k = failed(tools.call("request_media",
                json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE_PART_TWO + "\", \"quality\": \"2160p\"}"), null));
        assertThat(no4k.kind()).isEqualTo(ToolError.Kind.FORBIDDEN);
    }

    @Test
    void request_status_shows_the_callers_requests_and_someone_elses_is_not_found_as_in_the_web_api() {
        User paula = member("paula", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
        Toolbox tools = app.tools().as(Requesters.principal(paula), Language.EN);
        long id = succeeded(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE_PART_TWO + "\"}"), null))
                .structured().get("requestId").asLong();

        ToolResult mine = succeeded(tools.call("request_status", json("{}"), null));
        assertThat(mine.structured().get("requests")).extracting(request -> request.get("id").asLong()).containsExactly(id);
        assertThat(mine.structured().at("/requests/0/lastChange/to").asText()).isEqualTo("pending");
        assertThat(mine.summary()).isEqualTo("You have 1 request: 1 pending.");
        assertThat(succeeded(tools.call("request_status", json("{\"query\": \"part two\"}"), null)).structured().get("requests")).hasSize(1);
        assertThat(succeeded(tools.call("request_status", json("{\"query\": \"fargo\"}"), null)).structured().get("requests")).isEmpty();
        assertThat(succeeded(tools.call("request_status", json("{\"state\": \"available\"}"), null)).structured().get("requests")).isEmpty();

        ToolResult one = succeeded(tools.call("request_status", json("{\"id\": " + id + "}"), null));
        assertThat(one.structured().at("/request/timeline")).isNotEmpty();
        assertThat(one.summary()).isEqualTo("Dune: Part Two (2024): pending.");

        ToolError others = failed(as("victor", Language.EN).call("request_status", json("{\"id\": " + id + "}"), null));
        ToolError nobodys = failed(as("victor", Language.EN).call("request_status", json("{\"id\": 999999}"), null));
        assertThat(others.kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
        assertThat(others.message()).isEqualTo(nobodys.message().replace("999999", String.valueOf(id)));
        assertThat(failed(as("victor", Language.EN).call("request_status", json("{\"everyone\": true}"), null)).kind())
                .isEqualTo(ToolError.Kind.FORBIDDEN);
        ToolResult everyone = succeeded(as("admin", Language.EN).call("request_status", json("{\"everyone\": true}"), null));
        assertThat(everyone.structured().get("requests")).extracting(request -> request.get("id").asLong()).contains(id);
    }

    @Test
    void cancel_request_withdraws_a_pending_request_and_another_persons_is_not_found() {
        User sam = member("sam", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
        Toolbox tools = app.tools().as(Requesters.principal(sam), Language.EN);
        JsonNode asked = succeeded(tools.call("request_media",
                json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\", \"seasons\": \"future\"}"), null)).structured();
        long id = asked.get("requestId").asLong();
        // Other tests ask for Fargo too: when one of theirs is still pending, sam joined it and withdrawing leaves it to them.
        boolean joined = asked.get("joined").asBoolean();

        ToolError victor = failed(as("victor", Language.EN).call("cancel_request", json("{\"id\": " + id + "}"), null));
        assertThat(victor.kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
        assertThat(victor.field()).contains("id");

        ToolResult cancelled = succeeded(tools.call("cancel_request", json("{\"id\": " + id + "}"), null));
        assertThat(cancelled.structured().get("cancelled").asBoolean()).isEqualTo(!joined);
        assertThat(cancelled.structured().at("/request/state").asText()).isEqualTo(joined ? "pending" : "cancelled");
        assertThat(cancelled.summary()).startsWith(joined ? "Took you off the request for Fargo" : "Cancelled the request for Fargo");
        ToolError again = failed(tools.call("cancel_request", json("{\"id\": " + id + "}"), null));
        assertThat(again.kind()).as("no longer theirs once withdrawn; cancelled, it cannot be cancelled twice")
                .isEqualTo(joined ? ToolError.Kind.NOT_FOUND : ToolError.Kind.CONFLICT);
    }

    // --- arguments a model gets wrong ------------------------------------------------------

    @Test
    void bad_arguments_from_a_model_name_the_field_and_say_what_is_wrong() {
        Toolbox tools = as(DiscoverStack.MEMBER, Language.EN);

        assertInvalid(tools.call("search_media", json("{\"query\": \"Dune\", \"colour\": \"red\"}"), null), "colour", "no such argument");
        assertInvalid(tools.call("search_media", json("{\"query\": \"Dune\", \"year\": \"last year\"}"), null), "year", "wrong type");
        assertInvalid(tools.call("search_media", json("{\"query\": \"\"}"), null), "query", "required");
        assertInvalid(tools.call("search_media", json("{}"), null), "query", "required");
        assertInvalid(tools.call("search_media", JSON.createObjectNode().put("query", "x".repeat(10_000)), null), "query", "longer than 200");
        assertInvalid(tools.call("search_media", json("{\"query\": \"Dune\", \"mediaType\": \"film\"}"), null), "mediaType", "movie, series, book");
        assertInvalid(tools.call("request_media", json("{\"mediaType\": \"series\", \"id\": \"60622\", \"seasons\": [0]}"), null), "seasons", "from 1");
        assertInvalid(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"438631\", \"seasons\": [1]}"), null), "seasons", "only a series");
        assertInvalid(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"dune\"}"), null), "id", "search_media");
        assertInvalid(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"438631\", \"quality\": \"8k\"}"), null), "quality", "2160p");
        assertInvalid(tools.call("request_status", json("{\"id\": \"seven\"}"), null), "id", "wrong type");
        assertInvalid(tools.call("pause_download", json("{\"hash\": \"abc\"}"), null), "hash", "40 or 64");
        assertInvalid(tools.call("pause_download", json("{\"query\": \"Tenet\", \"all\": true}"), null), "hash", "exactly one");
        assertInvalid(tools.call("recommend_similar", json("{\"id\": \"438631\"}"), null), "mediaType", "mediaType");
        assertInvalid(tools.call("help", json("[\"everything\"]"), null), "arguments", "JSON object");

        ToolError unknown = failed(tools.call("download_everything", json("{}"), null));
        assertThat(unknown.kind()).isEqualTo(ToolError.Kind.UNKNOWN_TOOL);
        assertThat(unknown.message()).contains("download_everything", "search_media");
    }

    // --- recommendations, services, help ---------------------------------------------------

    @Test
    void recommend_similar_marks_what_is_already_available() {
        ToolResult similar = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("recommend_similar", json("{\"query\": \"Dune\"}"), null));

        assertThat(similar.structured().at("/basedOn/id").asText()).isEqualTo(String.valueOf(FakeTmdb.DUNE));
        JsonNode partTwo = find(similar.structured().get("recommendations"), "id", String.valueOf(FakeTmdb.DUNE_PART_TWO));
        assertThat(partTwo.get("alreadyAvailable").asBoolean()).as("the 4K Radarr has its file").isTrue();
        assertThat(similar.structured().get("similar")).extracting(title -> title.get("title").asText()).contains("Blade Runner 2049");
        assertThat(similar.summary()).startsWith("Like Dune (2021): ").contains("already available", "Blade Runner 2049");

        ToolResult byId = succeeded(as(DiscoverStack.MEMBER, Language.EN).call("recommend_similar",
                json("{\"mediaType\": \"series\", \"id\": \"" + FakeTmdb.FARGO + "\"}"), null));
        assertThat(byId.structured().get("recommendations")).extracting(title -> title.get("title").asText()).contains("True Detective");
    }

    @Test
    void recommend_for_me_starts_from_the_callers_requests_and_falls_back_to_trending() {
        ToolResult trending = succeeded(as("victor", Language.EN).call("recommend_for_me", json("{\"mediaType\": \"series\"}"), null));
        assertThat(trending.structured().get("basis").asText()).isEqualTo("trending");
        assertThat(trending.summary()).startsWith("You have not requested anything yet");

        User tina = member("tina", EnumSet.of(Permission.REQUEST, Permission.ASSISTANT));
        Toolbox tools = app.tools().as(Requesters.principal(tina), Language.EN);
        succeeded(tools.call("request_media", json("{\"mediaType\": \"movie\", \"id\": \"" + FakeTmdb.DUNE_PART_TWO + "\"}"), null));
        ToolResult forTina = succeeded(tools.call("recommend_for_me", json("{\"mediaType\": \"movie\"}"), null));

        assertThat(forTina.structured().get("basis").asText()).isEqualTo("requests");
        List<String> titles = new ArrayList<>();
        forTina.structured().get("recommendations").forEach(title -> titles.add(title.get("title").asText()));
        assertThat(titles).contains("Blade Runner 2049").doesNotContain("Dune: Part Two").as("Dune is in the library").doesNotContain("Dune");
        assertThat(forTina.structured().at("/recommendations/0/because").asText()).isEqualTo("Dune: Part Two (2024)");
        assertThat(forTina.summary()).contains("because you asked for Dune: Part Two (2024)");
    }

    @Test
    void service_status_tells_each_service_state_without_any_secret() {
        app.statusJob().runDueRound();

        ToolResult status = succeeded(as("victor", Language.EN).call("service_status", json("{}"), null));

        assertThat(status.structured().get("services")).extracting(service -> service.get("name").asText())
                .contains("TMDb", "Radarr", "Radarr 4K", "Sonarr", "Readarr");
        assertThat(status.structured().get("services")).allSatisfy(service -> {
            assertThat(service.get("state").asText()).isIn("up", "degraded", "down", "unknown");
            assertThat(service.has("kind")).isTrue();
        });
        JsonNode radarr4k = find(status.structured().get("services"), "name", "Radarr 4K");
        assertThat(radarr4k.get("fourK").asBoolean()).isTrue();
        assertThat(status.structured().toString()).doesNotContain(FakeArrLibrary.API_KEY, FakeTmdb.TOKEN, "apiKey");
        assertThat(status.cards()).hasSize(status.structured().get("services").size());
        assertThat(status.summary()).containsPattern("(All \\d+ services are up|\\d+ of \\d+ services are up)");
        assertThat(failed(as("victor", Language.EN).call("service_status", json("{\"verbose\": true}"), null)).field()).contains("verbose");
    }

    @Test
    void help_lists_every_tool_in_the_callers_language_with_examples_in_both() {
        ToolResult english = succeeded(as("victor", Language.EN).call("help", json("{}"), null));
        assertThat(english.structured().get("tools")).hasSize(app.tools().definitions().size());
        JsonNode request = find(english.structured().get("tools"), "name", "request_media");
        assertThat(request.at("/examples/en").asText()).isEqualTo("download Dune in 4K");
        assertThat(request.at("/examples/ru").asText()).isEqualTo("скачай Дюну в 4К");
        assertThat(request.get("mayUse").asBoolean()).as("victor may not request").isFalse();
        assertThat(find(english.structured().get("tools"), "name", "pause_download").get("mayUse").asBoolean()).isFalse();
        assertThat(english.summary()).contains("download Dune in 4K");

        ToolResult russian = succeeded(as(DiscoverStack.MEMBER, Language.RU).call("help", json("{\"topic\": \"request_media\"}"), null));
        assertThat(russian.structured().get("tools")).singleElement().satisfies(tool -> {
            assertThat(tool.get("description").asText()).startsWith("Запрашивает");
            assertThat(tool.get("mayUse").asBoolean()).isTrue();
        });
        assertThat(russian.summary()).contains("скачай Дюну в 4К", "download Dune in 4K");
    }

    // --- helpers ---------------------------------------------------------------------------

    private static Toolbox as(String username, Language language) {
        return app.tools().as(Requesters.principal(app.accounts().findByUsername(username).orElseThrow()), language);
    }

    private static Principal admin() {
        return Requesters.principal(adminUser());
    }

    private static User adminUser() {
        return app.accounts().findByUsername("admin").orElseThrow();
    }

    private static User member(String name, Set<Permission> permissions) {
        return app.accounts().findByUsername(name).orElseGet(() -> Requesters.member(app, admin(), name, permissions).user());
    }

    private static void grant(String username, Set<Permission> permissions) {
        User user = app.accounts().findByUsername(username).orElseThrow();
        app.accounts().update(adminUser().id(), user.id(), new UserChanges(Optional.empty(), Optional.empty(), Optional.of(permissions),
                Optional.empty()));
    }

    private static ToolDefinition definition(String name) {
        return app.tools().definitions().stream().filter(definition -> definition.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ToolResult succeeded(ToolOutcome outcome) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Succeeded.class);
        return ((ToolOutcome.Succeeded) outcome).result();
    }

    static ToolError failed(ToolOutcome outcome) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Failed.class);
        return ((ToolOutcome.Failed) outcome).error();
    }

    private static void assertInvalid(ToolOutcome outcome, String field, String says) {
        ToolError error = failed(outcome);
        assertThat(error.kind()).as(error.message()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(error.field()).as(error.message()).contains(field);
        assertThat(error.message()).contains("\"" + field + "\"", says);
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + list);
    }
}
