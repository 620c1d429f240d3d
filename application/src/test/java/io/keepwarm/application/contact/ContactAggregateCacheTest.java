package io.keepwarm.application.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

class ContactAggregateCacheTest {

    static class Probe {
        @AggregateIdentifier
        String id = "probe";
    }

    @Test
    void the_version_of_a_cached_aggregate_is_read_from_axons_cache_entry() {
        var model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Probe.class);
        EventSourcedAggregate<Probe> aggregate = EventSourcedAggregate.reconstruct(
                new Probe(), model, 41L, false, null, NoSnapshotTriggerDefinition.TRIGGER);

        assertThat(ContactAggregateCache.versionOf(new AggregateCacheEntry<>(aggregate)))
                .isEqualTo(41L);
    }
}
