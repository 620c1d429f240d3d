package io.keepwarm.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.postgresql.PGConnection;

import io.keepwarm.application.eventstore.EventStoreConfiguration;

/**
 * Scenario 2, projection catch-up / rebuild: events per second for a full rebuild of the going-cold projection
 * from a seeded store. Ceiling: an ordered read of the same event rows, {@code COPY (SELECT … ORDER BY
 * global_index) TO STDOUT} through PgJDBC's CopyManager.
 */
final class RebuildScenario {

    static final String PROCESSOR = "going-cold";

    /** One measured rebuild. */
    record Run(long events, double seconds, MemorySampler.Peak memory) {

        double perSecond() {
            return events / seconds;
        }
    }

    /**
     * How a full going-cold rebuild is started and when it counts as done.
     *
     * <p>Today: {@link CatchUpAfterRestart}. Once {@code POST /api/admin/projections/going-cold/rebuild} is merged,
     * add an implementation that starts one server, then per run posts to that endpoint with the admin token
     * and polls {@code GET /api/admin/projections/going-cold} until the rebuild has switched over, timing from the
     * 202 to the switch — and pass it to {@link #run} instead.
     */
    interface RebuildMethod {

        String describe();

        Run rebuild(int run) throws Exception;
    }

    /**
     * The catch-up of a server started on a store seeded before its first start: the going-cold processor has no
     * token, so it replays from the first event. Before each run the server is stopped and the projection reset
     * as its reset handler does (tokens deleted, tables truncated). Timed from the moment the processor's tokens
     * appear in token_entry until every segment's token has reached the head of the store. The other tracking
     * projections run subscribing in this server, so only going-cold replays — as in the admin rebuild.
     */
    static final class CatchUpAfterRestart implements RebuildMethod {

        private final Bench bench;
        private final String database;
        private final String label;
        private final Serializer tokenSerializer = new EventStoreConfiguration().serializer();

        CatchUpAfterRestart(Bench bench, String database, String label) {
            this.bench = bench;
            this.database = database;
            this.label = label;
        }

        @Override
        public String describe() {
            return "catch-up of a server started on the seeded store (going-cold processor replays from the first event)";
        }

        @Override
        public Run rebuild(int run) throws Exception {
            long head;
            try (Connection connection = bench.postgres().connect(database); Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM token_entry WHERE processor_name = '" + PROCESSOR + "'");
                statement.execute("TRUNCATE going_cold, going_cold_interaction");
                try (ResultSet rs = statement.executeQuery("SELECT max(global_index) FROM domain_event_entry")) {
                    rs.next();
                    head = rs.getLong(1);
                }
            }
            List<String> serverArgs = List.of(
                    "--axon.eventhandling.processors.contacts.mode=subscribing",
                    "--axon.eventhandling.processors.relationship-history.mode=subscribing");
            try (Connection connection = bench.postgres().connect(database)) {
                ServerProcess server = bench.startServer(label + "-" + (run + 1), database, serverArgs);
                try (MemorySampler memory = new MemorySampler(server)) {
                    memory.startWindow();
                    long started = 0;
                    long firstPosition = -1;
                    while (true) {
                        List<Long> positions = positions(connection);
                        long now = System.nanoTime();
                        if (!positions.isEmpty() && started == 0) {
                            started = now;
                            firstPosition = positions.stream().mapToLong(Long::longValue).min().orElse(-1);
                        }
                        if (!positions.isEmpty() && positions.stream().allMatch(p -> p >= head)) {
                            long events = head - Math.max(0, firstPosition);
                            return new Run(events, (now - started) / 1e9, memory.endWindow());
                        }
                        if (started != 0 && now - started > 1_800_000_000_000L) {
                            throw new IllegalStateException("going-cold did not catch up within 30 minutes; at " + positions);
                        }
                        Thread.sleep(100);
                    }
                } finally {
                    server.close();
                }
            }
        }

        /** The position of each going-cold segment's token (-1 when it has none yet). */
        private List<Long> positions(Connection connection) throws Exception {
            List<Long> positions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT token, token_type FROM token_entry WHERE processor_name = '" + PROCESSOR + "'")) {
                while (rs.next()) {
                    byte[] token = rs.getBytes(1);
                    if (token == null) {
                        positions.add(-1L);
                        continue;
                    }
                    TrackingToken tracking = tokenSerializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString(2), null));
                    OptionalLong position = tracking.position();
                    positions.add(position.orElse(-1));
                }
            }
            return positions;
        }
    }

    private RebuildScenario() {
    }

    /** The ordered raw read of every event row, in the binary COPY format; returns rows per second. */
    static double orderedCopy(Bench bench, String database, long events) throws Exception {
        try (Connection connection = bench.postgres().connect(database)) {
            long[] bytes = new long[1];
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            };
            long started = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    COPY (SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                 payload, payload_revision, payload_type, time_stamp
                          FROM domain_event_entry ORDER BY global_index) TO STDOUT (FORMAT binary)""", counting);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (rows != events) {
                throw new IllegalStateException("COPY read " + rows + " rows, expected " + events);
            }
            return rows / seconds;
        }
    }

    /**
     * Runs the rebuild and its ceiling {@code runs} times each, alternating, and records both.
     *
     * @param contacts the number of contacts in the store, to check each rebuild is complete
     */
    static void run(Bench bench, RebuildMethod method, String database, long events, long contacts, long interactions,
                    String figureName, String note) throws Exception {
        System.out.println("rebuild (" + figureName + "): " + method.describe());
        List<Double> rates = new ArrayList<>();
        List<Double> ceiling = new ArrayList<>();
        long peakHeap = 0;
        long peakLive = 0;
        long peakRss = 0;
        int samples = 0;
        orderedCopy(bench, database, events);   // warm the cache as the first replay would find it
        for (int run = 0; run < bench.sizes().runs(); run++) {
            Run measured = method.rebuild(run);
            checkComplete(bench, database, contacts, interactions);
            rates.add(measured.perSecond());
            peakHeap = Math.max(peakHeap, measured.memory().heapBytes());
            peakLive = Math.max(peakLive, measured.memory().oldGenBytes());
            peakRss = Math.max(peakRss, measured.memory().rssBytes());
            samples += measured.memory().samples();
            double raw = orderedCopy(bench, database, events);
            ceiling.add(raw);
            System.out.printf("  run %d: %,d events in %.1f s = %,.0f events/s; ordered COPY %,.0f rows/s%n",
                    run + 1, measured.events(), measured.seconds(), measured.perSecond(), raw);
        }
        bench.results().add(new Results.Figure("2. rebuild", figureName, "events/s", Stats.Spread.of(rates),
                "ordered COPY … TO STDOUT of the event rows", Stats.Spread.of(ceiling), Results.Better.HIGHER, 0.2, null,
                "≥ 20 % of the ordered raw read", note));
        bench.results().memory(new Results.Memory("2. rebuild (" + figureName + ")", peakHeap, peakLive, peakRss, samples, null));
    }

    private static void checkComplete(Bench bench, String database, long contacts, long interactions) throws Exception {
        try (Connection connection = bench.postgres().connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT (SELECT count(*) FROM going_cold WHERE cadence_days IS NOT NULL),
                            (SELECT count(*) FROM going_cold_interaction)""")) {
            rs.next();
            if (rs.getLong(1) != contacts || rs.getLong(2) != interactions) {
                throw new IllegalStateException("rebuild incomplete: " + rs.getLong(1) + " of " + contacts
                        + " contacts, " + rs.getLong(2) + " of " + interactions + " interactions");
            }
        }
    }
}
