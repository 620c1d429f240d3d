package io.keepwarm.application.goingcold;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.InteractionLog;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link GoingColdBatch} on its own, against real tables of scratch projection versions, on generated histories
 * (seeded, so a failure repeats): every event type, backfilled touches, corrections of favour and time, retractions,
 * snoozes, archives, forgetting.
 *
 * <ul>
 *   <li>the last interaction, asks and gives the SQL leaves equal the domain's one fold
 *       ({@link InteractionLog#tally()}) of the same events;</li>
 *   <li>advancing batch by batch (the statement that adds a batch's tally) ends where one batch of the whole
 *       history does, and where recomputing every contact from its interaction rows does;</li>
 *   <li>redelivering a batch, or the events after a moved-back token, changes no row.</li>
 * </ul>
 *
 * <p>A run of old events that stops short of the latest is not a redelivery Axon makes, and it is not idempotent
 * here: an old correction re-applied alone would win until the later one is redelivered too (docs/projections.md).
 */
class GoingColdBatchIT extends IntegrationTest {

    private static final AtomicInteger VERSIONS = new AtomicInteger(9_000);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final List<ProjectionTables> created = new ArrayList<>();

    @AfterEach
    void dropScratchTables() {
        for (ProjectionTables tables : created) {
            jdbc.execute("DROP TABLE IF EXISTS " + tables.table("going_cold") + ", "
                    + tables.table("going_cold_interaction"));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void batch_by_batch_equals_one_batch_and_the_domain_fold_and_redelivery_changes_nothing(long seed) {
        Random random = new Random(seed);
        OwnerId owner = OwnerId.random();
        List<Sequenced> history = history(random, owner, 30);

        ProjectionTables incremental = scratch();
        GoingColdBatch.Statements incrementalSql = new GoingColdBatch.Statements(incremental);
        for (List<Sequenced> batch : batches(random, history)) {
            flush(batch, incrementalSql);
        }
        List<String> afterIncremental = snapshot(incremental, owner);

        ProjectionTables whole = scratch();
        flush(history, new GoingColdBatch.Statements(whole));
        assertThat(snapshot(whole, owner))
                .as("batch by batch against one batch of the whole history")
                .isEqualTo(afterIncremental);

        assertThat(tallies(incremental, owner))
                .as("the SQL's last interaction, asks and gives against the domain's fold")
                .isEqualTo(domainTallies(history));

        // Redelivery: a processor whose token moved back (a rolled-back batch, a hand-over) replays every event
        // after the token, in batches of its own.
        for (int i = 0; i < 5; i++) {
            int from = random.nextInt(history.size());
            for (List<Sequenced> batch : batches(random, history.subList(from, history.size()))) {
                flush(batch, incrementalSql);
            }
            assertThat(snapshot(incremental, owner))
                    .as("redelivering events %d.. in batches", from)
                    .isEqualTo(afterIncremental);
        }
        // The last batch twice, at once.
        List<List<Sequenced>> last = batches(random, history);
        flush(last.get(last.size() - 1), incrementalSql);
        assertThat(snapshot(incremental, owner)).as("the last batch again").isEqualTo(afterIncremental);
        // The whole history again: every interaction is there already, so every contact is recomputed from its
        // interaction rows; that equals what advancing left.
        flush(history, incrementalSql);
        assertThat(snapshot(incremental, owner)).as("recomputed from scratch").isEqualTo(afterIncremental);
    }

    /**
     * A rebuild's replay (docs/adr/0028): batches that defer leave the contacts' last interaction, asks, gives and
     * version alone; the finishing step computes them from the interaction rows; the batches after it advance as
     * usual. Every row then equals what advancing every batch leaves, whatever point the replay finished at.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void deferring_then_finishing_equals_advancing_every_batch(long seed) {
        Random random = new Random(seed);
        OwnerId owner = OwnerId.random();
        List<Sequenced> history = history(random, owner, 30);
        List<List<Sequenced>> batches = batches(random, history);

        ProjectionTables advanced = scratch();
        GoingColdBatch.Statements advancedSql = new GoingColdBatch.Statements(advanced);
        batches.forEach(batch -> flush(batch, advancedSql));

        ProjectionTables deferred = scratch();
        GoingColdBatch.Statements deferredSql = new GoingColdBatch.Statements(deferred);
        int finishedAfter = random.nextInt(batches.size() + 1);
        for (int i = 0; i < batches.size(); i++) {
            if (i == finishedAfter) {
                deferredSql.finishReplay(jdbc);
            }
            flush(batches.get(i), deferredSql, i < finishedAfter);
        }
        if (finishedAfter == batches.size()) {
            deferredSql.finishReplay(jdbc);
        }
        assertThat(snapshot(deferred, owner))
                .as("deferring %d of %d batches, then finishing", finishedAfter, batches.size())
                .isEqualTo(snapshot(advanced, owner));
        assertThat(tallies(deferred, owner)).isEqualTo(domainTallies(history));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void a_deferring_batch_leaves_the_contacts_tally_to_the_finishing_step(long seed) {
        Random random = new Random(seed);
        OwnerId owner = OwnerId.random();
        List<Sequenced> history = history(random, owner, 10);
        ProjectionTables deferred = scratch();
        GoingColdBatch.Statements sql = new GoingColdBatch.Statements(deferred);
        flush(history, sql, true);
        assertThat(jdbc.queryForObject(
                        deferred.sql("SELECT count(*) FROM {going_cold} WHERE owner_id = ? AND last_interaction_at"
                                + " IS NOT NULL"),
                        Long.class,
                        owner.value()))
                .as("no contact's last interaction before the finishing step")
                .isZero();
        sql.finishReplay(jdbc);
        assertThat(tallies(deferred, owner)).isEqualTo(domainTallies(history));
    }

    /** The write path's common batch, one interaction logged, is one round trip: the insert and the advance. */
    @Test
    void a_logged_interaction_is_written_with_one_statement() {
        Random random = new Random(31);
        OwnerId owner = OwnerId.random();
        List<Sequenced> history = history(random, owner, 3);
        ProjectionTables tables = scratch();
        GoingColdBatch.Statements sql = new GoingColdBatch.Statements(tables);
        flush(history, sql);
        ContactId contact = history.stream()
                .map(sequenced -> sequenced.event().contactId())
                .filter(id -> history.stream()
                        .noneMatch(s -> s.event().contactId().equals(id) && s.event() instanceof ContactForgotten))
                .findFirst()
                .orElseThrow();
        long next = 1
                + history.stream()
                        .filter(s -> s.event().contactId().equals(contact))
                        .mapToLong(Sequenced::sequence)
                        .max()
                        .orElseThrow();
        Instant at = Instant.parse("2027-01-01T00:00:00Z");
        Sequenced logged = new Sequenced(
                new InteractionLogged(
                        contact, owner, InteractionId.random(), List.of(contact), interaction(random, at), at),
                next);

        AtomicInteger statements = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String statement, Object... args) {
                statements.incrementAndGet();
                return super.update(statement, args);
            }
        };
        GoingColdBatch batch = new GoingColdBatch();
        GoingColdProjection.fold(batch, logged.event(), logged.sequence());
        batch.flush(counting, sql, false);

        assertThat(statements).hasValue(1);
        List<Sequenced> all = new ArrayList<>(history);
        all.add(logged);
        assertThat(tallies(tables, owner)).isEqualTo(domainTallies(all));
    }

    /** An event with its aggregate sequence number. */
    private record Sequenced(ContactEvent event, long sequence) {}

    private void flush(List<Sequenced> events, GoingColdBatch.Statements sql) {
        flush(events, sql, false);
    }

    private void flush(List<Sequenced> events, GoingColdBatch.Statements sql, boolean deferring) {
        GoingColdBatch batch = new GoingColdBatch();
        for (Sequenced sequenced : events) {
            GoingColdProjection.fold(batch, sequenced.event(), sequenced.sequence());
        }
        batch.flush(jdbc, sql, deferring);
    }

    private ProjectionTables scratch() {
        ProjectionTables tables = new ProjectionTables(
                GoingColdReadModel.NAME, VERSIONS.incrementAndGet(), List.of("going_cold", "going_cold_interaction"));
        // Shaped like a version that exists now (a rebuild run by another test may have retired version 1).
        Integer existing = jdbc.queryForObject("""
                SELECT min(substring(tablename FROM '^going_cold_v([0-9]+)$')::int) FROM pg_tables
                WHERE tablename ~ '^going_cold_v[0-9]+$'
                  AND substring(tablename FROM '^going_cold_v([0-9]+)$')::int < 9000""", Integer.class);
        for (String table : tables.logicalTables()) {
            jdbc.execute("CREATE TABLE " + tables.table(table) + " (LIKE " + ProjectionTables.physical(table, existing)
                    + " INCLUDING ALL)");
        }
        created.add(tables);
        return tables;
    }

    private List<String> snapshot(ProjectionTables tables, OwnerId owner) {
        List<String> rows = new ArrayList<>(jdbc.queryForList(
                tables.sql("SELECT row_to_json(g)::text FROM {going_cold} g WHERE owner_id = ? ORDER BY contact_id"),
                String.class,
                owner.value()));
        rows.addAll(jdbc.queryForList(tables.sql("""
                        SELECT row_to_json(i)::text FROM {going_cold_interaction} i WHERE owner_id = ?
                        ORDER BY contact_id, interaction_id"""), String.class, owner.value()));
        return rows;
    }

    private Map<UUID, InteractionTally> tallies(ProjectionTables tables, OwnerId owner) {
        Map<UUID, InteractionTally> tallies = new HashMap<>();
        jdbc.query(
                tables.sql("""
                        SELECT contact_id, last_interaction_at, asks, gives FROM {going_cold}
                        WHERE owner_id = ? AND NOT forgotten"""),
                rs -> {
                    OffsetDateTime last = rs.getObject("last_interaction_at", OffsetDateTime.class);
                    tallies.put(
                            rs.getObject("contact_id", UUID.class),
                            new InteractionTally(
                                    last == null ? null : last.toInstant(), rs.getInt("asks"), rs.getInt("gives")));
                },
                owner.value());
        return tallies;
    }

    private static Map<UUID, InteractionTally> domainTallies(List<Sequenced> history) {
        Map<UUID, InteractionLog> logs = new LinkedHashMap<>();
        Map<UUID, Boolean> forgotten = new HashMap<>();
        for (Sequenced sequenced : history) {
            UUID contact = sequenced.event().contactId().value();
            logs.computeIfAbsent(contact, id -> new InteractionLog()).apply(sequenced.event());
            if (sequenced.event() instanceof ContactForgotten) {
                forgotten.put(contact, true);
            }
        }
        Map<UUID, InteractionTally> tallies = new HashMap<>();
        logs.forEach((contact, log) -> {
            if (!forgotten.containsKey(contact)) {
                tallies.put(contact, log.tally());
            }
        });
        return tallies;
    }

    /** Cuts the history into batches of 1 to 25 events, in order. */
    private static List<List<Sequenced>> batches(Random random, List<Sequenced> history) {
        List<List<Sequenced>> batches = new ArrayList<>();
        int at = 0;
        while (at < history.size()) {
            int size = Math.min(history.size() - at, 1 + random.nextInt(25));
            batches.add(history.subList(at, at + size));
            at += size;
        }
        return batches;
    }

    /** Each contact's events in its own order, the contacts interleaved at random as the store would hold them. */
    private static List<Sequenced> history(Random random, OwnerId owner, int contacts) {
        List<List<Sequenced>> streams = new ArrayList<>();
        for (int c = 0; c < contacts; c++) {
            streams.add(stream(random, owner, ContactId.random()));
        }
        List<Sequenced> history = new ArrayList<>();
        int[] next = new int[contacts];
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int c = 0; c < contacts; c++) {
                if (next[c] < streams.get(c).size()) {
                    open.add(c);
                }
            }
            if (open.isEmpty()) {
                return history;
            }
            int c = open.get(random.nextInt(open.size()));
            history.add(streams.get(c).get(next[c]++));
        }
    }

    private static List<Sequenced> stream(Random random, OwnerId owner, ContactId contact) {
        List<ContactEvent> events = new ArrayList<>();
        Instant now = START.plusSeconds(random.nextInt(86_400));
        events.add(new ContactAdded(
                contact, owner, person(random), attributes(random), now, now.minusSeconds(random.nextInt(1_000_000))));
        List<InteractionId> standing = new ArrayList<>();
        Map<InteractionId, InteractionRecord> current = new HashMap<>();
        int length = 3 + random.nextInt(25);
        for (int i = 0; i < length; i++) {
            now = now.plusSeconds(1 + random.nextInt(200_000));
            int kind = random.nextInt(100);
            if (kind < 40) {
                InteractionId id = InteractionId.random();
                InteractionRecord record = interaction(random, now);
                events.add(new InteractionLogged(contact, owner, id, List.of(contact), record, now));
                standing.add(id);
                current.put(id, record);
            } else if (kind < 52 && !standing.isEmpty()) {
                InteractionId id = standing.get(random.nextInt(standing.size()));
                InteractionRecord after = interaction(random, now);
                events.add(new InteractionCorrected(contact, owner, id, current.get(id), after, now));
                current.put(id, after);
            } else if (kind < 60 && !standing.isEmpty()) {
                InteractionId id = standing.remove(random.nextInt(standing.size()));
                events.add(new InteractionRetracted(contact, owner, id, null, now));
            } else if (kind < 68) {
                events.add(new ContactDetailsUpdated(
                        contact,
                        owner,
                        person(random),
                        attributes(random),
                        now,
                        random.nextBoolean() ? null : now.minusSeconds(random.nextInt(1_000_000))));
            } else if (kind < 78) {
                Instant firstDue = now.plusSeconds(random.nextInt(1_000_000));
                events.add(new CadenceSet(contact, owner, 1 + random.nextInt(60), now, now, firstDue));
            } else if (kind < 81) {
                events.add(new CadenceCleared(contact, owner, now));
            } else if (kind < 87) {
                events.add(new ContactSnoozed(contact, owner, now.plusSeconds(random.nextInt(2_000_000)), now));
            } else if (kind < 90) {
                events.add(new ContactWoken(contact, owner, now));
            } else if (kind < 95) {
                events.add(new ContactArchived(contact, owner, now));
            } else {
                events.add(new ContactRestored(contact, owner, now));
            }
        }
        if (random.nextInt(10) == 0) {
            events.add(new ContactForgotten(contact, owner, now.plusSeconds(1)));
        }
        List<Sequenced> sequenced = new ArrayList<>(events.size());
        for (int s = 0; s < events.size(); s++) {
            sequenced.add(new Sequenced(events.get(s), s));
        }
        return sequenced;
    }

    /** A touch that occurred up to 40 days before it was logged (backfills included). */
    private static InteractionRecord interaction(Random random, Instant loggedAt) {
        Favor[] favors = Favor.values();
        return new InteractionRecord(
                loggedAt.minusSeconds(random.nextInt(40 * 86_400)),
                Channel.values()[random.nextInt(Channel.values().length)],
                InitiatedBy.ME,
                favors[random.nextInt(favors.length)],
                null);
    }

    private static ContactPersonalData person(Random random) {
        String name =
                List.of("Ada", "Grace", "Linus", "Émile", "Zoë").get(random.nextInt(5)) + " " + random.nextInt(99);
        return new ContactPersonalData(name, null, null, null, random.nextBoolean() ? "Lyon" : null, Map.of());
    }

    private static ContactAttributes attributes(Random random) {
        List<String> tags = random.nextBoolean() ? List.of("friend", "work") : List.of();
        return new ContactAttributes(null, random.nextBoolean() ? "Europe/Paris" : null, tags);
    }
}
