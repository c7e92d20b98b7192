package dev.medianest.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls something a real daemon or server changes on its own time (a torrent's state, a page) until it
 * is as wanted. Only for what runs outside the test's clock; time inside MediaNest goes through a
 * {@link MutableClock} instead.
 */
public final class Await {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Reads until {@code done} holds and returns that value; fails with the last value after 15 s. */
    public static <T> T until(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not there after " + TIMEOUT.toSeconds() + " s: " + value);
            }
            Thread.sleep(POLL_MILLIS);
            value = read.get();
        }
        return value;
    }
}
