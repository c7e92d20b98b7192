package dev.medianest.channels.cli;

import dev.medianest.channels.cli.CommandLineTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code medianest query}, run in-process through {@link CommandLineTest#run}. */
class QueryCommandTest {

    @TempDir
    Path dir;

    private static Run run(Map<String, String> environment, String stdin, String... args) {
        return CommandLineTest.run(environment, stdin, args);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIANEST_DATA_DIR", dir.resolve("data").toString());
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    @Test
    void dry_run_json_prints_what_was_understood_as_one_line() {
        Run run = run(env(), "", "query", "--dry-run", "--json", "download Heat 1995");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("{\"intent\":\"request\",\"title\":\"Heat\",\"year\":1995}" + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_words_of_an_unquoted_message_are_joined() {
        Run run = run(env(), "", "query", "--json", "--dry-run", "скачай", "Дюну", "в", "4К");

        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"intent\":\"request\",\"title\":\"Дюну\",\"quality\":\"2160p\"}");
    }

    @Test
    void a_dash_reads_one_message_per_line_and_prints_one_line_per_message() {
        String stdin = """
                download Heat 1995
                скачай сериал Фарго 2 сезон

                есть ли Схватка в библиотеке?
                скачай аудио https://youtu.be/aqz-KE-bpKQ
                """;
        Run run = run(env(), stdin, "query", "--dry-run", "--json", "-");

        assertThat(run.status()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "{\"intent\":\"request\",\"title\":\"Heat\",\"year\":1995}",
                "{\"intent\":\"request\",\"mediaType\":\"series\",\"title\":\"Фарго\",\"season\":2}",
                "{\"intent\":\"unknown\"}",
                "{\"intent\":\"library\",\"title\":\"Схватка\"}",
                "{\"intent\":\"youtube\",\"url\":\"https://youtu.be/aqz-KE-bpKQ\",\"audioOnly\":true}");
    }

    @Test
    void without_json_each_message_reads_as_a_line_in_the_terminal_language() {
        Run english = run(env(), "", "query", "--dry-run", "grab Tenet in 4K HDR");
        assertThat(english.out().strip()).isEqualTo("request · title \"Tenet\" · quality 2160p · HDR");

        Run choice = run(env(), "", "query", "--dry-run", "yes, the second one");
        assertThat(choice.out().strip()).isEqualTo("not understood · choice 2 · answer yes");

        Map<String, String> russian = env();
        russian.put("LANG", "ru_RU.UTF-8");
        Run inRussian = run(russian, "", "query", "--dry-run", "скачай сериал Фарго 2 сезон");
        assertThat(inRussian.out().strip()).isEqualTo("запрос · тип сериал · название «Фарго» · сезон 2");
    }

    @Test
    void without_dry_run_it_answers_for_real_so_it_asks_whom_to_act_as() {
        Run run = run(env(), "", "query", "--json", "download Heat");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--user NAME").contains("--server URL");
    }

    @Test
    void a_missing_message_is_a_usage_error() {
        Run run = run(env(), "", "query", "--dry-run");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("MESSAGE");
    }

    @Test
    void the_dry_run_reads_no_configuration_and_touches_no_data_directory() {
        Map<String, String> env = env();
        env.put("MEDIANEST_SERVER_PORT", "not-a-port");
        env.put("MEDIANEST_CONFIG", dir.resolve("missing.yml").toString());

        Run run = run(env, "", "query", "--dry-run", "--json", "pause Tenet");

        assertThat(run.status()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"intent\":\"pause\",\"title\":\"Tenet\"}");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void help_explains_the_json_keys_and_shows_examples() {
        Run run = run(env(), "", "query", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: medianest query")
                .contains("--dry-run", "--json", "MESSAGE", "mediaType", "audioOnly", "Blade Runner 2049", "Exit status");
    }
}
