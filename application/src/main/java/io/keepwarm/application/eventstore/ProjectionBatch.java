package io.keepwarm.application.eventstore;

import io.keepwarm.domain.contact.api.ContactEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Set-based SQL per event batch. A projection's handlers queue statements instead of running them; when the
 * processor's batch commits, the queue runs as a few JDBC batches, followed by one set-based statement over every
 * contact the batch touched. A rebuild thus costs a few round trips per batch rather than several per event.
 *
 * <p>Statements queued for a contact ({@link #add(ContactKey, String, Object...)}) touch only that contact's rows,
 * so only their order per contact matters: they are split into rounds — a contact's n-th statement in the batch
 * goes to round n — and each round runs every statement with the same SQL as one JDBC batch. In a replay, where a
 * batch's events mostly belong to different contacts, that is one or two rounds of a handful of batches, however
 * the event types interleave. Statements queued without a contact keep their place: each waits for everything
 * queued before it, and only consecutive identical ones share a JDBC batch.
 *
 * <p>The batches of one unit of work are flushed together, and every statement they send alone (not as part of a
 * JDBC batch) goes with the others in one round trip: a command that logs an interaction writes the contact view,
 * the history and the interaction registry with one call (docs/adr/0031, docs/bench.md).
 *
 * <p>A projection that folds a batch in memory before writing it (going-cold) keeps its own accumulator per
 * batch instead, through {@link #accumulate}.
 *
 * <p>Outside a unit of work (a direct call, a test) statements run at once.
 */
public final class ProjectionBatch {

    private final JdbcTemplate jdbc;
    private final List<Statement> statements = new ArrayList<>();
    private final Map<ContactKey, Long> touched = new LinkedHashMap<>();
    /** Each contact's statement queued last, while no statement without a contact has been queued after it. */
    private final Map<ContactKey, Statement> lastQueued = new HashMap<>();

    private final BiConsumer<ProjectionBatch, Map<ContactKey, Long>> finish;

    private ProjectionBatch(JdbcTemplate jdbc, BiConsumer<ProjectionBatch, Map<ContactKey, Long>> finish) {
        this.jdbc = jdbc;
        this.finish = finish;
    }

    /** One contact of one owner. */
    public record ContactKey(UUID ownerId, UUID contactId) {

        /** The contact an event is about. */
        public static ContactKey of(ContactEvent event) {
            return new ContactKey(event.ownerId().value(), event.contactId().value());
        }
    }

    /** A queued statement; {@code key} is null for one that may touch any row. */
    private record Statement(ContactKey key, String sql, Object[] args) {}

    /**
     * The batch of the current unit of work for the named projection, created on first use.
     *
     * @param finish run once per batch after the queued statements, with every touched contact and the
     *               highest sequence number seen for it; it queues what it writes on the batch it is given
     *               (statements it adds without a contact run after everything queued before)
     */
    public static ProjectionBatch current(
            String projection, JdbcTemplate jdbc, BiConsumer<ProjectionBatch, Map<ContactKey, Long>> finish) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ProjectionBatch(jdbc, finish).immediate();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        String key = "keepwarm.projection-batch." + projection;
        ProjectionBatch existing = root.getResource(key);
        if (existing != null) {
            return existing;
        }
        Together together = root.getOrComputeResource(TOGETHER, resource -> {
            Together created = new Together(jdbc);
            root.onPrepareCommit(unitOfWork -> created.flush());
            return created;
        });
        ProjectionBatch batch = new ProjectionBatch(jdbc, finish);
        root.resources().put(key, batch);
        if (!together.add(batch)) {
            root.onPrepareCommit(unitOfWork -> batch.flush());
        }
        return batch;
    }

    private static final String TOGETHER = "keepwarm.projection-batches";

    /**
     * Every batch of one unit of work, flushed at once: the single statements of all of them (in a command, the
     * contact view's, the history's and the interaction registry's) go to PostgreSQL in one round trip. A batch
     * created after they were flushed flushes on its own.
     */
    private static final class Together {

        private final JdbcTemplate jdbc;
        private final List<ProjectionBatch> batches = new ArrayList<>();
        private boolean flushed;

        Together(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        synchronized boolean add(ProjectionBatch batch) {
            if (flushed) {
                return false;
            }
            batches.add(batch);
            return true;
        }

        synchronized void flush() {
            flushed = true;
            Pipeline pipeline = new Pipeline(jdbc);
            for (ProjectionBatch batch : batches) {
                batch.flushInto(pipeline);
            }
            pipeline.send();
        }
    }

    /**
     * Statements that return no rows, sent to PostgreSQL in one round trip: pgjdbc sends the statements of one
     * multi-statement string, each with its own parameters, before it waits for the first answer, and runs them
     * in order in the transaction; any failure fails the whole call.
     */
    private static final class Pipeline {

        private final JdbcTemplate jdbc;
        private final List<String> sql = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Pipeline(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void add(String statement, Object[] statementArgs) {
            sql.add(statement);
            args.addAll(java.util.Arrays.asList(statementArgs));
        }

        void send() {
            if (sql.isEmpty()) {
                return;
            }
            jdbc.update(String.join(";\n", sql), args.toArray());
            sql.clear();
            args.clear();
        }
    }

    /**
     * A projection's own per-batch accumulator (for projections that fold a batch in memory before writing it):
     * the one of the current unit of work, created on first use and flushed when the batch commits. Outside a
     * unit of work, a fresh one is used and flushed at once.
     */
    public static <T> void accumulate(String key, Supplier<T> create, Consumer<T> flush, Consumer<T> use) {
        if (!CurrentUnitOfWork.isStarted()) {
            T accumulator = create.get();
            use.accept(accumulator);
            flush.accept(accumulator);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        use.accept(root.getOrComputeResource("keepwarm.projection-accumulator." + key, resource -> {
            T accumulator = create.get();
            root.onPrepareCommit(unitOfWork -> flush.accept(accumulator));
            return accumulator;
        }));
    }

    private boolean immediateMode;
    private boolean flushing;

    private ProjectionBatch immediate() {
        immediateMode = true;
        return this;
    }

    /** Queues one statement that may touch any row: it runs after everything queued before it. */
    public ProjectionBatch add(String sql, Object... args) {
        return add(null, sql, args);
    }

    /** Queues one statement that touches only rows of the given contact. */
    public ProjectionBatch add(ContactKey contact, String sql, Object... args) {
        Statement statement = new Statement(contact, sql, args);
        statements.add(statement);
        if (contact == null) {
            lastQueued.clear();
        } else {
            lastQueued.put(contact, statement);
        }
        if (immediateMode && !flushing) {
            flush();
        }
        return this;
    }

    /** Notes that the batch touched this contact at this sequence number. */
    public ProjectionBatch touch(UUID ownerId, UUID contactId, long sequenceNumber) {
        touched.merge(new ContactKey(ownerId, contactId), sequenceNumber, Math::max);
        if (immediateMode) {
            flush();
        }
        return this;
    }

    /**
     * Folds a later event's version into the statement queued last for the contact, if that statement is {@code sql}
     * (a projection's insert of the contact's row, which must then apply its version as a raise would: see
     * {@code ContactProjection}): its argument {@code argument} becomes at least {@code version}. Answers whether it
     * did; if not, the caller {@linkplain #touch touches} the contact as usual. Saves a created contact's row being
     * updated right after it was inserted (an import's {@code ContactAdded} then {@code CadenceSet}).
     */
    public boolean raiseQueued(ContactKey contact, String sql, int argument, long version) {
        Statement last = immediateMode ? null : lastQueued.get(contact);
        if (last == null || !last.sql().equals(sql)) {
            return false;
        }
        last.args()[argument] = Math.max((Long) last.args()[argument], version);
        return true;
    }

    public void flush() {
        Pipeline pipeline = new Pipeline(jdbc);
        flushInto(pipeline);
        pipeline.send();
    }

    /**
     * Queues this batch's single statements on {@code pipeline}, in order; a round's JDBC batch (several statements
     * with the same SQL) is sent at its turn, after what the pipeline holds.
     */
    private void flushInto(Pipeline pipeline) {
        flushing = true;
        try {
            if (!touched.isEmpty()) {
                Map<ContactKey, Long> all = Map.copyOf(touched);
                touched.clear();
                finish.accept(this, all);
            }
        } finally {
            flushing = false;
        }
        for (Map<String, List<Object[]>> round : rounds(statements)) {
            round.forEach((sql, args) -> {
                if (args.size() == 1) {
                    pipeline.add(sql, args.get(0));
                } else {
                    pipeline.send();
                    jdbc.batchUpdate(sql, args);
                }
            });
        }
        statements.clear();
        lastQueued.clear();
    }

    /**
     * The statements in rounds, each round's statements grouped by SQL (in order of first appearance, each group in
     * queue order). A contact's statements land in successive rounds, so one round never holds two statements for
     * the same contact; a statement without a contact gets a round of its own after all earlier ones, shared only
     * with identical statements right behind it.
     */
    static List<Map<String, List<Object[]>>> rounds(List<Statement> statements) {
        List<Map<String, List<Object[]>>> rounds = new ArrayList<>();
        Map<ContactKey, Integer> lastRound = new HashMap<>();
        int floor = 0; // the first round a keyed statement may still join
        String unkeyedTail = null; // the SQL of the last round, if it is a round of unkeyed statements
        for (Statement statement : statements) {
            int round;
            if (statement.key() == null) {
                if (Objects.equals(unkeyedTail, statement.sql()) && rounds.size() == floor) {
                    round = rounds.size() - 1;
                } else {
                    round = rounds.size();
                    unkeyedTail = statement.sql();
                }
                floor = round + 1;
                lastRound.clear();
            } else {
                Integer last = lastRound.get(statement.key());
                round = Math.max(floor, last == null ? floor : last + 1);
                lastRound.put(statement.key(), round);
                unkeyedTail = null;
            }
            while (rounds.size() <= round) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round)
                    .computeIfAbsent(statement.sql(), sql -> new ArrayList<>())
                    .add(statement.args());
        }
        return rounds;
    }

    /** A JDBC parameter for a {@code timestamptz} column. */
    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** Arrays of owner ids, contact ids and sequence numbers, for {@code unnest(?::uuid[], ?::uuid[], ?::bigint[])}. */
    public static Object[] unnestArgs(Map<ContactKey, Long> touched) {
        UUID[] owners = new UUID[touched.size()];
        UUID[] contacts = new UUID[touched.size()];
        Long[] versions = new Long[touched.size()];
        int i = 0;
        for (var entry : touched.entrySet()) {
            owners[i] = entry.getKey().ownerId();
            contacts[i] = entry.getKey().contactId();
            versions[i++] = entry.getValue();
        }
        return new Object[] {owners, contacts, versions};
    }
}
