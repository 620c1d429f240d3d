package io.keepwarm.application.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.goingcold.GoingColdReadModel;
import io.keepwarm.application.projection.LiveProjections;
import io.keepwarm.application.projection.ProjectionHandOver;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.application.projection.SegmentClaims;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-over to the inline writer (a rebuild's switch, the first start after an upgrade on a store whose read
 * models are far behind) reads the keys of each page's contacts with one query, as a rebuild's batch does: before,
 * every sealed event of a contact whose key was not cached cost a query of its own, and a first start handed
 * 1,000,000 events to each of three read models in about 17 minutes.
 */
class HandOverKeysIT extends IntegrationTest {

    private static final int CONTACTS = 30;

    @Autowired
    ContactKeys keys;

    @Autowired
    LiveProjections live;

    @Autowired
    ProjectionHandOver handOver;

    @Autowired
    Projections projections;

    @Autowired
    GoingColdReadModel goingCold;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_hand_over_reads_no_key_one_query_at_a_time() {
        long before = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        var owner = newOwner();
        for (int i = 0; i < CONTACTS; i++) {
            assertThat(owner.post("/api/contacts", Map.of("displayName", "Handed over " + i, "city", "Ghent"))
                            .status())
                    .isEqualTo(201);
        }
        ProjectionTables tables = ProjectionTables.of(goingCold, projections.activeVersion(goingCold.name()));
        GapAwareTrackingToken behind = GapAwareTrackingToken.newInstance(before, Set.of());
        List<SegmentClaims.Segment> segments =
                List.of(new SegmentClaims.Segment(tables.processorName(), 0, behind, null, null, false));
        keys.evictAll();
        long loadedBefore = keys.loadedOneAtATime();

        Integer applied = transaction.execute(status -> {
            handOver.exclusive();
            int count = live.catchUp(tables, segments);
            status.setRollbackOnly();
            return count;
        });

        assertThat(applied).as("events handed over").isGreaterThanOrEqualTo(CONTACTS);
        assertThat(keys.loadedOneAtATime() - loadedBefore)
                .as("keys read one query each")
                .isZero();
    }
}
