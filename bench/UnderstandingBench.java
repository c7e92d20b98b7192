import dev.medianest.features.assistant.IntentParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the offline understanding ({@code IntentParser.understand}) inside one JVM, for the
 * MediaNest benchmark: run by the JDK's source launcher with the jar on the class path,
 * {@code java -cp target/medianest.jar bench/UnderstandingBench.java src/test/resources/assistant/*.tsv}.
 *
 * <p>The messages are the first column of the given test sets plus two of 10 000 characters. It
 * times the first message of a fresh JVM (class loading and building the tables included), then
 * reads every message {@code --warmup} times uncounted and {@code --rounds} times counted, each
 * call timed on its own. Prints a summary and one line starting with {@code RESULT}. Exit status: 0,
 * or 2 on bad arguments or unreadable files.
 */
public final class UnderstandingBench {

    private UnderstandingBench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 20;
        int rounds = 20;
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("Usage: java -cp target/medianest.jar bench/UnderstandingBench.java [--warmup N] [--rounds N] FILE.tsv...");
                    return;
                }
                default -> {
                    for (String line : Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8)) {
                        messages.add(line.split("\t", -1)[0]);
                    }
                }
            }
        }
        if (messages.isEmpty() || rounds < 1) {
            System.err.println("UnderstandingBench: give at least one test set (message TAB expected JSON per line) and --rounds >= 1");
            System.exit(2);
        }
        messages.add("download " + "x".repeat(9_991));
        messages.add("lorem ipsum dolor sit amet ".repeat(400).substring(0, 10_000));

        long coldStart = System.nanoTime();
        IntentParser parser = new IntentParser();
        parser.understand(messages.getFirst());
        long coldNanos = System.nanoTime() - coldStart;

        long sink = 0;
        for (int round = 0; round < warmup; round++) {
            for (String message : messages) {
                sink += parser.understand(message).slots().size();
            }
        }
        long[] samples = new long[messages.size() * rounds];
        long[] longSamples = new long[2 * rounds];
        int longCount = 0;
        int n = 0;
        long slowest = 0;
        String slowestMessage = "";
        for (int round = 0; round < rounds; round++) {
            for (String message : messages) {
                long start = System.nanoTime();
                sink += parser.understand(message).slots().size();
                long took = System.nanoTime() - start;
                samples[n++] = took;
                if (message.length() >= 10_000) {
                    longSamples[longCount++] = took;
                }
                if (took > slowest) {
                    slowest = took;
                    slowestMessage = message;
                }
            }
        }
        Arrays.sort(samples);
        Arrays.sort(longSamples);
        long longP50 = longSamples[longSamples.length / 2];
        double mean = Arrays.stream(samples).average().orElse(0);
        long p50 = samples[samples.length / 2];
        long p99 = samples[Math.min(samples.length - 1, (int) Math.ceil(samples.length * 0.99) - 1)];
        long max = samples[samples.length - 1];
        String shown = slowestMessage.length() > 40 ? slowestMessage.substring(0, 37) + "..." : slowestMessage;
        System.out.printf(Locale.ROOT, "%d messages (%d of 10 000 characters), %d warm-up and %d counted rounds (%d calls)%n",
                messages.size(), 2, warmup, rounds, samples.length);
        System.out.printf(Locale.ROOT, "first message in a fresh JVM (tables built): %.1f ms%n", coldNanos / 1e6);
        System.out.printf(Locale.ROOT, "per message: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms (\"%s\", %d characters)%n",
                mean / 1e6, p50 / 1e6, p99 / 1e6, max / 1e6, shown, slowestMessage.length());
        System.out.printf(Locale.ROOT, "the two messages of 10 000 characters: p50 %.3f ms, max %.3f ms%n", longP50 / 1e6,
                longSamples[longSamples.length - 1] / 1e6);
        System.out.printf(Locale.ROOT,
                "RESULT messages=%d calls=%d cold_ms=%.1f mean_ms=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f long_p50_ms=%.3f check=%d%n",
                messages.size(), samples.length, coldNanos / 1e6, mean / 1e6, p50 / 1e6, p99 / 1e6, max / 1e6, longP50 / 1e6, sink % 10);
    }
}
