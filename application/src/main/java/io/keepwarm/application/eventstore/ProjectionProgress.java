package io.keepwarm.application.eventstore;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * A doorbell between this node's projections and the requests waiting to read their own writes: a projection
 * rings it when a batch has committed, and a waiting request wakes up to look at the read models again, rather
 * than sleeping for a guessed interval.
 *
 * <p>It carries no data; the read models stay the only truth about what was applied ({@link ReadYourWrites}).
 * A batch committed on another node does not ring here, so a waiter still looks again after a bounded pause.
 */
@Component
public class ProjectionProgress {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private long commits;

    /** Called after a projection batch has committed on this node. */
    public void committed() {
        lock.lock();
        try {
            commits++;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many projection batches have committed on this node; pass it to {@link #awaitAfter} later. */
    public long commits() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a batch commits after the given count was read, or the pause passes, whichever is first.
     * Returns at once if one already has.
     */
    public void awaitAfter(long seen, long maxMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        lock.lock();
        try {
            while (commits == seen && remaining > 0) {
                remaining = advanced.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }
}
