package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.i18n.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline understanding, driven by the test sets in src/test/resources/assistant: one line per
 * case, the message, a tab, and the JSON {@code medianest query --dry-run --json} must print for it.
 */
class IntentParserTest {

    /** A fixed year, so that "a trailing year at most five years ahead" reads the same every year. */
    private static final IntentParser PARSER = new IntentParser(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String message, String expected) {
    }

    static List<Case> cases(String file) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = IntentParserTest.class.getResourceAsStream("/assistant/" + file)) {
            assertThat(in).as(file).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String[] columns = line.split("\t", -1);
                assertThat(columns).as("%s line %d has a message, a tab and the expected JSON", file, number).hasSize(2);
                cases.add(new Case(columns[0], columns[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static Stream<Arguments> english() {
        return cases("understanding-en.tsv").stream().map(c -> Arguments.of(c.message(), c.expected()));
    }

    static Stream<Arguments> russian() {
        return cases("understanding-ru.tsv").stream().map(c -> Arguments.of(c.message(), c.expected()));
    }

    static Stream<Arguments> conversation() {
        return cases("understanding-conversation.tsv").stream().map(c -> Arguments.of(c.message(), c.expected()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("english")
    void reads_english(String message, String expected) throws IOException {
        assertThat(JSON.valueToTree(PARSER.understand(message).slots()).toString()).isEqualTo(JSON.readTree(expected).toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("russian")
    void reads_russian(String message, String expected) throws IOException {
        assertThat(JSON.valueToTree(PARSER.understand(message).slots()).toString()).isEqualTo(JSON.readTree(expected).toString());
    }

    /** The conversational fields next to the slots: choice, reference, answer and everything. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("conversation")
    void reads_choices_references_answers_and_everything(String message, String expected) throws IOException {
        assertThat(JSON.valueToTree(withConversation(PARSER.understand(message))).toString())
                .isEqualTo(JSON.readTree(expected).toString());
    }

    private static Map<String, Object> withConversation(Understanding understanding) {
        Map<String, Object> shown = new LinkedHashMap<>(understanding.slots());
        understanding.choice().ifPresent(choice -> shown.put("choice", choice));
        if (understanding.reference()) {
            shown.put("reference", true);
        }
        understanding.answer().ifPresent(answer -> shown.put("answer", answer));
        if (understanding.everything()) {
            shown.put("everything", true);
        }
        return shown;
    }

    @Test
    void the_test_sets_are_large_and_keep_their_keys_in_the_printed_order() throws IOException {
        assertThat(cases("understanding-en.tsv")).hasSizeGreaterThanOrEqualTo(200);
        assertThat(cases("understanding-ru.tsv")).hasSizeGreaterThanOrEqualTo(200);
        List<String> order = List.of("intent", "mediaType", "title", "year", "quality", "hdr", "season", "url", "audioOnly");
        for (String file : List.of("understanding-en.tsv", "understanding-ru.tsv")) {
            for (Case c : cases(file)) {
                List<String> keys = new ArrayList<>();
                JSON.readTree(c.expected()).fieldNames().forEachRemaining(keys::add);
                assertThat(keys).as(c.message()).isSortedAccordingTo((a, b) -> order.indexOf(a) - order.indexOf(b));
                assertThat(order).as(c.message()).containsAll(keys);
            }
        }
    }

    @Test
    void every_intent_and_slot_is_in_the_test_sets() throws IOException {
        List<JsonNode> expected = new ArrayList<>();
        for (String file : List.of("understanding-en.tsv", "understanding-ru.tsv")) {
            for (Case c : cases(file)) {
                expected.add(JSON.readTree(c.expected()));
            }
        }
        for (Intent intent : Intent.values()) {
            assertThat(expected).as(intent.wireName()).anyMatch(node -> node.path("intent").asText().equals(intent.wireName()));
        }
        for (String slot : List.of("mediaType", "title", "year", "quality", "hdr", "season", "url", "audioOnly")) {
            assertThat(expected).as(slot).anyMatch(node -> node.has(slot));
        }
    }

    @Test
    void the_language_is_russian_when_the_message_has_cyrillic_letters() {
        assertThat(PARSER.understand("download Heat").language()).isEqualTo(Language.EN);
        assertThat(PARSER.understand("скачай Дюну").language()).isEqualTo(Language.RU);
        assertThat(PARSER.understand("download Дюну").language()).isEqualTo(Language.RU);
        assertThat(PARSER.understand("привет").language()).isEqualTo(Language.RU);
        assertThat(PARSER.understand("2").language()).isEqualTo(Language.EN);
        assertThat(PARSER.understand("").language()).isEqualTo(Language.EN);
    }

    @Test
    void empty_blank_and_missing_messages_are_unknown() {
        for (String message : new String[]{null, "", " ", "\t\n", "\u00a0"}) {
            Understanding understanding = PARSER.understand(message);
            assertThat(understanding.intent()).isEqualTo(Intent.UNKNOWN);
            assertThat(understanding.slots()).containsOnlyKeys("intent");
        }
    }

    @Test
    void a_very_long_message_is_read_without_failing() {
        String noise = "lorem ipsum dolor sit amet ".repeat(400).substring(0, 10_000);
        assertThat(noise).hasSize(10_000);
        assertThat(PARSER.understand(noise).intent()).isEqualTo(Intent.UNKNOWN);

        Understanding longTitle = PARSER.understand("download " + "x".repeat(10_000) + " in 4K");
        assertThat(longTitle.intent()).isEqualTo(Intent.REQUEST);
        assertThat(longTitle.title()).hasValue("x".repeat(10_000));
        assertThat(longTitle.quality()).hasValue(Quality.P2160);

        String words = "скачай " + "Дюну и ".repeat(1_500);
        assertThat(PARSER.understand(words).intent()).isEqualTo(Intent.REQUEST);
        assertThat(PARSER.understand("🎬".repeat(5_000)).intent()).isEqualTo(Intent.UNKNOWN);
    }

    @Test
    void a_trailing_number_is_a_year_up_to_five_years_ahead_of_the_clock() {
        IntentParser in2026 = new IntentParser(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(in2026.understand("download Heat 2031").year()).hasValue(2031);
        assertThat(in2026.understand("download Heat 2032").title()).hasValue("Heat 2032");
        assertThat(in2026.understand("download Blade Runner 2049").year()).isEmpty();

        IntentParser in2045 = new IntentParser(Clock.fixed(Instant.parse("2045-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(in2045.understand("download Blade Runner 2049").title()).hasValue("Blade Runner");
        assertThat(in2045.understand("download Blade Runner 2049 (2017)").title()).hasValue("Blade Runner 2049");
    }

    @Test
    void the_same_message_always_reads_the_same_and_readers_may_share_one_parser() throws Exception {
        List<Case> all = new ArrayList<>(cases("understanding-en.tsv"));
        all.addAll(cases("understanding-ru.tsv"));
        Map<String, Understanding> first = new LinkedHashMap<>();
        all.forEach(c -> first.put(c.message(), PARSER.understand(c.message())));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> rounds = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                rounds.add(pool.submit(() -> all.stream().allMatch(c -> PARSER.understand(c.message()).equals(first.get(c.message())))));
            }
            for (Future<Boolean> round : rounds) {
                assertThat(round.get()).isTrue();
            }
        }
    }
}
