package dev.medianest.channels.cli;

import dev.medianest.testing.DiscoverStack;
import dev.medianest.testing.TmuxSession;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code medianest chat} in a real terminal (tmux), started from the built classes as its own
 * process on the data directory of a running stack, typed at as a person would: a search, a number
 * for a choice, Up to recall a message, {@code /new}, {@code /quit}.
 */
class ChatInTerminalTest {

    @TempDir
    static Path dir;

    @AutoClose
    private static DiscoverStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new DiscoverStack(Files.createDirectories(dir.resolve("data")));
    }

    /**
     * A script that runs the chat as the launcher would, from the test's own classpath (the jar is
     * not built during the tests), with a home of its own for the history file.
     */
    private static String chatScript(Path home) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path arguments = Files.writeString(dir.resolve("java.args"), "--enable-native-access=ALL-UNNAMED\n-cp\n\"" + classpath + "\"\n");
        Path script = dir.resolve("chat.sh");
        Files.write(script, List.of("#!/bin/sh",
                "export HOME='" + home + "' LANG=C.UTF-8 MEDIANEST_LANG=en MEDIANEST_DATA_DIR='" + dir.resolve("data") + "'",
                "unset MEDIANEST_SERVER MEDIANEST_TOKEN NO_COLOR",
                "exec '" + java + "' @'" + arguments + "' dev.medianest.Main chat --user admin"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /** How many prompts the screen shows: one per message sent, and the one waiting. */
    private static long prompts(String screen) {
        return screen.lines().filter(line -> line.startsWith("admin ›")).count();
    }

    @Test
    void a_person_searches_picks_a_choice_recalls_a_message_starts_afresh_and_quits() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        try (TmuxSession terminal = TmuxSession.start(chatScript(home))) {
            terminal.await(screen -> screen.strip().endsWith("admin ›"), 30);

            terminal.keys("search for Dune", "Enter");
            String found = terminal.await(screen -> screen.contains("(2021)") && screen.contains("[1]"), 20);
            assertThat(found).contains("MediaNest assistant").contains("Dune: Part Two");

            terminal.keys("1", "Enter");
            String details = terminal.await(screen -> prompts(screen) == 3 && screen.strip().endsWith("admin ›"), 20);
            assertThat(details.substring(details.indexOf("admin › 1"))).contains("Dune (2021)");

            terminal.keys("Up", "Up");
            terminal.await(screen -> screen.strip().endsWith("admin › search for Dune"), 10);
            terminal.keys("C-u", "/new", "Enter");
            terminal.await(screen -> screen.contains("Started afresh"), 10);

            terminal.keys("/quit", "Enter");
            String last = terminal.await(screen -> screen.contains("EXIT="), 15);
            assertThat(last).contains("Bye.").contains("EXIT=0");
        }
        assertThat(Files.readString(home.resolve(ChatCommand.HISTORY_FILE))).contains("search for Dune").contains("/new");
        assertThat(Files.getPosixFilePermissions(home.resolve(ChatCommand.HISTORY_FILE))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
