package io.keepwarm.application.privacy;

import io.keepwarm.application.eventstore.StoredMessageMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event serializer: JSON records (no class names inside payloads) whose personal parts are sealed with the
 * contact's key. Used for the event store and the dead-letter queue alike, so no copy of an event's personal
 * data is ever stored in clear.
 */
@Configuration(proxyBeanMethods = false)
public class PersonalDataSerialization {

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ContactKeys keys) {
        return sealing(PersonalDataModule.sealed(keys));
    }

    /**
     * The event serializer for a replay whose handlers read no note: it writes as {@link #eventSerializer} does,
     * and reads every note as absent, without unsealing it ({@link PersonalDataModule#sealedNotesUnread}). Not a
     * bean: only the message source of such replays uses it (docs/adr/0030).
     */
    public static Serializer eventSerializerNotesUnread(ContactKeys keys) {
        return sealing(PersonalDataModule.sealedNotesUnread(keys));
    }

    private static Serializer sealing(PersonalDataModule personalData) {
        return new SealingSerializer(JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create(personalData))
                .build());
    }
}
