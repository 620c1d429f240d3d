package io.keepwarm.application.eventstore;

import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine without the snapshot lookup that precedes every aggregate load. keepwarm takes no
 * snapshots: a snapshot would hold a contact's personal data outside the sealed events, where forgetting the
 * contact's key could not reach it (docs/adr/0007). So the lookup can only ever find nothing, and skipping it
 * saves each command a round trip to PostgreSQL.
 */
class SnapshotlessJdbcEventStorageEngine extends JdbcEventStorageEngine {

    SnapshotlessJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }
}
