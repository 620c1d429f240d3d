package io.keepwarm.web.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.reports.OwnerEventLog;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The owner column the reports read through (docs/adr/0004-owner-scoped-event-reads.md). */
class ReportsOwnerIndexIT extends IntegrationTest {

    @Autowired
    TransactionTemplate transaction;

    @Test
    void axons_own_appends_get_the_owner_of_their_metadata() {
        Api owner = newOwner();
        OwnerId ownerId = ScriptedHistory.ownerOf(owner, jdbc);
        String contactId = owner.post("/api/contacts", Map.of("displayName", "Index Probe"))
                .json()
                .get("contactId")
                .asText();
        owner.put("/api/contacts/" + contactId + "/cadence", Map.of("everyDays", 21));

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT owner_id, convert_from(meta_data, 'UTF8')::jsonb ->> 'ownerId' AS meta_owner
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", contactId);
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("owner_id")).isEqualTo(ownerId.value());
            assertThat(row.get("meta_owner")).isEqualTo(ownerId.toString());
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE owner_id IS NULL", Long.class))
                .isZero();
    }

    @Test
    void the_metadata_is_the_only_source_of_the_owner_column() {
        UUID claimed = UUID.randomUUID();
        UUID actual = UUID.randomUUID();
        UUID stored = transaction.execute(status -> {
            status.setRollbackOnly(); // never let a hand-made row reach the projections
            String id = UUID.randomUUID().toString();
            jdbc.update("""
                            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                meta_data, payload, payload_revision, payload_type, time_stamp, owner_id)
                            VALUES (?, 0, 'Contact', ?, ?, '{}'::bytea, NULL, 'test.Nothing', '2011-01-01T00:00:00Z', ?)""", id, id, ("{\"ownerId\":\"" + actual + "\"}").getBytes(StandardCharsets.UTF_8), claimed);
            return jdbc.queryForObject(
                    "SELECT owner_id FROM domain_event_entry WHERE event_identifier = ?", UUID.class, id);
        });
        assertThat(stored).isEqualTo(actual);
    }

    @Test
    void an_owners_events_are_read_through_the_owner_index_in_append_order() {
        List<String> plan = transaction.execute(status -> {
            status.setRollbackOnly(); // never let a hand-made row reach the projections
            // A store of many owners with statistics, as autovacuum gives a grown store (and the full suite's
            // ANALYZE gives its tables): there the planner prefers a bitmap heap scan and a sort of the owner's rows
            // unless the read says otherwise. Rows of their own negative global indexes: no sequence value is taken.
            jdbc.update("""
                    INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                        event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT -i, 'probe-' || (i / 10), i % 10, 'Contact', 'probe-' || i,
                        convert_to('{"ownerId":"00000000-0000-0000-0000-' || lpad((i % 300)::text, 12, '0') || '"}',
                            'UTF8'),
                        '{}'::bytea, NULL, 'test.Nothing', '2011-01-01T00:00:00Z'
                    FROM generate_series(1, 20000) AS i""");
            jdbc.execute("ANALYZE domain_event_entry");
            // Test tables are tiny, so make the planner show the path it takes on a large store.
            jdbc.execute("SET LOCAL enable_seqscan = off");
            // what OwnerEventLog.replay runs in its transaction before the read
            jdbc.execute(OwnerEventLog.PLAN_SETTINGS);
            return jdbc.queryForList(
                    "EXPLAIN " + OwnerEventLog.SELECT.replace("?", "'" + UUID.randomUUID() + "'"), String.class);
        });
        assertThat(String.join("\n", plan))
                .contains("Index Scan using domain_event_entry_by_owner")
                .doesNotContain("Sort");
    }
}
