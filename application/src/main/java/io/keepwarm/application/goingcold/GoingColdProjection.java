package io.keepwarm.application.goingcold;

import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.util.function.Consumer;
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
 * (the aggregate sequence number), interaction rows are keyed by interaction id, and the last interaction,
 * asks and gives are recomputed from the interaction rows of every contact the batch touched.
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

    @EventHandler
    void on(ContactAdded event, @SequenceNumber long sequence) {
        fold(batch -> batch.added(
                event.ownerId().value(),
                event.contactId().value(),
                sequence,
                event.personal().displayName(),
                event.personal().city(),
                event.attributes().timeZone(),
                event.attributes().tags(),
                event.knownSince()));
    }

    @EventHandler
    void on(ContactDetailsUpdated event, @SequenceNumber long sequence) {
        fold(batch -> {
            batch.details(
                    event.ownerId().value(),
                    event.contactId().value(),
                    sequence,
                    event.personal().displayName(),
                    event.personal().city(),
                    event.attributes().timeZone(),
                    event.attributes().tags());
            batch.known(event.ownerId().value(), event.contactId().value(), sequence, event.knownSince());
        });
    }

    @EventHandler
    void on(CadenceSet event, @SequenceNumber long sequence) {
        fold(batch -> batch.cadence(
                event.ownerId().value(), event.contactId().value(), sequence, event.everyDays(), event.firstDueAt()));
    }

    @EventHandler
    void on(CadenceCleared event, @SequenceNumber long sequence) {
        fold(batch -> batch.cadence(event.ownerId().value(), event.contactId().value(), sequence, null, null));
    }

    @EventHandler
    void on(ContactSnoozed event, @SequenceNumber long sequence) {
        fold(batch -> batch.snooze(event.ownerId().value(), event.contactId().value(), sequence, event.until()));
    }

    @EventHandler
    void on(ContactWoken event, @SequenceNumber long sequence) {
        fold(batch -> batch.snooze(event.ownerId().value(), event.contactId().value(), sequence, null));
    }

    @EventHandler
    void on(ContactArchived event, @SequenceNumber long sequence) {
        fold(batch -> batch.archived(event.ownerId().value(), event.contactId().value(), sequence, true));
    }

    @EventHandler
    void on(ContactRestored event, @SequenceNumber long sequence) {
        fold(batch -> batch.archived(event.ownerId().value(), event.contactId().value(), sequence, false));
    }

    @EventHandler
    void on(ContactForgotten event, @SequenceNumber long sequence) {
        fold(batch -> batch.forgotten(event.ownerId().value(), event.contactId().value(), sequence));
    }

    @EventHandler
    void on(InteractionLogged event, @SequenceNumber long sequence) {
        fold(batch -> batch.logged(
                event.ownerId().value(),
                event.contactId().value(),
                event.interactionId().value(),
                sequence,
                event.interaction().occurredAt(),
                event.interaction().favor().name()));
    }

    @EventHandler
    void on(InteractionCorrected event, @SequenceNumber long sequence) {
        fold(batch -> batch.corrected(
                event.ownerId().value(),
                event.contactId().value(),
                event.interactionId().value(),
                sequence,
                event.after().occurredAt(),
                event.after().favor().name()));
    }

    @EventHandler
    void on(InteractionRetracted event, @SequenceNumber long sequence) {
        fold(batch -> batch.retracted(
                event.ownerId().value(),
                event.contactId().value(),
                event.interactionId().value(),
                sequence));
    }

    /** Empties this version's tables; a rebuild never needs it (it starts from empty tables of its own). */
    @ResetHandler
    void reset() {
        jdbc.update(tables.sql("TRUNCATE {going_cold}, {going_cold_interaction}"));
    }

    private void fold(Consumer<GoingColdBatch> change) {
        ProjectionBatch.accumulate(
                tables.processorName(), GoingColdBatch::new, batch -> batch.flush(jdbc, statements), change);
    }
}
