package io.keepwarm.application.contact;

import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keepwarm.application.eventstore.ProjectionBatch;
import io.keepwarm.application.eventstore.ProjectionBatch.ContactKey;
import io.keepwarm.application.eventstore.ReadYourWrites;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.OwnerId;

/**
 * The contact list: each contact's details, whether it is archived, and its version (the aggregate's sequence
 * number, which the API shows as the ETag). Every event of a contact raises the version; only an event newer
 * than the row changes it, so redelivered events change nothing.
 */
@Component
@ProcessingGroup(ContactProjection.PROCESSING_GROUP)
public class ContactProjection implements ReadYourWrites.AppliedVersions {

    public static final String PROCESSING_GROUP = "contacts";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ContactProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactAdded event, @SequenceNumber long sequence) {
        ContactPersonalData p = event.personal();
        ContactAttributes a = event.attributes();
        batch().add("""
                        INSERT INTO contact_view (owner_id, contact_id, display_name, how_we_met, organization, role, city,
                                                  country_code, time_zone, tags, channels, added_at, updated_at, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.ownerId().value(), event.contactId().value(), p.displayName(), p.howWeMet(), p.organization(),
                p.role(), p.city(), a.countryCode(), a.timeZone(), a.tags().toArray(String[]::new), json(p.channels()),
                ProjectionBatch.ts(event.addedAt()), ProjectionBatch.ts(event.addedAt()), sequence);
    }

    @EventHandler
    void on(ContactDetailsUpdated event, @SequenceNumber long sequence) {
        ContactPersonalData p = event.personal();
        ContactAttributes a = event.attributes();
        batch().add("""
                        UPDATE contact_view SET display_name = ?, how_we_met = ?, organization = ?, role = ?, city = ?,
                                                country_code = ?, time_zone = ?, tags = ?, channels = ?::jsonb,
                                                updated_at = ?, version = ?
                        WHERE owner_id = ? AND contact_id = ? AND version < ?""",
                p.displayName(), p.howWeMet(), p.organization(), p.role(), p.city(), a.countryCode(), a.timeZone(),
                a.tags().toArray(String[]::new), json(p.channels()), ProjectionBatch.ts(event.updatedAt()), sequence,
                event.ownerId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(ContactArchived event, @SequenceNumber long sequence) {
        batch().add("UPDATE contact_view SET archived = TRUE, version = ? WHERE owner_id = ? AND contact_id = ? AND version < ?",
                sequence, event.ownerId().value(), event.contactId().value(), sequence);
    }

    @EventHandler
    void on(ContactRestored event, @SequenceNumber long sequence) {
        batch().add("UPDATE contact_view SET archived = FALSE, version = ? WHERE owner_id = ? AND contact_id = ? AND version < ?",
                sequence, event.ownerId().value(), event.contactId().value(), sequence);
    }

    /** A forgotten contact stays as a blanked tombstone row, left out of every answer. */
    @EventHandler
    void on(ContactForgotten event, @SequenceNumber long sequence) {
        batch().add("""
                        UPDATE contact_view SET forgotten = TRUE, display_name = '', how_we_met = NULL, organization = NULL,
                                                role = NULL, city = NULL, tags = '{}', channels = '{}', version = ?
                        WHERE owner_id = ? AND contact_id = ? AND version < ?""",
                sequence, event.ownerId().value(), event.contactId().value(), sequence);
    }

    /** Every other event of a contact only raises its version, once per batch for all contacts touched. */
    @EventHandler
    void on(ContactEvent event, @SequenceNumber long sequence) {
        batch().touch(event.ownerId().value(), event.contactId().value(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE contact_view");
    }

    @Override
    public String name() {
        return PROCESSING_GROUP;
    }

    @Override
    public int countApplied(OwnerId ownerId, UUID[] contactIds, Long[] versions) {
        Integer applied = jdbc.queryForObject("""
                        SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                        JOIN contact_view c ON c.owner_id = ? AND c.contact_id = w.contact_id AND c.version >= w.version""",
                Integer.class, contactIds, versions, ownerId.value());
        return applied == null ? 0 : applied;
    }

    private ProjectionBatch batch() {
        return ProjectionBatch.current(PROCESSING_GROUP, jdbc, ContactProjection::raiseVersions);
    }

    private static void raiseVersions(JdbcTemplate jdbc, Map<ContactKey, Long> touched) {
        jdbc.update("""
                        UPDATE contact_view c SET version = t.version
                        FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS t(owner_id, contact_id, version)
                        WHERE c.owner_id = t.owner_id AND c.contact_id = t.contact_id AND c.version < t.version""",
                ProjectionBatch.unnestArgs(touched));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
