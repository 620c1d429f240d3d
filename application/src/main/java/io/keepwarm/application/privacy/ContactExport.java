package io.keepwarm.application.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/**
 * Everything keepwarm holds about one contact, for answering a subject-access request before forgetting:
 * the contact as the read model shows it and every event of the contact from the event store, decrypted.
 */
@Service
public class ContactExport {

    private static final ObjectMapper JSON = StoredMessageMapper.create(PersonalDataModule.clear());

    private final ContactLookup contacts;
    private final EventStore eventStore;

    /**
     * The contact as the read model shows it, for the export; the contact package's queries answer it (privacy
     * depends on no feature package, so the packages form no cycle: ArchitectureTest).
     */
    public interface ContactLookup {

        Optional<?> findOne(OwnerId ownerId, ContactId contactId, Instant at);
    }

    public ContactExport(ContactLookup contacts, EventStore eventStore) {
        this.contacts = contacts;
        this.eventStore = eventStore;
    }

    /** One stored event of the contact. */
    public record ExportedEvent(
            long sequenceNumber,
            String eventId,
            String type,
            Instant recordedAt,
            Map<String, Object> metaData,
            JsonNode payload) {}

    /**
     * The export: the contact (as {@link ContactLookup} gives it: the contact API's view) and its complete event
     * history, oldest first.
     */
    public record Export(Object contact, List<ExportedEvent> events) {}

    public Optional<Export> export(OwnerId ownerId, ContactId contactId, Instant at) {
        return contacts.findOne(ownerId, contactId, at)
                .map(contact -> new Export(
                        contact,
                        eventStore
                                .readEvents(contactId.toString())
                                .asStream()
                                .map(ContactExport::exported)
                                .toList()));
    }

    /** Writes an export as JSON to {@code out}, which stays open (the account's export writes one per contact). */
    public void write(Export export, java.io.OutputStream out) throws java.io.IOException {
        JSON.writerWithDefaultPrettyPrinter()
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, export);
    }

    private static ExportedEvent exported(DomainEventMessage<?> event) {
        return new ExportedEvent(
                event.getSequenceNumber(),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                new TreeMap<>(event.getMetaData()),
                JSON.valueToTree(event.getPayload()));
    }
}
