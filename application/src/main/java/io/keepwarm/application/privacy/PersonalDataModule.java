package io.keepwarm.application.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.PersonalData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * How {@link PersonalData} is written to and read from JSON.
 *
 * <ul>
 *   <li>Forgotten placeholders are always written as {@code {"forgotten":true}} and read back as the placeholder.</li>
 *   <li>With a {@link ContactKeys} (the event store's mapper), every other value is sealed:
 *       {@code {"key":"<contact id>","sealed":"<base64 AES-GCM>"}}; reading a sealed value whose key was destroyed
 *       gives the placeholder, so replays and rebuilds never fail on a forgotten contact.</li>
 *   <li>The notes of an interaction with several contacts are sealed with the interaction's own key instead:
 *       {@code {"noteKey":"<key id>","sealed":"..."}}; once a participant was forgotten that key is gone and the note
 *       reads as {@link Note#REMOVED_WITH_PARTICIPANT}, written {@code {"forgotten":true,"because":
 *       "participant-forgotten"}} (docs/adr/0017).</li>
 *   <li>Without keys (the mapper that renders history data and exports), values are written in clear.</li>
 * </ul>
 */
public final class PersonalDataModule extends SimpleModule {

    private final transient ContactKeys keys;
    /** A mapper without this module: the clear JSON inside a sealed value. */
    private final transient ObjectMapper plain;

    /** Clear-text personal data, forgotten placeholders recognised: for rendering history data and exports. */
    public static PersonalDataModule clear() {
        return new PersonalDataModule(null, StoredMessageMapper.create());
    }

    /** Sealed personal data: encrypted with each contact's key, for the event store. */
    public static PersonalDataModule sealed(ContactKeys keys) {
        return new PersonalDataModule(keys, StoredMessageMapper.create(), true);
    }

    /**
     * Sealed personal data as {@link #sealed} writes and reads it, except that notes are not read: a stored note,
     * sealed or not, is skipped and reads as {@code null} (no note), without a key lookup or a decryption. Only for
     * the events of a replay whose handlers never read a note ({@code ProjectionDefinition.readsNotes()}), from a
     * message source of their own, so no other handler ever sees such an event (docs/adr/0030).
     */
    public static PersonalDataModule sealedNotesUnread(ContactKeys keys) {
        return new PersonalDataModule(keys, StoredMessageMapper.create(), false);
    }

    private PersonalDataModule(ContactKeys keys, ObjectMapper plain) {
        this(keys, plain, true);
    }

    private PersonalDataModule(ContactKeys keys, ObjectMapper plain, boolean readsNotes) {
        super("keepwarm-personal-data");
        this.keys = keys;
        this.plain = plain;
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(
                    SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
                return PersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new Sealing((JsonSerializer<Object>) serializer)
                        : serializer;
            }
        });
        addDeserializer(
                ContactPersonalData.class,
                new Unsealing<>(
                        ContactPersonalData.class, ContactPersonalData.FORGOTTEN, ContactPersonalData.FORGOTTEN));
        addDeserializer(
                Note.class,
                readsNotes
                        ? new Unsealing<>(Note.class, Note.FORGOTTEN, Note.REMOVED_WITH_PARTICIPANT)
                        : new Unread<>());
    }

    /** A value that is not read: its JSON is skipped, and it reads as absent. */
    private static final class Unread<T> extends JsonDeserializer<T> {

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            parser.skipChildren();
            return null;
        }
    }

    /** The {@code because} of a shared note removed when one of its participants was forgotten. */
    public static final String PARTICIPANT_FORGOTTEN = "participant-forgotten";

    private static boolean isForgotten(Object value) {
        return value == ContactPersonalData.FORGOTTEN
                || value == Note.FORGOTTEN
                || value == Note.REMOVED_WITH_PARTICIPANT;
    }

    private final class Sealing extends JsonSerializer<Object> {

        private final JsonSerializer<Object> clear;

        Sealing(JsonSerializer<Object> clear) {
            this.clear = clear;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (isForgotten(value)) {
                generator.writeStartObject();
                generator.writeBooleanField("forgotten", true);
                if (value == Note.REMOVED_WITH_PARTICIPANT) {
                    generator.writeStringField("because", PARTICIPANT_FORGOTTEN);
                }
                generator.writeEndObject();
                return;
            }
            if (keys == null) {
                clear.serialize(value, generator, provider);
                return;
            }
            SealingContext.Scope scope = SealingContext.scope();
            if (scope == null || scope.contactId() == null) {
                throw new IllegalStateException(
                        "personal data serialized outside a contact event: refusing to store it unencrypted");
            }
            if (value instanceof Note && isShared(scope)) {
                // Personal data of every participant: sealed with the interaction's key, which forgetting any of
                // them destroys.
                ContactKeys.NoteKey noteKey = keys.sharedNoteKeyForWriting(scope.ownerId(), scope.interactionId());
                byte[] sealed =
                        PersonalDataCipher.seal(noteKey.key(), plain.writeValueAsBytes(value), aad(noteKey.keyId()));
                generator.writeStartObject();
                generator.writeStringField("noteKey", noteKey.keyId().toString());
                generator.writeStringField("sealed", Base64.getEncoder().encodeToString(sealed));
                generator.writeEndObject();
                return;
            }
            UUID contactId = scope.contactId();
            Optional<byte[]> key = keys.forWriting(contactId);
            generator.writeStartObject();
            if (key.isEmpty()) {
                generator.writeBooleanField("forgotten", true);
            } else {
                byte[] sealed = PersonalDataCipher.seal(key.get(), plain.writeValueAsBytes(value), aad(contactId));
                generator.writeStringField("key", contactId.toString());
                generator.writeStringField("sealed", Base64.getEncoder().encodeToString(sealed));
            }
            generator.writeEndObject();
        }
    }

    private boolean isShared(SealingContext.Scope scope) {
        if (scope.interactionId() == null) {
            return false;
        }
        return scope.shared() != null ? scope.shared() : keys.isShared(scope.ownerId(), scope.interactionId());
    }

    private final class Unsealing<T> extends JsonDeserializer<T> {

        private final Class<T> type;
        private final T forgotten;
        private final T removedWithParticipant;

        Unsealing(Class<T> type, T forgotten, T removedWithParticipant) {
            this.type = type;
            this.forgotten = forgotten;
            this.removedWithParticipant = removedWithParticipant;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.has("forgotten")) {
                return PARTICIPANT_FORGOTTEN.equals(node.path("because").asText()) ? removedWithParticipant : forgotten;
            }
            if (node.has("noteKey")) {
                if (keys == null) {
                    return removedWithParticipant;
                }
                UUID keyId = UUID.fromString(node.get("noteKey").asText());
                Optional<byte[]> key = keys.sharedNoteKeyForReading(keyId);
                if (key.isEmpty()) {
                    return removedWithParticipant;
                }
                byte[] clearBytes = PersonalDataCipher.open(
                        key.get(), Base64.getDecoder().decode(node.get("sealed").asText()), aad(keyId));
                return plain.readValue(clearBytes, type);
            }
            if (node.has("sealed")) {
                if (keys == null) {
                    return forgotten;
                }
                UUID contactId = UUID.fromString(node.get("key").asText());
                Optional<byte[]> key = keys.forReading(contactId);
                if (key.isEmpty()) {
                    return forgotten;
                }
                byte[] clearBytes = PersonalDataCipher.open(
                        key.get(), Base64.getDecoder().decode(node.get("sealed").asText()), aad(contactId));
                return plain.readValue(clearBytes, type);
            }
            return plain.treeToValue(node, type);
        }
    }

    /** The associated data of a sealed value: the id of the key's owner (a contact, or a shared note's key id). */
    private static byte[] aad(UUID contactId) {
        return contactId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
