package io.keepwarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

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

    /** How a full going-cold rebuild is started and when it counts as done. */
    interface RebuildMethod extends AutoCloseable {

        String describe();

        Run rebuild(int run) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    /**
     * The admin's rebuild, as an admin gets it: one server is started on the seeded store and left to bring its
     * projections up to date (they replay the store on their first start); then each run posts
     * {@code POST /api/admin/projections/going-cold/rebuild} with the admin token and polls
     * {@code GET /api/admin/projections/going-cold} until reads have switched to the new version. Timed from the
     * 202 to the first poll that shows the switch, so the coordinator's tick (how often a node looks for a
     * caught-up rebuild to switch, {@code keepwarm.projections.tick}, 1 s by default) is part of the figure.
     * The other projections are idle meanwhile (no writes), so only going-cold replays.
     */
    static final class AdminRebuild implements RebuildMethod {

        private static final String STATUS = "/api/admin/projections/" + PROCESSOR;

        private final Bench bench;
        private final String database;
        private final String label;
        private ServerProcess server;
        private Api api;

        AdminRebuild(Bench bench, String database, String label) {
            this.bench = bench;
            this.database = database;
            this.label = label;
        }

        @Override
        public String describe() {
            return "POST /api/admin/projections/going-cold/rebuild until reads switch to the new version";
        }

        @Override
        public Run rebuild(int run) throws Exception {
            long head;
            try (Connection connection = bench.postgres().connect(database);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                rs.next();
                head = rs.getLong(1);
            }
            if (server == null) {
                server = bench.startServer(label, database, List.of());
                api = new Api(server);
                awaitProjectionsIdle();
            }
            boolean counting = StatementCount.available(bench);
            if (counting) {
                resetStatements();
            }
            try (MemorySampler memory = new MemorySampler(server)) {
                int from = status().get("version").asInt();
                memory.startWindow();
                long started = System.nanoTime();
                HttpResponse<String> response = api.post(ServerProcess.ADMIN_TOKEN, STATUS + "/rebuild", "");
                if (response.statusCode() != 202) {
                    throw new IllegalStateException(
                            "starting the rebuild: " + response.statusCode() + " " + response.body());
                }
                while (true) {
                    JsonNode status = status();
                    long now = System.nanoTime();
                    if (status.get("version").asInt() > from) {
                        Run measured = new Run(head, (now - started) / 1e9, memory.endWindow());
                        if (counting) {
                            printStatements(measured.seconds());
                        }
                        return measured;
                    }
                    JsonNode rebuild = status.get("rebuild");
                    if (rebuild != null
                            && !rebuild.isNull()
                            && !"RUNNING".equals(rebuild.get("state").asText())) {
                        throw new IllegalStateException("the rebuild ended without switching: " + status);
                    }
                    if (now - started > 1_800_000_000_000L) {
                        throw new IllegalStateException("going-cold did not switch within 30 minutes; " + status);
                    }
                    Thread.sleep(100);
                }
            }
        }

        private void resetStatements() throws Exception {
            try (Connection connection = bench.postgres().connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                statement.execute("SELECT pg_stat_statements_reset()");
            }
        }

        /**
         * Where PostgreSQL spent the rebuild (a profiling aid, printed only): the statements of the rebuild's database
         * by total execution time, with calls and rows, beside the rebuild's wall-clock time.
         */
        private void printStatements(double seconds) throws Exception {
            try (Connection connection = bench.postgres().connect(database);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("""
                            SELECT s.calls, s.total_exec_time, s.rows, regexp_replace(s.query, '\\s+', ' ', 'g')
                            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                            WHERE d.datname = current_database()
                            ORDER BY s.total_exec_time DESC LIMIT 12""")) {
                System.out.printf("  PostgreSQL's statements during the rebuild (%.1f s wall clock):%n", seconds);
                while (rs.next()) {
                    String query = rs.getString(4);
                    System.out.printf(
                            "    %7.0f ms %7d calls %9d rows  %s%n",
                            rs.getDouble(2),
                            rs.getLong(1),
                            rs.getLong(3),
                            query.length() > 140 ? query.substring(0, 140) + "…" : query);
                }
            }
        }

        /** Waits until every projection has caught up with the store and no rebuild runs. */
        private void awaitProjectionsIdle() throws Exception {
            long deadline = System.nanoTime() + 1_800_000_000_000L;
            while (true) {
                HttpResponse<String> response = api.get(ServerProcess.ADMIN_TOKEN, "/api/admin/projections");
                JsonNode overview = Api.JSON.readTree(response.body());
                boolean idle = response.statusCode() == 200;
                for (JsonNode projection : overview.path("items")) {
                    idle &= projection.path("lagEvents").asLong(-1) == 0
                            && "RUNNING".equals(projection.path("state").asText());
                }
                if (idle && overview.path("items").size() > 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the projections did not catch up with the seeded store: " + response.body());
                }
                Thread.sleep(200);
            }
        }

        private JsonNode status() throws Exception {
            HttpResponse<String> response = api.get(ServerProcess.ADMIN_TOKEN, STATUS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(STATUS + ": " + response.statusCode() + " " + response.body());
            }
            return Api.JSON.readTree(response.body());
        }

        @Override
        public void close() throws Exception {
            if (server != null) {
                server.close();
            }
        }
    }

    private RebuildScenario() {}

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
    static void run(
            Bench bench,
            RebuildMethod method,
            String database,
            long events,
            long contacts,
            long interactions,
            String figureName,
            String note)
            throws Exception {
        System.out.println("rebuild (" + figureName + "): " + method.describe());
        List<Double> rates = new ArrayList<>();
        List<Double> ceiling = new ArrayList<>();
        long peakHeap = 0;
        long peakLive = 0;
        long peakRss = 0;
        int samples = 0;
        orderedCopy(bench, database, events); // warm the cache as the first replay would find it
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
            System.out.printf(
                    "  run %d: %,d events in %.1f s = %,.0f events/s; ordered COPY %,.0f rows/s%n",
                    run + 1, measured.events(), measured.seconds(), measured.perSecond(), raw);
        }
        bench.results()
                .add(Results.Figure.of(
                        "2. rebuild",
                        figureName,
                        "events/s",
                        rates,
                        "ordered COPY … TO STDOUT of the event rows",
                        ceiling,
                        Results.Better.HIGHER,
                        Results.Goal.ratio(0.2, "≥ 20 % of the ordered raw read"),
                        note));
        bench.results()
                .memory(new Results.Memory(
                        "2. rebuild (" + figureName + ")", peakHeap, peakLive, peakRss, samples, null));
    }

    private static void checkComplete(Bench bench, String database, long contacts, long interactions) throws Exception {
        try (Connection connection = bench.postgres().connect(database);
                Statement statement = connection.createStatement();
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
