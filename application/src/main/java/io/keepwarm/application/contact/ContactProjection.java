package io.keepwarm.application.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.eventstore.ProjectionBatch.ContactKey;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.NameOrder;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.util.Map;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contact list: each contact's details, whether it is archived, and its version (the aggregate's sequence
 * number, which the API shows as the ETag). Every event of a contact raises the version; only an event newer
 * than the row changes it, so redelivered events change nothing.
 *
 * <p>One instance per projection version ({@link ContactReadModel} creates them), writing to that version's
 * table: {@code {contact_view}} below stands for {@code contact_view_v<N>}.
 */
public class ContactProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The index of the insert's {@code version} argument, which a later event of the same batch may raise. */
    private static final int INSERT_VERSION = 13;

    private final JdbcTemplate jdbc;
    private final ProjectionTables tables;
    private final String insert;
    private final String updateDetails;
    private final String archive;
    private final String restore;
    private final String forget;
    private final String raiseVersions;

    public ContactProjection(JdbcTemplate jdbc, ProjectionTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.insert = tables.sql("""
                INSERT INTO {contact_view} (owner_id, contact_id, display_name, how_we_met, organization, role, city,
                                            country_code, time_zone, tags, channels, added_at, updated_at, version,
                                            known_since, sort_key, search_name, search_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner_id, contact_id) DO UPDATE SET version = excluded.version
                WHERE {contact_view}.version < excluded.version""");
        this.updateDetails = tables.sql("""
                UPDATE {contact_view} SET display_name = ?, how_we_met = ?, organization = ?, role = ?, city = ?,
                                          country_code = ?, time_zone = ?, tags = ?, channels = ?::jsonb,
                                          updated_at = ?, version = ?, known_since = coalesce(?, known_since),
                                          sort_key = ?, search_name = ?, search_text = ?
                WHERE owner_id = ? AND contact_id = ? AND version < ?""");
        this.archive = tables.sql(
                "UPDATE {contact_view} SET archived = TRUE, version = ? WHERE owner_id = ? AND contact_id = ? AND version < ?");
        this.restore = tables.sql(
                "UPDATE {contact_view} SET archived = FALSE, version = ? WHERE owner_id = ? AND contact_id = ? AND version < ?");
        this.forget = tables.sql("""
                UPDATE {contact_view} SET forgotten = TRUE, display_name = '', how_we_met = NULL, organization = NULL,
                                          role = NULL, city = NULL, tags = '{}', channels = '{}', version = ?,
                                          sort_key = '\\x', search_name = '', search_text = ''
                WHERE owner_id = ? AND contact_id = ? AND version < ?""");
        this.raiseVersions = tables.sql("""
                UPDATE {contact_view} c SET version = t.version
                FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS t(owner_id, contact_id, version)
                WHERE c.owner_id = t.owner_id AND c.contact_id = t.contact_id AND c.version < t.version""");
    }

    private void apply(ContactAdded event, long sequence) {
        ContactPersonalData p = event.personal();
        ContactAttributes a = event.attributes();
        batch().add(
                        ContactKey.of(event),
                        insert,
                        event.ownerId().value(),
                        event.contactId().value(),
                        p.displayName(),
                        p.howWeMet(),
                        p.organization(),
                        p.role(),
                        p.city(),
                        a.countryCode(),
                        a.timeZone(),
                        a.tags().toArray(String[]::new),
                        json(p.channels()),
                        ProjectionBatch.ts(event.addedAt()),
                        ProjectionBatch.ts(event.addedAt()),
                        sequence,
                        ProjectionBatch.ts(event.knownSince()),
                        NameOrder.key(p.displayName()),
                        indexed(p, a).name(),
                        indexed(p, a).text());
    }

    private void apply(ContactDetailsUpdated event, long sequence) {
        ContactPersonalData p = event.personal();
        ContactAttributes a = event.attributes();
        batch().add(
                        ContactKey.of(event),
                        updateDetails,
                        p.displayName(),
                        p.howWeMet(),
                        p.organization(),
                        p.role(),
                        p.city(),
                        a.countryCode(),
                        a.timeZone(),
                        a.tags().toArray(String[]::new),
                        json(p.channels()),
                        ProjectionBatch.ts(event.updatedAt()),
                        sequence,
                        event.knownSince() == null ? null : ProjectionBatch.ts(event.knownSince()),
                        NameOrder.key(p.displayName()),
                        indexed(p, a).name(),
                        indexed(p, a).text(),
                        event.ownerId().value(),
                        event.contactId().value(),
                        sequence);
    }

    private void apply(ContactArchived event, long sequence) {
        batch().add(
                        ContactKey.of(event),
                        archive,
                        sequence,
                        event.ownerId().value(),
                        event.contactId().value(),
                        sequence);
    }

    private void apply(ContactRestored event, long sequence) {
        batch().add(
                        ContactKey.of(event),
                        restore,
                        sequence,
                        event.ownerId().value(),
                        event.contactId().value(),
                        sequence);
    }

    /** A forgotten contact stays as a blanked tombstone row, left out of every answer. */
    private void apply(ContactForgotten event, long sequence) {
        batch().add(
                        ContactKey.of(event),
                        forget,
                        sequence,
                        event.ownerId().value(),
                        event.contactId().value(),
                        sequence);
    }

    /**
     * Every contact event, through an exhaustive visitor: a new event type does not compile until it says what it
     * does to the contact's row. Events that change no column only raise its version, once per batch for all
     * contacts touched.
     */
    @EventHandler
    void on(ContactEvent event, @SequenceNumber long sequence) {
        event.accept(new ContactEvent.Visitor<Void>() {

            @Override
            public Void added(ContactAdded e) {
                apply(e, sequence);
                return null;
            }

            @Override
            public Void detailsUpdated(ContactDetailsUpdated e) {
                apply(e, sequence);
                return null;
            }

            @Override
            public Void archived(ContactArchived e) {
                apply(e, sequence);
                return null;
            }

            @Override
            public Void restored(ContactRestored e) {
                apply(e, sequence);
                return null;
            }

            @Override
            public Void forgotten(ContactForgotten e) {
                apply(e, sequence);
                return null;
            }

            @Override
            public Void cadenceSet(CadenceSet e) {
                return touch(e);
            }

            @Override
            public Void cadenceCleared(CadenceCleared e) {
                return touch(e);
            }

            @Override
            public Void interactionLogged(InteractionLogged e) {
                return touch(e);
            }

            @Override
            public Void interactionCorrected(InteractionCorrected e) {
                return touch(e);
            }

            @Override
            public Void interactionRetracted(InteractionRetracted e) {
                return touch(e);
            }

            @Override
            public Void snoozed(ContactSnoozed e) {
                return touch(e);
            }

            @Override
            public Void woken(ContactWoken e) {
                return touch(e);
            }

            /**
             * Raises the version: folded into the row's insert when this batch queued it last for the contact (a
             * redelivered insert whose row exists then raises its version as the update would), otherwise once per
             * batch for all contacts touched.
             */
            private Void touch(ContactEvent e) {
                if (!batch().raiseQueued(ContactKey.of(e), insert, INSERT_VERSION, sequence)) {
                    batch().touch(e.ownerId().value(), e.contactId().value(), sequence);
                }
                return null;
            }
        });
    }

    /** Empties this version's table; a rebuild never needs it (it starts from an empty table of its own). */
    @ResetHandler
    void reset() {
        jdbc.update(tables.sql("TRUNCATE {contact_view}"));
    }

    private ProjectionBatch batch() {
        return ProjectionBatch.current(tables.processorName(), jdbc, this::raiseVersions);
    }

    private void raiseVersions(ProjectionBatch batch, Map<ContactKey, Long> touched) {
        batch.add(raiseVersions, ProjectionBatch.unnestArgs(touched));
    }

    private static SearchText.Indexed indexed(ContactPersonalData p, ContactAttributes a) {
        return SearchText.Indexed.of(p.displayName(), p.organization(), p.role(), p.city(), a.tags(), p.channels());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
