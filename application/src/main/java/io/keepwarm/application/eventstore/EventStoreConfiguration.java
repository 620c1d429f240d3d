package io.keepwarm.application.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.keepwarm.domain.contact.Contact;

/**
 * Axon on PostgreSQL: the JDBC event store and token store come from Axon's Spring Boot auto-configuration
 * (a DataSource is present, Axon Server is excluded); this class supplies what keepwarm decides itself.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Metadata keys every event carries (SPEC §1), copied from the command that caused it. */
    public static final String OWNER_ID = "ownerId";
    public static final String ACTOR_ID = "actorId";
    public static final String CORRELATION_ID = "correlationId";

    @Bean
    @Primary
    public Serializer serializer() {
        // Tokens (a ReplayToken wraps another token) and dead-letter diagnostics need type information.
        return JacksonSerializer.builder().objectMapper(StoredMessageMapper.create()).defaultTyping().build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    /** The domain module has no Spring, so the aggregate is registered here rather than by annotation scanning. */
    @Bean
    public ConfigurerModule contactAggregate() {
        return configurer -> configurer.configureAggregate(Contact.class);
    }

    /** Recognises PostgreSQL's unique violations, so a lost append race is a retryable ConcurrencyException. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    @Bean
    public CorrelationDataProvider callerMetadata() {
        return new SimpleCorrelationDataProvider(OWNER_ID, ACTOR_ID, CORRELATION_ID);
    }

    /** Commands and queries are never stored; plain JSON. Events: see {@code PersonalDataSerialization}. */
    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(StoredMessageMapper.create()).build();
    }
}
