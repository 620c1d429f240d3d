package io.keepwarm.application.goingcold;

import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.RebuildReplay;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.util.UUID;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the inputs of the going-cold rules per contact: cadence, last interaction, asks and gives, snooze and
 * archive state. The rules themselves run at query time ({@link GoingColdQueries}), because status depends on
 * the instant asked about.
 *
 * <p>One instance per projection version ({@link GoingColdReadModel} creates them), writing to that version's
 * tables. Handlers only fold their event into the processor batch's {@link GoingColdBatch}; the batch is
 * written with a handful of set-based statements when it commits, however many events it holds.
 *
 * <p>Idempotent under redelivery: contact fields change only for an event newer than the row's {@code version}
 * (the aggregate sequence number), interaction rows are keyed by interaction id, and a batch whose interactions
 * were (partly) there already recomputes the last interaction, asks and gives of every contact it touched from
 * their interaction rows (GoingColdBatchIT).
 */
public class GoingColdProjection {

    private final JdbcTemplate jdbc;
    private final ProjectionTables tables;
    private final GoingColdBatch.Statements statements;

    public GoingColdProjection(JdbcTemplate jdbc, ProjectionTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.statements = new GoingColdBatch.Statements(tables);
    }

    /** Every contact event, folded into the batch by {@link Fold}: a new event type does not compile until it is. */
    @EventHandler
    void on(ContactEvent event, @SequenceNumber long sequence) {
        ProjectionBatch.accumulate(
                tables.processorName(),
                GoingColdBatch::new,
                batch -> batch.flush(jdbc, statements, RebuildReplay.deferring()),
                batch -> fold(batch, event, sequence));
    }

    /** Folds one event of aggregate sequence number {@code sequence} into {@code batch}. */
    static void fold(GoingColdBatch batch, ContactEvent event, long sequence) {
        event.accept(new Fold(batch, event.ownerId().value(), event.contactId().value(), sequence));
    }

    /** What each contact event does to the going-cold inputs. */
    private record Fold(GoingColdBatch batch, UUID owner, UUID contact, long sequence)
            implements ContactEvent.Visitor<Void> {

        @Override
        public Void added(ContactAdded event) {
            batch.added(
                    owner,
                    contact,
                    sequence,
                    event.personal().displayName(),
                    event.personal().city(),
                    event.attributes().timeZone(),
                    event.attributes().tags(),
                    event.knownSince());
            return null;
        }

        @Override
        public Void detailsUpdated(ContactDetailsUpdated event) {
            batch.details(
                    owner,
                    contact,
                    sequence,
                    event.personal().displayName(),
                    event.personal().city(),
                    event.attributes().timeZone(),
                    event.attributes().tags());
            batch.known(owner, contact, sequence, event.knownSince());
            return null;
        }

        @Override
        public Void cadenceSet(CadenceSet event) {
            batch.cadence(owner, contact, sequence, event.everyDays(), event.firstDueAt());
            return null;
        }

        @Override
        public Void cadenceCleared(CadenceCleared event) {
            batch.cadence(owner, contact, sequence, null, null);
            return null;
        }

        @Override
        public Void interactionLogged(InteractionLogged event) {
            batch.logged(
                    owner,
                    contact,
                    event.interactionId().value(),
                    sequence,
                    event.interaction().occurredAt(),
                    event.interaction().favor());
            return null;
        }

        @Override
        public Void interactionCorrected(InteractionCorrected event) {
            batch.corrected(
                    owner,
                    contact,
                    event.interactionId().value(),
                    sequence,
                    event.after().occurredAt(),
                    event.after().favor());
            return null;
        }

        @Override
        public Void interactionRetracted(InteractionRetracted event) {
            batch.retracted(owner, contact, event.interactionId().value(), sequence);
            return null;
        }

        @Override
        public Void snoozed(ContactSnoozed event) {
            batch.snooze(owner, contact, sequence, event.until());
            return null;
        }

        @Override
        public Void woken(ContactWoken event) {
            batch.snooze(owner, contact, sequence, null);
            return null;
        }

        @Override
        public Void archived(ContactArchived event) {
            batch.archived(owner, contact, sequence, true);
            return null;
        }

        @Override
        public Void restored(ContactRestored event) {
            batch.archived(owner, contact, sequence, false);
            return null;
        }

        @Override
        public Void forgotten(ContactForgotten event) {
            batch.forgotten(owner, contact, sequence);
            return null;
        }
    }

    /** Empties this version's tables; a rebuild never needs it (it starts from empty tables of its own). */
    @ResetHandler
    void reset() {
        jdbc.update(tables.sql("TRUNCATE {going_cold}, {going_cold_interaction}"));
    }
}
