package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The storage engine stops reading a contact's events at the first short page rather than asking for an empty
 * one: with pages of three events, every event is still read, whether the count is a multiple of three or not.
 */
class KeepwarmJdbcEventStorageEngineIT extends IntegrationTest {

    private static final int PAGE = 3;

    @Autowired
    private ConnectionProvider connectionProvider;

    @Autowired
    private TransactionManager transactionManager;

    @Autowired
    private EventSchema eventSchema;

    @Autowired
    private Serializer serializer;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 6, 7})
    void a_contact_is_read_to_its_last_event_across_pages(int events) {
        var owner = newOwner();
        String contactId = owner.post("/api/contacts", Map.of("displayName", "Paged"))
                .json()
                .get("contactId")
                .asText();
        for (int i = 1; i < events; i++) {
            var logged = owner.post(
                    "/api/interactions",
                    Map.of(
                            "contactIds",
                            List.of(contactId),
                            "occurredAt",
                            Instant.now().minus(i, ChronoUnit.DAYS).toString(),
                            "channel",
                            "CALL",
                            "initiatedBy",
                            "ME"));
            assertThat(logged.status()).isEqualTo(201);
        }
        var engine = new KeepwarmJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .batchSize(PAGE));

        List<Long> sequenceNumbers = engine.readEvents(contactId)
                .asStream()
                .map(DomainEventMessage::getSequenceNumber)
                .toList();

        assertThat(sequenceNumbers).hasSize(events);
        assertThat(sequenceNumbers).isSorted().startsWith(0L).endsWith((long) events - 1);
    }
}
