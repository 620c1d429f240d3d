package io.keepwarm.web.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History positions are per owner (SPEC §3), taken when the events' transaction commits (V73, ADR 0026). Concurrent commits of different
 * owners can still reach the event store out of order: a transaction that took a lower global index commits after
 * one with a higher index: the later event is in the store (and, written inline, in the history) first, and the
 * earlier one fills a gap when it commits. Each still gets its own owner's position.
 */
class HistoryPositionIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager axonTransactions;

    @Test
    void an_event_that_fills_a_gap_gets_its_own_history_entry_at_its_owners_position() throws Exception {
        // Two owners, so that the gap is another owner's.
        Api slowOwner = newOwner();
        Api fastOwner = newOwner();
        OwnerId slowId = ownerId(slowOwner);
        OwnerId fastId = ownerId(fastOwner);
        ContactId first = contact(slowOwner, "Ada Early");
        ContactId second = contact(fastOwner, "Alan Late");

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowCommit =
                CompletableFuture.runAsync(() -> publish(interaction(slowId, first), () -> {
                    appended.countDown();
                    await(release);
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        publish(interaction(fastId, second), () -> {});
        long later = globalIndexOf(second, 1);
        // written inline (ADR 0019): the later event's entry is there when its write commits, the earlier one's gap
        // still open
        assertThat(historyPosition(second, 1)).isEqualTo(2);
        assertThat(historyPosition(first, 1)).isNull();

        release.countDown();
        slowCommit.get(30, TimeUnit.SECONDS);
        long earlier = globalIndexOf(first, 1);
        assertThat(earlier).isLessThan(later);

        eventually(() -> historyPosition(first, 1) != null);
        assertThat(historyPosition(first, 1)).as("each owner's second event").isEqualTo(2);
        assertThat(historyPosition(second, 1)).isEqualTo(2);
    }

    @Test
    void positions_count_per_owner_so_a_new_owners_first_entry_is_position_one() {
        Api busy = newOwner();
        for (int i = 0; i < 5; i++) {
            contact(busy, "Busy " + i);
        }
        Api fresh = newOwner();
        contact(fresh, "First");
        contact(fresh, "Second");

        var items = fresh.get("/api/history").json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("position").asLong()).isEqualTo(1);
        assertThat(items.get(1).get("position").asLong()).isEqualTo(2);
        var busyItems = busy.get("/api/history").json().get("items");
        for (int i = 0; i < busyItems.size(); i++) {
            assertThat(busyItems.get(i).get("position").asLong()).isEqualTo(i + 1L);
        }
    }

    @Test
    void one_owners_open_write_does_not_hold_up_its_next_write_and_positions_follow_commit_order() throws Exception {
        Api owner = newOwner();
        OwnerId ownerId = ownerId(owner);
        ContactId first = contact(owner, "Held");
        ContactId second = contact(owner, "Not waiting");

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowCommit =
                CompletableFuture.runAsync(() -> publish(interaction(ownerId, first), () -> {
                    appended.countDown();
                    await(release);
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        // appended and written inline, not committed: V22 held the owner's counter from here to the commit
        publish(interaction(ownerId, second), () -> {});
        assertThat(slowCommit).as("the first write is still open").isNotDone();
        assertThat(historyPosition(second, 1))
                .as("committed second, numbered third")
                .isEqualTo(3);

        release.countDown();
        slowCommit.get(30, TimeUnit.SECONDS);
        assertThat(historyPosition(first, 1))
                .as("committed last, numbered last")
                .isEqualTo(4);
        assertThat(eventPosition(first, 1)).isEqualTo(4);
        assertThat(eventPosition(second, 1)).isEqualTo(3);
        var items = owner.get("/api/history").json().get("items");
        for (int i = 0; i < items.size(); i++) {
            assertThat(items.get(i).get("position").asLong()).isEqualTo(i + 1L);
        }
    }

    @Test
    void an_owners_counter_is_held_from_numbering_to_commit_so_a_later_number_is_never_visible_first()
            throws Exception {
        Api owner = newOwner();
        OwnerId ownerId = ownerId(owner);
        ContactId held = contact(owner, "Numbered, not committed");
        ContactId next = contact(owner, "Next");
        Api other = newOwner();

        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slowCommit =
                CompletableFuture.runAsync(() -> publish(interaction(ownerId, held), () -> {
                    // what COMMIT does first: run the deferred numbering (the event takes its position here) ...
                    jdbc.execute("SET CONSTRAINTS domain_event_entry_numbered IMMEDIATE");
                    numbered.countDown();
                    // ... then hold the transaction open before the commit
                    await(release);
                }));
        assertThat(numbered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> waiting =
                CompletableFuture.runAsync(() -> publish(interaction(ownerId, next), () -> {}));
        assertThat(other.post("/api/contacts", Map.of("displayName", "Not held up"))
                        .status())
                .as("another owner writes meanwhile")
                .isEqualTo(201);
        Thread.sleep(300);
        assertThat(waiting)
                .as("the owner's next commit waits for the numbered one")
                .isNotDone();
        release.countDown();
        slowCommit.get(30, TimeUnit.SECONDS);
        waiting.get(30, TimeUnit.SECONDS);
        assertThat(eventPosition(held, 1)).isEqualTo(3);
        assertThat(historyPosition(held, 1)).isEqualTo(3);
        assertThat(historyPosition(next, 1)).isEqualTo(4);
        assertThat(eventPosition(next, 1)).isEqualTo(4);
    }

    /**
     * Publishes the event as a command does: appended in a unit of work with its transaction, the live read models
     * written inline at its prepare-commit; then, still before the commit, runs {@code beforeCommit}.
     */
    private void publish(GenericDomainEventMessage<?> event, Runnable beforeCommit) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(axonTransactions);
        unitOfWork.execute(() -> {
            eventStore.publish(event);
            // registered after the event store's own prepare-commit handler, so it runs once the event is appended
            CurrentUnitOfWork.get().onPrepareCommit(phase -> beforeCommit.run());
        });
    }

    private OwnerId ownerId(Api owner) {
        return new OwnerId(
                UUID.fromString(owner.get("/api/me").json().get("userId").asText()));
    }

    private static ContactId contact(Api owner, String name) {
        var created = owner.post("/api/contacts", Map.of("displayName", name));
        assertThat(created.status()).isEqualTo(201);
        return ContactId.of(created.json().get("contactId").asText());
    }

    private static GenericDomainEventMessage<InteractionLogged> interaction(OwnerId ownerId, ContactId contactId) {
        Instant now = Instant.now();
        InteractionLogged logged = new InteractionLogged(
                contactId,
                ownerId,
                InteractionId.random(),
                List.of(contactId),
                new InteractionRecord(now, Channel.CALL, InitiatedBy.ME, Favor.NONE, null),
                now);
        MetaData metaData = MetaData.with(EventStoreConfiguration.OWNER_ID, ownerId.toString())
                .and(EventStoreConfiguration.ACTOR_ID, ownerId.toString())
                .and(EventStoreConfiguration.CORRELATION_ID, UUID.randomUUID().toString());
        return new GenericDomainEventMessage<>("Contact", contactId.toString(), 1, logged, metaData);
    }

    private long globalIndexOf(ContactId contactId, long sequence) {
        Long index = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                contactId.toString(),
                sequence);
        return index == null ? -1 : index;
    }

    private Long eventPosition(ContactId contactId, long sequence) {
        return jdbc.queryForObject(
                "SELECT owner_position FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                contactId.toString(),
                sequence);
    }

    private Long historyPosition(ContactId contactId, long sequence) {
        return jdbc
                .query(
                        "SELECT position FROM history_entry WHERE contact_id = ? AND sequence_number = ?",
                        (rs, n) -> rs.getLong(1),
                        contactId.value(),
                        sequence)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
