import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop HTTP load generator for the MediaNest benchmark, run by the JDK's source launcher
 * ({@code java bench/LoadGenerator.java --url http://127.0.0.1:8080/sign-in}); no build, no
 * dependencies. Each of {@code --concurrency} virtual threads sends one GET, waits for the whole
 * response, and sends the next, until {@code --requests} have been sent or {@code --seconds} have
 * passed. A warm-up of {@code --warmup} requests runs first and is not counted.
 *
 * <p>Prints a readable summary and one machine-readable line starting with {@code RESULT}. Exit
 * status: 0 when every counted request got a 2xx answer, 1 when some did not, 2 on bad arguments.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    /** What to load and how hard. */
    record Options(URI url, int concurrency, int requests, Duration duration, int warmup, List<String> headers, String name) {

        static Options parse(String[] args) {
            URI url = null;
            int concurrency = 50;
            int requests = 20_000;
            Duration duration = Duration.ofSeconds(10);
            int warmup = 1_000;
            List<String> headers = new ArrayList<>();
            String name = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    throw new UsageException(null);
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value after " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--url" -> url = URI.create(value);
                    case "--concurrency" -> concurrency = positive(option, value);
                    case "--requests" -> requests = positive(option, value);
                    case "--seconds" -> duration = Duration.ofSeconds(positive(option, value));
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--header" -> {
                        if (value.indexOf(':') < 1) {
                            throw new UsageException("--header wants 'Name: value', got '" + value + "'");
                        }
                        headers.add(value);
                    }
                    case "--name" -> name = value;
                    default -> throw new UsageException("unknown option " + option);
                }
            }
            if (url == null || url.getScheme() == null || url.getHost() == null) {
                throw new UsageException("--url http://HOST:PORT/PATH is required");
            }
            return new Options(url, concurrency, requests, duration, Math.max(0, warmup), List.copyOf(headers),
                    name == null ? "GET " + url.getRawPath() : name);
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(option + " wants a whole number above 0, got '" + value + "'");
        }
    }

    /** The arguments cannot be used; the message says why (null: only the usage is printed). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** Latencies of the answered requests (nanoseconds, sorted), failures, and the wall time. */
    record Outcome(long[] latencies, int failures, Map<String, Integer> failureKinds, Duration elapsed) {

        int sent() {
            return latencies.length + failures;
        }

        double millisAt(double percentile) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }

        double perSecond() {
            return sent() / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println("LoadGenerator: " + e.getMessage());
            }
            System.err.println("usage: java bench/LoadGenerator.java --url URL [--concurrency 50] [--requests 20000] "
                    + "[--seconds 10] [--warmup 1000] [--header 'Name: value']... [--name LABEL]");
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try (ExecutorService io = Executors.newVirtualThreadPerTaskExecutor()) {
            // HTTP/1.1 on purpose: the default (HTTP/2) would first try an h2c upgrade on every new connection.
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(io)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest.Builder builder = HttpRequest.newBuilder(options.url()).timeout(Duration.ofSeconds(30)).GET();
            for (String header : options.headers()) {
                int colon = header.indexOf(':');
                builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            HttpRequest request = builder.build();
            if (options.warmup() > 0) {
                load(client, request, options.concurrency(), options.warmup(), options.duration());
            }
            Outcome outcome = load(client, request, options.concurrency(), options.requests(), options.duration());
            report(options, outcome);
            System.exit(outcome.failures() == 0 && outcome.sent() > 0 ? 0 : 1);
        }
    }

    /** Runs {@code concurrency} clients in a closed loop until {@code limit} requests are sent or time is up. */
    static Outcome load(HttpClient client, HttpRequest request, int concurrency, int limit, Duration duration)
            throws InterruptedException {
        long[] latencies = new long[limit];
        AtomicInteger next = new AtomicInteger();
        LongAdder failures = new LongAdder();
        Map<String, Integer> kinds = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        int slot = next.getAndIncrement();
                        if (slot >= limit) {
                            return;
                        }
                        long sent = System.nanoTime();
                        String failure;
                        try {
                            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                            int status = response.statusCode();
                            failure = status >= 200 && status < 300 ? null : "HTTP " + status;
                        } catch (IOException e) {
                            failure = e.getClass().getSimpleName();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        if (failure == null) {
                            latencies[slot] = Math.max(1, System.nanoTime() - sent);
                        } else {
                            failures.increment();
                            kinds.merge(failure, 1, Integer::sum);
                        }
                    }
                });
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] answered = Arrays.stream(latencies).filter(latency -> latency > 0).sorted().toArray();
        return new Outcome(answered, failures.intValue(), new TreeMap<>(kinds), elapsed);
    }

    private static void report(Options options, Outcome outcome) {
        System.out.printf(Locale.ROOT, "%s: %d requests in %.2f s (%.0f per second) from %d concurrent clients, %d failed%s%n",
                options.name(), outcome.sent(), outcome.elapsed().toNanos() / 1e9, outcome.perSecond(), options.concurrency(),
                outcome.failures(), outcome.failureKinds().isEmpty() ? "" : " " + outcome.failureKinds());
        System.out.printf(Locale.ROOT, "  latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                outcome.millisAt(50), outcome.millisAt(95), outcome.millisAt(99), outcome.millisAt(100));
        System.out.printf(Locale.ROOT, "RESULT requests=%d failed=%d seconds=%.2f rps=%.0f p50=%.2f p95=%.2f p99=%.2f max=%.2f%n",
                outcome.sent(), outcome.failures(), outcome.elapsed().toNanos() / 1e9, outcome.perSecond(),
                outcome.millisAt(50), outcome.millisAt(95), outcome.millisAt(99), outcome.millisAt(100));
    }
}
