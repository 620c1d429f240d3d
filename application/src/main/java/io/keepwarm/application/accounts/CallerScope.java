package io.keepwarm.application.accounts;

import java.util.function.Supplier;

/**
 * Work done for a caller outside their request (an import job running on a background thread): within
 * {@link #run}, the {@link CurrentCaller} is that caller, so the events it appends carry their owner, actor and
 * correlation id as a request's would.
 */
public final class CallerScope {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerScope() {}

    public static <T> T run(Caller caller, Supplier<T> work) {
        Caller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The caller of the work running on this thread, or null outside {@link #run}. */
    public static Caller current() {
        return CURRENT.get();
    }
}
