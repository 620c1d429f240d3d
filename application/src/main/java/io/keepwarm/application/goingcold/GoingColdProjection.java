package io.keepwarm.application.goingcold;

import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.eventstore.ProjectionBatch.ContactKey;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.OwnerId;

/**
 * Keeps the inputs of the going-cold rules per contact: cadence, last interaction, asks and gives, snooze and
 * archive state. The rules themselves run at query time ({@link GoingColdQueries}), because status depends on
 * the instant asked about.
 *
 * <p>One instance per projection version ({@link GoingColdReadModel} creates them), writing to that version's
 * tables: {@code {going_cold}} in the statements below stands for {@code going_cold_v<N>}.
 *
 * <p>Idempotent under redelivery: contact rows change only for an event newer than the row's {@code version}
 * (the aggregate sequence number), interaction rows are keyed by interaction id, and the last interaction,
 * asks and gives are recomputed from the interaction rows of every contact the batch touched.
 */
public class GoingColdProjection {

    private final JdbcTemplate jdbc;
    private final ProjectionTables tables;
    private final String goingCold;
    private final String insertContact;
    private final String updateDetails;
    private final String insertInteraction;
    private final String correctInteraction;
    private final String retractInteraction;
    private final String recomputeInteractions;

    public GoingColdProjection(JdbcTemplate jdbc, ProjectionTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.goingCold = tables.table("going_cold");
        this.insertContact = tables.sql("""
                INSERT INTO {going_cold} (owner_id, contact_id, display_name, city, time_zone, tags, version)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
        this.updateDetails = tables.sql("""
                UPDATE {going_cold} SET display_name = ?, city = ?, time_zone = ?, tags = ?, version = ?
                WHERE owner_id = ? AND contact_id = ? AND version < ?""");
        this.insertInteraction = tables.sql("""
                INSERT INTO {going_cold_interaction} (owner_id, contact_id, interaction_id, occurred_at, favor)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""");
        this.correctInteraction = tables.sql("""
                UPDATE {going_cold_interaction} SET occurred_at = ?, favor = ?
                WHERE owner_id = ? AND contact_id = ? AND interaction_id = ?""");
        this.retractInteraction = tables.sql("""
                UPDATE {going_cold_interaction} SET retracted = TRUE
                WHERE owner_id = ? AND contact_id = ? AND interaction_id = ?""");
        this.recomputeInteractions = tables.sql("""
                UPDATE {going_cold} g
                SET last_interaction_at = s.last_interaction_at, asks = s.asks, gives = s.gives,
                    version = greatest(g.version, t.version)
                FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS t(owner_id, contact_id, version)
                CROSS JOIN LATERAL (
                    SELECT max(i.occurred_at) FILTER (WHERE NOT i.retracted) AS last_interaction_at,
                           count(*) FILTER (WHERE NOT i.retracted AND i.favor = 'ASKED')::int AS asks,
                           count(*) FILTER (WHERE NOT i.retracted AND i.favor = 'GAVE')::int AS gives
                    FROM {going_cold_interaction} i
                    WHERE i.owner_id = t.owner_id AND i.contact_id = t.contact_id) s
                WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id""");
    }

    @EventHandler
    void on(ContactAdded event, @SequenceNumber long sequence) {
        batch().add(insertContact,
                event.ownerId().value(), event.contactId().value(), event.personal().displayName(),
                event.personal().city(), event.attributes().timeZone(), event.attributes().tags().toArray(String[]::new),
                sequence);
    }

    @EventHandler
    void on(ContactDetailsUpdated event, @SequenceNumber long sequence) {
        batch().add(updateDetails,
                event.personal().displayName(), event.personal().city(), event.attributes().timeZone(),
                event.attributes().tags().toArray(String[]::new), sequence,
                event.ownerId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(CadenceSet event, @SequenceNumber long sequence) {
        update("cadence_days = ?, cadence_set_at = ?", event.ownerId(), event.contactId().value(), sequence,
                event.everyDays(), ProjectionBatch.ts(event.setAt()));
    }

    @EventHandler
    void on(CadenceCleared event, @SequenceNumber long sequence) {
        update("cadence_days = NULL, cadence_set_at = NULL", event.ownerId(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(ContactSnoozed event, @SequenceNumber long sequence) {
        update("snoozed_until = ?", event.ownerId(), event.contactId().value(), sequence,
                ProjectionBatch.ts(event.until()));
    }

    @EventHandler
    void on(ContactWoken event, @SequenceNumber long sequence) {
        update("snoozed_until = NULL", event.ownerId(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(ContactArchived event, @SequenceNumber long sequence) {
        update("archived = TRUE", event.ownerId(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(ContactRestored event, @SequenceNumber long sequence) {
        update("archived = FALSE", event.ownerId(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(InteractionLogged event, @SequenceNumber long sequence) {
        batch().add(insertInteraction,
                event.ownerId().value(), event.contactId().value(), event.interactionId().value(),
                ProjectionBatch.ts(event.interaction().occurredAt()), event.interaction().favor().name())
                .touch(event.ownerId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(InteractionCorrected event, @SequenceNumber long sequence) {
        batch().add(correctInteraction,
                ProjectionBatch.ts(event.after().occurredAt()), event.after().favor().name(),
                event.ownerId().value(), event.contactId().value(), event.interactionId().value())
                .touch(event.ownerId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(InteractionRetracted event, @SequenceNumber long sequence) {
        batch().add(retractInteraction,
                event.ownerId().value(), event.contactId().value(), event.interactionId().value())
                .touch(event.ownerId().value(), event.contactId().value(), sequence);
    }

    /** Empties this version's tables; a rebuild never needs it (it starts from empty tables of its own). */
    @ResetHandler
    void reset() {
        jdbc.update(tables.sql("TRUNCATE {going_cold}, {going_cold_interaction}"));
    }

    private void update(String assignments, OwnerId ownerId, UUID contactId, long sequence, Object... values) {
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = sequence;
        args[values.length + 1] = ownerId.value();
        args[values.length + 2] = contactId;
        args[values.length + 3] = sequence;
        batch().add("UPDATE " + goingCold + " SET " + assignments
                + ", version = ? WHERE owner_id = ? AND contact_id = ? AND version < ?", args);
    }

    private ProjectionBatch batch() {
        return ProjectionBatch.current(tables.processorName(), jdbc, this::recomputeInteractions);
    }

    /**
     * Last interaction (latest non-retracted occurredAt, so a backfill never moves it back and a retraction of the
     * latest does), asks and gives, for every contact the batch touched, in one statement.
     */
    private void recomputeInteractions(JdbcTemplate jdbc, Map<ContactKey, Long> touched) {
        jdbc.update(recomputeInteractions, ProjectionBatch.unnestArgs(touched));
    }
}
