package io.keepwarm.application.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event serializer seals personal data with the contact's key and gives placeholders once it is gone. */
class PersonalDataModuleTest {

    private static final ContactId CONTACT = ContactId.of("c0000000-0000-4000-8000-00000000000a");
    private static final ContactAdded ADDED = new ContactAdded(
            CONTACT,
            OwnerId.random(),
            new ContactPersonalData(
                    "Ada Lovelace",
                    "Met at the Analytical Society",
                    "Engines Ltd",
                    "Countess",
                    "Marylebone",
                    Map.of(ChannelKind.email, "ada@example.org")),
            new ContactAttributes("GB", "Europe/London", java.util.List.of("math")),
            Instant.parse("2026-01-01T00:00:00Z"));

    private ContactKeys keys;
    private Serializer serializer;
    private final byte[] key = PersonalDataCipher.newKey();

    @BeforeEach
    void setUp() {
        keys = mock(ContactKeys.class);
        when(keys.forWriting(any())).thenReturn(Optional.of(key));
        when(keys.forReading(any())).thenReturn(Optional.of(key));
        serializer = new SealingSerializer(JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create(PersonalDataModule.sealed(keys)))
                .build());
    }

    @Test
    void personal_fields_are_stored_encrypted_and_everything_else_in_clear() {
        String stored = new String(serializer.serialize(ADDED, byte[].class).getData());

        assertThat(stored).doesNotContain("Ada", "Analytical", "Engines", "Countess", "Marylebone", "ada@example.org");
        assertThat(stored).contains("\"sealed\"", CONTACT.toString(), "Europe/London", "\"GB\"", "math");
    }

    @Test
    void sealed_fields_read_back_exactly() {
        SerializedObject<byte[]> stored = serializer.serialize(ADDED, byte[].class);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(ADDED);
    }

    @Test
    void once_the_key_is_destroyed_personal_fields_read_as_the_forgotten_placeholder() {
        SerializedObject<byte[]> stored = serializer.serialize(ADDED, byte[].class);
        when(keys.forReading(any())).thenReturn(Optional.empty());

        ContactAdded read = serializer.deserialize(stored);

        assertThat(read.personal()).isSameAs(ContactPersonalData.FORGOTTEN);
        assertThat(read.personal().forgotten()).isTrue();
        assertThat(read.attributes()).isEqualTo(ADDED.attributes());
        assertThat(read.addedAt()).isEqualTo(ADDED.addedAt());
    }

    @Test
    void a_value_sealed_for_one_contact_does_not_open_as_another_contacts() {
        String stored = new String(serializer.serialize(ADDED, byte[].class).getData());
        String moved = stored.replace("\"key\":\"" + CONTACT + "\"", "\"key\":\"" + UUID.randomUUID() + "\"");

        assertThatThrownBy(() -> serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                        moved.getBytes(), byte[].class, serializer.typeForClass(ContactAdded.class))))
                .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class);
    }

    @Test
    void personal_data_outside_a_contact_event_is_never_written_in_clear() {
        assertThatThrownBy(() -> serializer.serialize(new Note("a note on its own"), byte[].class))
                .rootCause()
                .hasMessageContaining("refusing to store it unencrypted");
    }

    @Test
    void the_clear_mapper_renders_forgotten_placeholders_as_forgotten() throws Exception {
        var clear = StoredMessageMapper.create(PersonalDataModule.clear());

        assertThat(clear.writeValueAsString(ContactPersonalData.FORGOTTEN)).isEqualTo("{\"forgotten\":true}");
        assertThat(clear.writeValueAsString(new Note("hello"))).isEqualTo("{\"text\":\"hello\"}");
        assertThat(clear.readValue("{\"forgotten\":true}", Note.class)).isSameAs(Note.FORGOTTEN);
    }
}
