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
        return new SealingSerializer(JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create(PersonalDataModule.sealed(keys)))
                .build());
    }
}
