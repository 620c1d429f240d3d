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
 * one: with pages of three events, every event is still read, whether the count is a multiple of three or not. Its
 * stream reads what Axon's engine reads.
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
        var engine = new KeepwarmJdbcEventStorageEngine(builder(PAGE), eventSchema);

        List<Long> sequenceNumbers = engine.readEvents(contactId)
                .asStream()
                .map(DomainEventMessage::getSequenceNumber)
                .toList();

        assertThat(sequenceNumbers).hasSize(events);
        assertThat(sequenceNumbers).isSorted().startsWith(0L).endsWith((long) events - 1);
    }

    /**
     * The streamed rows' time stamps are parsed by keepwarm, the tokens computed by its copy of Axon's rule: both
     * equal what Axon's own engine, with the same settings, reads from the same rows.
     */
    @org.junit.jupiter.api.Test
    void the_stream_reads_the_same_tokens_and_time_stamps_as_axons_engine() {
        var owner = newOwner();
        for (int i = 0; i < 5; i++) {
            assertThat(owner.post("/api/contacts", Map.of("displayName", "Streamed " + i))
                            .status())
                    .isEqualTo(201);
        }
        var keepwarm = new KeepwarmJdbcEventStorageEngine(builder(100), eventSchema);
        var axon = KeepwarmJdbcEventStorageEngine.configured(builder(100)).build();

        List<String> read = stream(keepwarm);
        List<String> expected = stream(axon);

        assertThat(read).hasSizeGreaterThanOrEqualTo(5).isEqualTo(expected);
    }

    private static List<String> stream(JdbcEventStorageEngine engine) {
        try (var events = engine.readEvents(null, false)) {
            return events.map(event -> event.trackingToken() + " " + event.getTimestamp() + " " + event.getIdentifier())
                    .toList();
        }
    }

    private JdbcEventStorageEngine.Builder builder(int page) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .batchSize(page);
    }
}
