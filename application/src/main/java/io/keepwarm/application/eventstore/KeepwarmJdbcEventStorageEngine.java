package io.keepwarm.application.eventstore;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine without two round trips that every aggregate load makes and keepwarm never needs.
 * Both were found by counting statements per write with {@code pg_stat_statements} (docs/bench.md).
 *
 * <ul>
 *   <li>No snapshot lookup: keepwarm takes no snapshots, as a snapshot would hold a contact's personal data
 *       outside the sealed events, where forgetting the contact's key could not reach it (docs/adr/0007).</li>
 *   <li>No final empty page: Axon's JDBC engine reads an aggregate's events page by page until a page comes back
 *       empty, in case sequence numbers have holes. A contact's sequence numbers have none (Axon appends them
 *       consecutively and keepwarm never deletes an event), so a page shorter than the page size is the last.</li>
 * </ul>
 */
class KeepwarmJdbcEventStorageEngine extends JdbcEventStorageEngine {

    KeepwarmJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }
}
