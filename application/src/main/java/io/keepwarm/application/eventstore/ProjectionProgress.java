package io.keepwarm.application.eventstore;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * A doorbell between this node's projections and the requests waiting to read their own writes: a projection
 * rings it when a batch has committed, and a request waiting for read models wakes up to look again once each of
 * them has committed, rather than sleeping for a guessed interval or looking after every single commit.
 *
 * <p>It carries no data; the read models stay the only truth about what was applied ({@link ReadYourWrites}).
 * A batch committed on another node does not ring here, so a waiter still looks again after a bounded pause.
 */
@Component
public class ProjectionProgress {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Map<String, Long> commits = new HashMap<>();

    /** Called after a batch of this read model (any of its versions) has committed on this node. */
    public void committed(String readModel) {
        lock.lock();
        try {
            commits.merge(readModel, 1L, Long::sum);
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many batches of each of these read models have committed on this node so far: read it before looking at
     * the read models, and pass it (for those still behind) to {@link #awaitAfter}.
     */
    public Map<String, Long> commits(Collection<String> readModels) {
        lock.lock();
        try {
            Map<String, Long> counts = new HashMap<>();
            for (String readModel : readModels) {
                counts.put(readModel, commits.getOrDefault(readModel, 0L));
            }
            return counts;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until each of these read models has committed a batch since their counts were read, or the pause
     * passes, whichever is first. Returns at once if each already has.
     */
    public void awaitAfter(Map<String, Long> seen, long maxMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        lock.lock();
        try {
            while (!allAdvanced(seen) && remaining > 0) {
                remaining = advanced.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean allAdvanced(Map<String, Long> seen) {
        for (var readModel : seen.entrySet()) {
            if (commits.getOrDefault(readModel.getKey(), 0L)
                    == readModel.getValue().longValue()) {
                return false;
            }
        }
        return true;
    }
}
