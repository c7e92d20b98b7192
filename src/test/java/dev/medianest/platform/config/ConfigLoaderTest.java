package dev.medianest.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("medianest.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static ConfigException problemsOf(Map<String, String> env, Path file) {
        try {
            new ConfigLoader(env).load(file);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void defaults_apply_when_there_is_no_file() throws ConfigException {
        Settings settings = new ConfigLoader(Map.of()).load(null);
        assertThat(settings.server().port()).isEqualTo(8080);
        assertThat(settings.server().host()).isEqualTo("0.0.0.0");
        assertThat(settings.data().dir().isAbsolute()).isTrue();
        assertThat(settings.data().dir().getFileName()).hasToString("data");
        assertThat(settings.database().url()).isEmpty();
        assertThat(settings.security().apiRequestsPerMinute()).isEqualTo(100);
        assertThat(settings.security().rememberMeDays()).isEqualTo(90);
        assertThat(settings.security().sessionIdleHours()).isEqualTo(24);
        assertThat(settings.source()).isEqualTo("defaults");
    }

    @Test
    void file_values_are_read_and_environment_overrides_them() throws Exception {
        Path file = write("""
                server:
                  port: 9090
                  trustedProxies: [127.0.0.1, 10.0.0.0/8]
                security:
                  apiRequestsPerMinute: 50
                logging:
                  level: debug
                """);
        Settings settings = new ConfigLoader(Map.of("MEDIANEST_SERVER_PORT", "9191", "MEDIANEST_UI_DEFAULT_LANGUAGE", "ru")).load(file);
        assertThat(settings.server().port()).isEqualTo(9191);
        assertThat(settings.server().trustedProxies()).extracting(Object::toString).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(settings.security().apiRequestsPerMinute()).isEqualTo(50);
        assertThat(settings.logging().level()).isEqualTo("DEBUG");
        assertThat(settings.ui().defaultLanguage()).isEqualTo("ru");
    }

    @Test
    void environment_variable_names_follow_one_rule() {
        assertThat(ConfigKeys.find("server.port").orElseThrow().environmentVariable()).isEqualTo("MEDIANEST_SERVER_PORT");
        assertThat(ConfigKeys.find("security.apiRequestsPerMinute").orElseThrow().environmentVariable())
                .isEqualTo("MEDIANEST_SECURITY_API_REQUESTS_PER_MINUTE");
        assertThat(ConfigKeys.find("server.trustedProxies").orElseThrow().environmentVariable()).isEqualTo("MEDIANEST_SERVER_TRUSTED_PROXIES");
    }

    @Test
    void environment_lists_are_comma_separated() throws ConfigException {
        Settings settings = new ConfigLoader(Map.of("MEDIANEST_SERVER_TRUSTED_PROXIES", "192.168.1.2, fd00::/8")).load(null);
        assertThat(settings.server().trustedProxies()).extracting(Object::toString).containsExactly("192.168.1.2", "fd00::/8");
    }

    @Test
    void an_unknown_key_is_named_with_a_suggestion() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  prot: 80\n"));
        assertThat(problems.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ConfigProblem.Kind.UNKNOWN_KEY);
            assertThat(problem.key()).isEqualTo("server.prot");
            assertThat(problem.allowed()).contains("did you mean server.port?");
        });
    }

    @Test
    void an_unknown_section_is_refused() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("servre:\n  port: 80\n"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::key).isEqualTo("servre");
    }

    @Test
    void a_wrong_type_names_the_key_the_value_and_what_is_allowed() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  port: eighty\n"));
        assertThat(problems.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ConfigProblem.Kind.WRONG_TYPE);
            assertThat(problem.key()).isEqualTo("server.port");
            assertThat(problem.value()).isEqualTo("eighty");
            assertThat(problem.allowed()).isEqualTo("a whole number from 0 to 65535");
        });
    }

    @Test
    void a_value_out_of_range_is_refused() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  port: 70000\n"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::kind).isEqualTo(ConfigProblem.Kind.BAD_VALUE);
    }

    @Test
    void the_torrent_file_limit_defaults_to_10_mb_and_takes_1_to_100_from_file_or_environment() throws Exception {
        assertThat(new ConfigLoader(Map.of()).load(null).downloads().maxTorrentFileMegabytes()).isEqualTo(10);
        Path file = write("downloads:\n  maxTorrentFileMegabytes: 2\n");
        assertThat(new ConfigLoader(Map.of()).load(file).downloads().maxTorrentFileMegabytes()).isEqualTo(2);
        assertThat(new ConfigLoader(Map.of("MEDIANEST_DOWNLOADS_MAX_TORRENT_FILE_MEGABYTES", "100")).load(file)
                .downloads().maxTorrentFileMegabytes()).isEqualTo(100);
        for (String outside : new String[] {"0", "101"}) {
            ConfigException problems = problemsOf(Map.of("MEDIANEST_DOWNLOADS_MAX_TORRENT_FILE_MEGABYTES", outside), null);
            assertThat(problems.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("downloads.maxTorrentFileMegabytes");
                assertThat(problem.allowed()).isEqualTo("a whole number from 1 to 100");
            });
        }
    }

    @Test
    void a_section_given_where_a_value_belongs_is_a_wrong_type() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  port:\n    number: 1\n"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::kind).isEqualTo(ConfigProblem.Kind.WRONG_TYPE);
    }

    @Test
    void every_problem_is_reported_at_once() throws IOException {
        ConfigException problems = problemsOf(Map.of("MEDIANEST_LOGGING_FORMAT", "xml"), write("""
                server:
                  port: abc
                  trustedProxies: [not-an-ip]
                ui:
                  defaultLanguage: de
                database:
                  url: mysql://db
                metrics:
                  enabled: maybe
                """));
        assertThat(problems.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("server.port", "server.trustedProxies", "ui.defaultLanguage", "database.url",
                        "metrics.enabled", "logging.format");
        assertThat(problems.problems()).filteredOn(problem -> problem.key().equals("logging.format"))
                .extracting(ConfigProblem::source).containsExactly("MEDIANEST_LOGGING_FORMAT");
    }

    @Test
    void malformed_yaml_names_the_line() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  port: [8080\n"));
        assertThat(problems.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ConfigProblem.Kind.MALFORMED_FILE);
            assertThat(problem.value()).contains("line");
        });
    }

    @Test
    void a_duplicate_key_is_refused() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("server:\n  port: 1\n  port: 2\n"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::kind).isEqualTo(ConfigProblem.Kind.MALFORMED_FILE);
    }

    @Test
    void a_missing_file_is_reported_not_ignored() {
        ConfigException problems = problemsOf(Map.of(), dir.resolve("absent.yml"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::kind).isEqualTo(ConfigProblem.Kind.UNREADABLE_FILE);
    }

    @Test
    void an_unknown_medianest_variable_is_refused_but_reserved_ones_are_not() {
        ConfigException problems = problemsOf(Map.of("MEDIANEST_SERVER_PROT", "1", "MEDIANEST_ADMIN_PASSWORD", "x",
                "MEDIANEST_SECRET_KEY", "y", "PATH", "/bin"), null);
        assertThat(problems.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("MEDIANEST_SERVER_PROT");
            assertThat(problem.allowed()).contains("MEDIANEST_SERVER_PORT");
        });
    }

    @Test
    void a_secret_value_is_never_echoed() throws IOException {
        ConfigException problems = problemsOf(Map.of(), write("database:\n  password: [hunter2]\n"));
        assertThat(problems.problems()).singleElement().extracting(ConfigProblem::value).isEqualTo("(hidden)");
        assertThat(problems.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void the_config_file_comes_from_the_environment_when_not_given() throws Exception {
        Path file = write("server:\n  port: 7000\n");
        Settings settings = new ConfigLoader(Map.of("MEDIANEST_CONFIG", file.toString())).load(null);
        assertThat(settings.server().port()).isEqualTo(7000);
        assertThat(settings.source()).isEqualTo(file.toString());
    }

    @Test
    void an_empty_file_means_defaults() throws Exception {
        assertThat(new ConfigLoader(Map.of()).load(write("")).server().port()).isEqualTo(8080);
    }

    @Test
    void the_database_password_is_masked_in_text() {
        Settings.Database database = new Settings.Database("jdbc:postgresql://db/medianest", "medianest", "hunter2", 4);
        assertThat(database.toString()).doesNotContain("hunter2");
    }

    @Test
    void a_public_url_loses_its_trailing_slash_and_must_be_http() throws IOException, ConfigException {
        assertThat(new ConfigLoader(Map.of("MEDIANEST_SERVER_PUBLIC_URL", "https://media.example.org/")).load(null).server().publicUrl())
                .isEqualTo("https://media.example.org");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MEDIANEST_SERVER_PUBLIC_URL", "ftp://x")).load(null))
                .isInstanceOf(ConfigException.class);
    }
}
