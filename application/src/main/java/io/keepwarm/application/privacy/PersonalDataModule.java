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
        return new PersonalDataModule(keys, StoredMessageMapper.create());
    }

    private PersonalDataModule(ContactKeys keys, ObjectMapper plain) {
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
                ContactPersonalData.class, new Unsealing<>(ContactPersonalData.class, ContactPersonalData.FORGOTTEN));
        addDeserializer(Note.class, new Unsealing<>(Note.class, Note.FORGOTTEN));
    }

    private static boolean isForgotten(Object value) {
        return value == ContactPersonalData.FORGOTTEN || value == Note.FORGOTTEN;
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
                generator.writeEndObject();
                return;
            }
            if (keys == null) {
                clear.serialize(value, generator, provider);
                return;
            }
            UUID contactId = SealingContext.subject();
            if (contactId == null) {
                throw new IllegalStateException(
                        "personal data serialized outside a contact event: refusing to store it unencrypted");
            }
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

    private final class Unsealing<T> extends JsonDeserializer<T> {

        private final Class<T> type;
        private final T forgotten;

        Unsealing(Class<T> type, T forgotten) {
            this.type = type;
            this.forgotten = forgotten;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.has("forgotten")) {
                return forgotten;
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

    private static byte[] aad(UUID contactId) {
        return contactId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
