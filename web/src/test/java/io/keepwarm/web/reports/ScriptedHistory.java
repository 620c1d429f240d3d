package io.keepwarm.web.reports;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an owner's history into the event store with chosen recorded instants, as the Contact aggregate would
 * have written it: real events, real metadata ({@code ownerId}, {@code actorId}, {@code correlationId}), each
 * contact's sequence numbers in order, published through Axon's {@link EventStore} so the event table, the
 * subscribing processors and the tracking projections all see them as usual.
 *
 * <p>This is how a test says "recorded on 10 February 2011" without waiting for that day: the event's timestamp
 * (the {@code time_stamp} column) is the recorded instant the reports' bitemporal rules read.
 */
final class ScriptedHistory {

    private static final String AGGREGATE_TYPE = "Contact";

    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private EventStorageEngine behindTheReadModels;
    private final OwnerId owner;
    private final Map<ContactId, Long> sequences = new HashMap<>();
    private final Map<InteractionId, Logged> interactions = new HashMap<>();

    private record Logged(List<ContactId> contacts, InteractionRecord current) {}

    ScriptedHistory(EventStore eventStore, TransactionTemplate transaction, OwnerId owner) {
        this.eventStore = eventStore;
        this.transaction = transaction;
        this.owner = owner;
    }

    /**
     * From now on appends straight to the storage engine, past the event bus: the events are in the store (the
     * reports read them) but the live read models, written inline by the bus's subscribers, never see them until a
     * rebuild replays the store.
     */
    void appendBehindTheReadModels(EventStorageEngine storageEngine) {
        this.behindTheReadModels = storageEngine;
    }

    /**
     * The owner an API client acts for, learnt the way the server records it: the client adds a throwaway
     * contact (no cadence, so no report lists it) and the event store says whose it is.
     */
    static OwnerId ownerOf(io.keepwarm.web.testsupport.Api client, JdbcTemplate jdbc) {
        var created = client.post("/api/contacts", Map.of("displayName", "owner probe"));
        if (created.status() != 201) {
            throw new IllegalStateException("could not add the probe contact: " + created);
        }
        UUID owner = jdbc.queryForObject(
                "SELECT owner_id FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                UUID.class,
                created.json().get("contactId").asText());
        return new OwnerId(owner);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static InteractionRecord interaction(String occurredAt, Channel channel, InitiatedBy initiatedBy, Favor favor) {
        return new InteractionRecord(at(occurredAt), channel, initiatedBy, favor, Note.of("note"));
    }

    ContactId addContact(Instant recordedAt, String displayName, String city, String timeZone, String... tags) {
        ContactId contactId = ContactId.random();
        append(
                recordedAt,
                new ContactAdded(
                        contactId,
                        owner,
                        personal(displayName, city),
                        new ContactAttributes(null, timeZone, Arrays.asList(tags)),
                        recordedAt));
        return contactId;
    }

    void updateDetails(
            Instant recordedAt, ContactId contactId, String displayName, String city, String timeZone, String... tags) {
        append(
                recordedAt,
                new ContactDetailsUpdated(
                        contactId,
                        owner,
                        personal(displayName, city),
                        new ContactAttributes(null, timeZone, Arrays.asList(tags)),
                        recordedAt));
    }

    void setCadence(Instant recordedAt, ContactId contactId, int everyDays) {
        append(recordedAt, new CadenceSet(contactId, owner, everyDays, recordedAt));
    }

    void snooze(Instant recordedAt, ContactId contactId, Instant until) {
        append(recordedAt, new ContactSnoozed(contactId, owner, until, recordedAt));
    }

    void archive(Instant recordedAt, ContactId contactId) {
        append(recordedAt, new ContactArchived(contactId, owner, recordedAt));
    }

    /** Forgets the contact; the key shredder (a subscribing handler) destroys its key in the same transaction. */
    void forget(Instant recordedAt, ContactId contactId) {
        append(recordedAt, new ContactForgotten(contactId, owner, recordedAt));
    }

    InteractionId logInteraction(Instant recordedAt, InteractionRecord record, ContactId... contacts) {
        InteractionId interactionId = InteractionId.random();
        List<ContactId> participants = List.of(contacts);
        interactions.put(interactionId, new Logged(participants, record));
        append(
                recordedAt,
                participants.stream()
                        .map(contactId -> (ContactEvent) new InteractionLogged(
                                contactId, owner, interactionId, participants, record, recordedAt))
                        .toList());
        return interactionId;
    }

    void correctInteraction(Instant recordedAt, InteractionId interactionId, InteractionRecord after) {
        Logged logged = interactions.get(interactionId);
        interactions.put(interactionId, new Logged(logged.contacts(), after));
        append(
                recordedAt,
                logged.contacts().stream()
                        .map(contactId -> (ContactEvent) new InteractionCorrected(
                                contactId, owner, interactionId, logged.current(), after, recordedAt))
                        .toList());
    }

    void retractInteraction(Instant recordedAt, InteractionId interactionId) {
        Logged logged = interactions.get(interactionId);
        append(
                recordedAt,
                logged.contacts().stream()
                        .map(contactId -> (ContactEvent) new InteractionRetracted(
                                contactId, owner, interactionId, Note.of("logged by mistake"), recordedAt))
                        .toList());
    }

    private void append(Instant recordedAt, ContactEvent event) {
        append(recordedAt, List.of(event));
    }

    /** One transaction, one correlation id, every event stamped with the recorded instant. */
    private void append(Instant recordedAt, List<ContactEvent> events) {
        MetaData metaData = MetaData.with(EventStoreConfiguration.OWNER_ID, owner.toString())
                .and(EventStoreConfiguration.ACTOR_ID, owner.toString())
                .and(EventStoreConfiguration.CORRELATION_ID, "scripted-" + UUID.randomUUID());
        List<EventMessage<?>> messages = new ArrayList<>();
        for (ContactEvent event : events) {
            long sequence = sequences.merge(event.contactId(), 0L, (previous, zero) -> previous + 1);
            messages.add(new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE,
                    event.contactId().toString(),
                    sequence,
                    event,
                    metaData,
                    UUID.randomUUID().toString(),
                    recordedAt));
        }
        if (behindTheReadModels != null) {
            transaction.executeWithoutResult(status -> behindTheReadModels.appendEvents(messages));
        } else {
            transaction.executeWithoutResult(status -> eventStore.publish(messages));
        }
    }

    private static ContactPersonalData personal(String displayName, String city) {
        return new ContactPersonalData(displayName, null, null, null, city, Map.of());
    }
}
