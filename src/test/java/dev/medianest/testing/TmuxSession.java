package dev.medianest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program running in a real terminal (a detached tmux session on its own server socket), driven
 * by keys as a person would type them and read back from the screen. tmux runs with a UTF-8 locale
 * so the program's Unicode reaches the screen as it was written.
 */
public final class TmuxSession implements AutoCloseable {

    private final String socket;
    private final String name;

    private TmuxSession(String socket, String name) {
        this.socket = socket;
        this.name = name;
    }

    /**
     * Starts {@code shellCommand} in a terminal of 120 × 40; once it ends, the screen shows
     * {@code EXIT=<status>} and stays readable for a minute.
     */
    public static TmuxSession start(String shellCommand) throws IOException, InterruptedException {
        DebianPackages.ensure(DebianPackages.TMUX);
        TmuxSession session = new TmuxSession("medianest-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), "main");
        session.tmux("new-session", "-d", "-s", session.name, "-x", "120", "-y", "40", shellCommand + "; echo EXIT=$?; sleep 60");
        return session;
    }

    /** Types keys: text is typed as is, tmux key names such as {@code Enter}, {@code Up} or {@code C-u} are pressed. */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("send-keys", "-t", name));
        arguments.addAll(List.of(keys));
        tmux(arguments.toArray(String[]::new));
    }

    /** The screen's text, without colours. */
    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", name);
    }

    /** Reads the screen until it shows what {@code shown} wants; fails with the screen after {@code seconds}. */
    public String await(Predicate<String> shown, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = screen();
        while (!shown.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal did not show what was awaited within " + seconds + " s; it shows:\n" + screen);
            }
            Thread.sleep(100);
            screen = screen();
        }
        return screen;
    }

    private String tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("TMUX");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true);
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
