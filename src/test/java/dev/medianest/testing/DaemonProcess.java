package dev.medianest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One process of a daemon fixture: started with a throw-away HOME and its output appended to a log,
 * awaited until it listens, killed at the end (its files are deleted next, so there is nothing to save).
 */
public final class DaemonProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private DaemonProcess() {
    }

    public static Process start(Path home, Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        return builder.start();
    }

    /** Waits until something accepts connections on the loopback port; fails with the log when the process exits or time runs out. */
    public static void awaitPort(Process process, int port, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(process.info().command().orElse("daemon") + " exited: " + tail(log));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + port + " after " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
    }

    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last few kilobytes of a log, for a failure message. */
    public static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
