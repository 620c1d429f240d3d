package io.keepwarm.web.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for something asynchronous (a projection catching up, a rebuild switching, a node taking over) by
 * polling. The limit only keeps a broken build from hanging; no test asserts how long anything takes.
 */
public final class Eventually {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    private Eventually() {}

    /** Polls until the value satisfies the condition, and returns it. */
    public static <T> T until(String what, Supplier<T> value, java.util.function.Predicate<T> condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting for " + what + "; last seen: " + last);
    }

    public static void until(String what, Supplier<Boolean> condition) {
        until(what, condition, Boolean.TRUE::equals);
    }
}
