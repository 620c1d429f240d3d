package io.keepwarm.application.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.eventstore.ProjectionBatch.ContactKey;
import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.application.privacy.PersonalDataModule;
import io.keepwarm.application.projection.ProjectionTables;
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
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.Note;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relationship-history audit trail: every event of every contact becomes one entry, keyed by the event's
 * position among its owner's events (so entries are ordered per owner and a redelivered event is recognised by its
 * id).
 *
 * <p>One instance per projection version ({@link RelationshipHistoryReadModel} creates them), writing to that
 * version's table: {@code {history_entry}} below stands for {@code history_entry_v<N>}. The position is stored
 * with the event when its transaction commits (V73), so a rebuilt trail is identical to the one it replaces.
 */
public class RelationshipHistoryProjection {

    /** Renders event data in clear; personal data of a forgotten contact renders as {"forgotten": true}. */
    private static final ObjectMapper JSON = StoredMessageMapper.create(PersonalDataModule.clear());

    private final JdbcTemplate jdbc;
    private final ProjectionTables tables;
    private final String insert;
    private final String forgetPersonalData;
    private final String removeSharedNotes;

    public RelationshipHistoryProjection(JdbcTemplate jdbc, ProjectionTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        // The position is the event's own position among its owner's events, stored with the event, looked up by
        // its id: monotonic per owner, and the same in every rebuild. Not the tracking token's position: for a
        // gap-aware token that is the highest index seen so far, so an event whose transaction committed after a
        // later-numbered one (routine under concurrent writes) would get that later event's position. An event is
        // numbered when its transaction commits (V73, ADR 0026): written inline, in that transaction, its entry
        // takes a placeholder (minus the global index, never a real position) that the numbering replaces before
        // the commit; a rebuild reads committed, numbered events only.
        this.insert = tables.sql("""
                INSERT INTO {history_entry} (owner_id, position, sequence_number, event_id, type, contact_id,
                                             recorded_at, occurred_at, actor_id, correlation_id, summary, data)
                VALUES (?, (SELECT coalesce(owner_position, -global_index) FROM domain_event_entry
                            WHERE event_identifier = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT DO NOTHING""");
        // JSON paths as ARRAY[...] rather than '{...}' literals, which would read as table placeholders.
        this.forgetPersonalData = tables.sql("""
                UPDATE {history_entry} SET data =
                    keepwarm_forget_path(keepwarm_forget_path(keepwarm_forget_path(keepwarm_forget_path(
                    keepwarm_forget_path(keepwarm_forget_path(data, ARRAY['personal']), ARRAY['reason']),
                    ARRAY['interaction', 'note']), ARRAY['before', 'note']), ARRAY['after', 'note']),
                    ARRAY['changes', 'note'])
                WHERE owner_id = ? AND contact_id = ? AND sequence_number < ?""");
        // A shared note is personal data of every participant (docs/adr/0017): forgetting one removes it from every
        // participant's entries recorded until then, as a rebuild renders a note whose shared key is gone. Entries
        // recorded later (a remaining participant's correction) carry notes under a fresh key and stay.
        this.removeSharedNotes = tables.sql("""
                UPDATE {history_entry} h SET data = keepwarm_remove_shared_note(h.data)
                FROM interaction_registry mine
                JOIN interaction_registry theirs
                  ON theirs.owner_id = mine.owner_id AND theirs.interaction_id = mine.interaction_id
                WHERE mine.owner_id = ? AND mine.contact_id = ?
                  AND EXISTS (SELECT 1 FROM interaction_registry other
                              WHERE other.owner_id = mine.owner_id AND other.interaction_id = mine.interaction_id
                                AND other.contact_id <> mine.contact_id)
                  AND h.owner_id = theirs.owner_id AND h.contact_id = theirs.contact_id
                  AND h.data ->> 'interactionId' = theirs.interaction_id::text
                  AND h.recorded_at <= ?""");
    }

    @EventHandler
    void on(ContactEvent event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        batch().add(
                        ContactKey.of(event),
                        insert,
                        event.ownerId().value(),
                        message.getIdentifier(),
                        sequence,
                        message.getIdentifier(),
                        event.getClass().getSimpleName(),
                        event.contactId().value(),
                        ProjectionBatch.ts(recordedAt),
                        ProjectionBatch.ts(occurredAt(event)),
                        metaData(message, EventStoreConfiguration.ACTOR_ID),
                        metaData(message, EventStoreConfiguration.CORRELATION_ID),
                        summary(event, message),
                        data(event));
    }

    /** Forgetting keeps the trail's shape and blanks every personal part of the contact's earlier entries. */
    @EventHandler
    void on(
            ContactForgotten event,
            EventMessage<?> message,
            @SequenceNumber long sequence,
            @Timestamp Instant recordedAt) {
        on((ContactEvent) event, message, sequence, recordedAt);
        // Touches other contacts' entries too, so it is queued without a contact: it runs after everything before it.
        batch().add(
                        removeSharedNotes,
                        event.ownerId().value(),
                        event.contactId().value(),
                        ProjectionBatch.ts(recordedAt));
        batch().add(
                        ContactKey.of(event),
                        forgetPersonalData,
                        event.ownerId().value(),
                        event.contactId().value(),
                        sequence);
    }

    /** History entries are plain inserts: nothing to do per touched contact at the end of a batch. */
    private ProjectionBatch batch() {
        return ProjectionBatch.current(tables.processorName(), jdbc, (j, touched) -> {});
    }

    /** Empties this version's table; a rebuild never needs it (it starts from an empty table of its own). */
    @ResetHandler
    void reset() {
        jdbc.update(tables.sql("TRUNCATE {history_entry}"));
    }

    /** When the event's fact occurred, for the events that say so: an interaction's (corrected) occurredAt. */
    private static Instant occurredAt(ContactEvent event) {
        return event.accept(OCCURRED_AT);
    }

    private static final ContactEvent.Visitor<Instant> OCCURRED_AT = new AboutAnInteraction<>() {

        @Override
        public Instant interactionLogged(InteractionLogged event) {
            return event.interaction().occurredAt();
        }

        @Override
        public Instant interactionCorrected(InteractionCorrected event) {
            return event.after().occurredAt();
        }

        @Override
        Instant none() {
            return null;
        }
    };

    /**
     * A visitor for what only a logged or corrected interaction has; every other event type answers
     * {@link #none()}. A new event type is a method this class lacks, so each visitor built on it fails to compile
     * until it is decided.
     */
    private abstract static class AboutAnInteraction<R> implements ContactEvent.Visitor<R> {

        abstract R none();

        @Override
        public R added(ContactAdded event) {
            return none();
        }

        @Override
        public R detailsUpdated(ContactDetailsUpdated event) {
            return none();
        }

        @Override
        public R cadenceSet(CadenceSet event) {
            return none();
        }

        @Override
        public R cadenceCleared(CadenceCleared event) {
            return none();
        }

        @Override
        public R interactionRetracted(InteractionRetracted event) {
            return none();
        }

        @Override
        public R snoozed(ContactSnoozed event) {
            return none();
        }

        @Override
        public R woken(ContactWoken event) {
            return none();
        }

        @Override
        public R archived(ContactArchived event) {
            return none();
        }

        @Override
        public R restored(ContactRestored event) {
            return none();
        }

        @Override
        public R forgotten(ContactForgotten event) {
            return none();
        }
    }

    /** The event's sentence; an imported event says where from ("… (imported from LinkedIn)"). */
    private static String summary(ContactEvent event, EventMessage<?> message) {
        String source = metaData(message, EventStoreConfiguration.IMPORT_SOURCE);
        return source == null ? Summaries.of(event) : Summaries.of(event) + " (imported from " + source + ")";
    }

    private static String metaData(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /** The event's fields without the owner; a correction also lists each changed field with before and after. */
    private static String data(ContactEvent event) {
        ObjectNode data = JSON.valueToTree(event);
        data.remove("ownerId");
        InteractionCorrected e = event.accept(CORRECTION);
        if (e != null) {
            ObjectNode changes = data.putObject("changes");
            change(changes, "occurredAt", e.before().occurredAt(), e.after().occurredAt());
            change(changes, "channel", e.before().channel(), e.after().channel());
            change(changes, "initiatedBy", e.before().initiatedBy(), e.after().initiatedBy());
            change(changes, "favor", e.before().favor(), e.after().favor());
            if (removedWithParticipant(e.before().note())
                    || removedWithParticipant(e.after().note())) {
                changes.set("note", JSON.valueToTree(Note.REMOVED_WITH_PARTICIPANT));
            } else if (isForgotten(e.before().note()) || isForgotten(e.after().note())) {
                changes.putObject("note").put("forgotten", true);
            } else {
                change(changes, "note", noteOf(e.before()), noteOf(e.after()));
            }
        }
        return data.toString();
    }

    private static final ContactEvent.Visitor<InteractionCorrected> CORRECTION = new AboutAnInteraction<>() {

        @Override
        public InteractionCorrected interactionLogged(InteractionLogged event) {
            return null;
        }

        @Override
        public InteractionCorrected interactionCorrected(InteractionCorrected event) {
            return event;
        }

        @Override
        InteractionCorrected none() {
            return null;
        }
    };

    private static void change(ObjectNode changes, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            ObjectNode change = changes.putObject(field);
            change.set("before", JSON.valueToTree(before));
            change.set("after", JSON.valueToTree(after));
        }
    }

    private static boolean removedWithParticipant(Note note) {
        return note != null && note.removedWithParticipant();
    }

    private static boolean isForgotten(Note note) {
        return note != null && note.forgotten();
    }

    private static String noteOf(InteractionRecord interaction) {
        return interaction.noteText();
    }
}
