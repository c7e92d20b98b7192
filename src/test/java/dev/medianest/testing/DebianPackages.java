package dev.medianest.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the Debian packages a test drives for real (a browser, a daemon) are installed before
 * the test uses them. A fresh CI machine starts without them, so a missing file is installed with
 * apt-get rather than the test being skipped: a skipped test would hide that nothing was tested.
 */
public final class DebianPackages {

    /** A package and one file it installs, whose presence shows the package is there. */
    public record Need(String packageName, Path file) {
    }

    /** Headless Chromium for the browser tests, driven by Playwright instead of its own browser builds. */
    public static final Need CHROMIUM = new Need("chromium", Path.of("/usr/bin/chromium"));

    /** A font with Latin and Cyrillic glyphs, so pages in both our languages render text in the browser. */
    public static final Need DEJAVU_FONTS = new Need("fonts-dejavu-core", Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));

    /** A terminal multiplexer, to drive the terminal chat as a person at a keyboard would. */
    public static final Need TMUX = new Need("tmux", Path.of("/usr/bin/tmux"));

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

    // apt-get update downloads every package list again; once per test JVM is enough.
    private static boolean listsUpdated;

    private DebianPackages() {
    }

    /** Installs every package whose file is missing; fails the calling test when any is still missing afterwards. */
    public static synchronized void ensure(Need... needs) {
        Set<String> missing = missingPackages(needs);
        if (missing.isEmpty()) {
            return;
        }
        List<String> log = new ArrayList<>();
        if (!listsUpdated) {
            listsUpdated = run(log, "apt-get", "update");
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends",
                // Another test JVM or worker may be installing at the same moment; wait for its dpkg lock.
                "-o", "DPkg::Lock::Timeout=300"));
        install.addAll(missing);
        run(log, install.toArray(String[]::new));

        Set<String> stillMissing = missingPackages(needs);
        if (stillMissing.isEmpty()) {
            return;
        }
        String packages = String.join(" ", stillMissing);
        String where = "true".equals(System.getenv("CI"))
                ? "CI must install them before the tests run (apt-get install -y " + packages + ")."
                : "Install them with: sudo apt-get install " + packages;
        throw new AssertionError("Debian package(s) " + packages + " missing and could not be installed. " + where
                + "\napt-get said:\n" + String.join("\n", log));
    }

    private static Set<String> missingPackages(Need... needs) {
        Set<String> missing = new LinkedHashSet<>();
        for (Need need : needs) {
            if (!Files.exists(need.file())) {
                missing.add(need.packageName());
            }
        }
        return missing;
    }

    /** Runs one apt-get command with a bounded wait; its output's last lines go to {@code log} for the failure message. */
    private static boolean run(List<String> log, String... command) {
        log.add("$ " + String.join(" ", command));
        Path output = null;
        try {
            output = Files.createTempFile("apt-get", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(APT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.add("(no answer after " + APT_TIMEOUT.toMinutes() + " minutes; stopped)");
                return false;
            }
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            log.addAll(lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            log.add("(exit " + process.exitValue() + ")");
            return process.exitValue() == 0;
        } catch (IOException e) {
            log.add("could not run " + command[0] + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.add("interrupted");
            return false;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover log in the temp directory does no harm
                }
            }
        }
    }
}
