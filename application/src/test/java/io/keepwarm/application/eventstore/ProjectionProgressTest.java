package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProjectionProgressTest {

    /** Guards against a hang only; nothing here measures how fast anything is. */
    private static final Duration HANG = Duration.ofSeconds(30);

    private static final long AN_HOUR = 3_600_000;

    private final ProjectionProgress progress = new ProjectionProgress();

    @Test
    void commits_of_each_read_model_after_the_counts_were_read_end_the_wait_at_once() {
        Map<String, Long> seen = progress.commits(List.of("going-cold", "contacts"));
        progress.committed("contacts");
        progress.committed("going-cold");

        assertTimeoutPreemptively(HANG, () -> progress.awaitAfter(seen, AN_HOUR));
        assertThat(progress.commits(List.of("contacts"))).containsEntry("contacts", 1L);
    }

    @Test
    void a_waiter_sleeps_until_each_read_model_it_waits_for_has_committed() throws Exception {
        Map<String, Long> seen = progress.commits(List.of("going-cold", "contacts"));
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

        progress.committed("relationship-history");
        progress.committed("contacts");
        progress.committed("contacts");
        waiter.join(200); // a waiter woken by those would finish here: going-cold has not committed
        assertThat(woke).isFalse();
        assertThat(waiter.isAlive()).isTrue();

        progress.committed("going-cold");

        assertTimeoutPreemptively(HANG, () -> waiter.join());
        assertThat(woke).isTrue();
    }

    @Test
    void without_a_commit_the_wait_ends_after_the_pause() {
        Map<String, Long> seen = progress.commits(List.of("going-cold"));

        assertTimeoutPreemptively(HANG, () -> progress.awaitAfter(seen, 5));
        assertThat(progress.commits(List.of("going-cold"))).isEqualTo(seen);
    }
}
