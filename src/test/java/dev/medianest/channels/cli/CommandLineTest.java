package dev.medianest.channels.cli;

import dev.medianest.Main;
import dev.medianest.testing.HttpSession;
import dev.medianest.testing.MutableClock;
import dev.medianest.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code medianest} command line, run in-process with its own streams and environment. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** Runs one command line in-process; other command tests of this package use it too. */
    static Run run(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true), new BufferedReader(new StringReader(stdin)));
        return new Run(status, out.toString(), err.toString());
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("MEDIANEST_DATA_DIR", dir.resolve("data").toString());
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    private Run run(String... args) {
        return run(env(), "", args);
    }

    @Test
    void version_names_the_program_and_the_java_it_runs_on() {
        Run run = run("--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("MediaNest ").contains("Java ");
    }

    @Test
    void every_command_has_help() {
        CommandLine root = MediaNestCommand.commandLine(new Console(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), new BufferedReader(new StringReader("")), new dev.medianest.platform.i18n.Messages()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThanOrEqualTo(8);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run run = run(args.toArray(String[]::new));
            assertThat(run.status()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: medianest").contains("--help");
        }
    }

    private static void collect(CommandLine command, List<String> prefix, List<List<String>> paths) {
        paths.add(prefix);
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(prefix);
                next.add(name);
                collect(sub, next, paths);
            }
        });
    }

    @Test
    void config_validate_accepts_a_good_file() throws IOException {
        Path file = dir.resolve("good.yml");
        Files.writeString(file, "server:\n  port: 9000\n");
        Run run = run("config", "validate", "--config", file.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Configuration is valid (" + file + ")");
    }

    @Test
    void config_validate_names_the_key_the_value_and_what_is_allowed_and_exits_2() throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "server:\n  port: http\n  hots: x\n");
        Run run = run("-c", file.toString(), "config", "validate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err())
                .contains(file + ": server.port = \"http\" has the wrong type. Allowed: a whole number from 0 to 65535.")
                .contains("the key \"server.hots\" is not known")
                .contains("did you mean server.host?")
                .contains("2 problem(s); nothing was started");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void config_validate_reports_malformed_yaml_with_its_line() throws IOException {
        Path file = dir.resolve("broken.yml");
        Files.writeString(file, "server:\n  port: 8080\n   host: x\n");
        Run run = run("config", "validate", "-c", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("is not valid YAML (line 3");
    }

    @Test
    void environment_overrides_are_validated_too() {
        Map<String, String> env = env();
        env.put("MEDIANEST_SERVER_PORT", "-1");
        Run run = run(env, "", "config", "validate");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("MEDIANEST_SERVER_PORT: server.port = \"-1\" is not allowed.");
    }

    @Test
    void messages_follow_the_terminal_language() {
        Map<String, String> env = env();
        env.put("LANG", "ru_RU.UTF-8");
        env.put("MEDIANEST_SERVER_PORT", "abc");
        Run run = run(env, "", "config", "validate");
        assertThat(run.err()).contains("неверный тип").contains("ничего не запущено");
    }

    @Test
    void serve_refuses_a_bad_configuration_without_starting() {
        Map<String, String> env = env();
        env.put("MEDIANEST_LOGGING_LEVEL", "LOUD");
        Run run = run(env, "", "serve");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("logging.level = \"LOUD\" is not allowed. Allowed: one of TRACE, DEBUG, INFO, WARN, ERROR.");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void serve_explains_a_port_in_use_and_exits_2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = env();
            env.put("MEDIANEST_SERVER_HOST", "127.0.0.1");
            env.put("MEDIANEST_SERVER_PORT", String.valueOf(taken.getLocalPort()));
            Run run = run(env, "");
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use by another program");
        }
    }

    @Test
    void serve_explains_an_unwritable_data_directory_and_exits_2() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "not a directory");
        Map<String, String> env = env();
        env.put("MEDIANEST_DATA_DIR", blocker.resolve("data").toString());
        Run run = run(env, "", "serve");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("The data directory " + blocker.resolve("data") + " cannot be written");
    }

    @Test
    void user_create_list_set_role_and_reset_password_manage_the_local_database() {
        Run created = run(env(), "a typed password\n", "user", "create", "Nora", "--display-name", "Nora N", "--permissions",
                "request,youtube", "--password-stdin");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created the account \"Nora\" (USER).");
        Run generated = run("user", "create", "olga");
        assertThat(generated.out()).containsPattern("Generated password \\(shown once\\): \\S{20}");

        Run listed = run("user", "list");
        assertThat(listed.out()).contains("USER NAME").contains("\tNora\tUSER\tmust-change-password\tNora N").contains("\tolga\tUSER");

        assertThat(run("user", "set-role", "nora", "ADMIN").out()).contains("\"Nora\" is now ADMIN.");
        assertThat(run("user", "list").out()).contains("\tNora\tADMIN\t");

        Run reset = run(env(), "nora's final password\n", "user", "reset-password", "NORA", "--password-stdin", "--no-must-change");
        assertThat(reset.status()).isZero();
        assertThat(reset.out()).contains("Set a new password for \"Nora\"");
        try (TestApp app = TestApp.start(dir.resolve("data"), Map.of(), MutableClock.startingNow(), Optional.empty())) {
            HttpSession nora = new HttpSession(app.baseUrl(), null);
            assertThat(nora.signIn("nora", "nora's final password").status()).isEqualTo(200);
            assertThat(nora.api("GET", "/api/v1/me").json().get("role").asText()).isEqualTo("ADMIN");
        }
    }

    @Test
    void user_commands_refuse_bad_input_clearly() {
        run("user", "create", "paul");
        Run duplicate = run("user", "create", "PAUL");
        assertThat(duplicate.status()).isEqualTo(2);
        assertThat(duplicate.err()).contains("username: That user name is already taken");
        Run invalid = run("user", "create", "bad name;--");
        assertThat(invalid.status()).isEqualTo(2);
        assertThat(invalid.err()).contains("username: Use 2 to 32 letters");
        Run shortPassword = run(env(), "short\n", "user", "create", "quentin", "--password-stdin");
        assertThat(shortPassword.status()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password: Use 8 to 128 characters.");
        Run unknown = run("user", "reset-password", "nobody");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no account named \"nobody\"");
        Run badRole = run("user", "set-role", "paul", "KING");
        assertThat(badRole.status()).isEqualTo(2);
        assertThat(badRole.err()).contains("KING");
        Run badPermission = run("user", "create", "rolf", "--permissions", "fly");
        assertThat(badPermission.status()).isEqualTo(2);
        assertThat(badPermission.err()).contains("permissions:");
        assertThat(run("user", "list").out()).doesNotContain("quentin").doesNotContain("rolf");
    }

    @Test
    void the_last_admin_cannot_be_demoted_from_the_shell_either() {
        run(env(), "first admin password\n", "user", "create", "boss", "--role", "ADMIN", "--password-stdin");
        Run demote = run("user", "set-role", "boss", "USER");
        assertThat(demote.status()).isEqualTo(2);
        assertThat(demote.err()).contains("This is the last enabled admin.");
    }
}
