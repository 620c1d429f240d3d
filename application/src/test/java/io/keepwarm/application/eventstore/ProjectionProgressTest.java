package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ProjectionProgressTest {

    /** Guards against a hang only; nothing here measures how fast anything is. */
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final long AN_HOUR = 3_600_000;

    private final ProjectionProgress progress = new ProjectionProgress();

    @Test
    void a_commit_after_the_count_was_read_ends_the_wait_at_once() {
        long seen = progress.commits();
        progress.committed();

        assertTimeoutPreemptively(HANG, () -> progress.awaitAfter(seen, AN_HOUR));
        assertThat(progress.commits()).isEqualTo(seen + 1);
    }

    @Test
    void a_waiter_sleeps_until_a_projection_commits() throws Exception {
        long seen = progress.commits();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean woke = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            try {
                progress.awaitAfter(seen, AN_HOUR);
                woke.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiting.await();
        assertThat(woke).isFalse();

        progress.committed();

        assertTimeoutPreemptively(HANG, () -> waiter.join());
        assertThat(woke).isTrue();
    }

    @Test
    void without_a_commit_the_wait_ends_after_the_pause() {
        long seen = progress.commits();

        assertTimeoutPreemptively(HANG, () -> progress.awaitAfter(seen, 5));
        assertThat(progress.commits()).isEqualTo(seen);
    }
}
