package io.keepwarm.application.eventstore;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
 * processor's batch commits, the queue runs in order, consecutive runs of the same statement as one JDBC
 * batch, followed by one set-based statement over every contact the batch touched. A rebuild thus costs a
 * few round trips per batch rather than several per event.
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
    private final BiConsumer<JdbcTemplate, Map<ContactKey, Long>> finish;

    private ProjectionBatch(JdbcTemplate jdbc, BiConsumer<JdbcTemplate, Map<ContactKey, Long>> finish) {
        this.jdbc = jdbc;
        this.finish = finish;
    }

    /** One contact of one owner. */
    public record ContactKey(UUID ownerId, UUID contactId) {
    }

    private record Statement(String sql, Object[] args) {
    }

    /**
     * The batch of the current unit of work for the named projection, created on first use.
     *
     * @param finish run once per batch after the queued statements, with every touched contact and the
     *               highest sequence number seen for it
     */
    public static ProjectionBatch current(String projection, JdbcTemplate jdbc,
                                          BiConsumer<JdbcTemplate, Map<ContactKey, Long>> finish) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ProjectionBatch(jdbc, finish).immediate();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("keepwarm.projection-batch." + projection, key -> {
            ProjectionBatch batch = new ProjectionBatch(jdbc, finish);
            root.onPrepareCommit(unitOfWork -> batch.flush());
            return batch;
        });
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

    private ProjectionBatch immediate() {
        immediateMode = true;
        return this;
    }

    /** Queues one statement. */
    public ProjectionBatch add(String sql, Object... args) {
        statements.add(new Statement(sql, args));
        if (immediateMode) {
            flushStatements();
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

    public void flush() {
        flushStatements();
        if (!touched.isEmpty()) {
            finish.accept(jdbc, Map.copyOf(touched));
            touched.clear();
        }
    }

    private void flushStatements() {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            int to = from;
            List<Object[]> args = new ArrayList<>();
            while (to < statements.size() && Objects.equals(statements.get(to).sql(), sql)) {
                args.add(statements.get(to).args());
                to++;
            }
            if (args.size() == 1) {
                jdbc.update(sql, args.get(0));
            } else {
                jdbc.batchUpdate(sql, args);
            }
            from = to;
        }
        statements.clear();
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
