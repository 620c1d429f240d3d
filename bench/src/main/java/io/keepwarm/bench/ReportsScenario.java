package io.keepwarm.bench;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Scenario 4, history-report replay: {@code GET /api/reports/network?asOf=…} for one owner whose events are a fifth
 * of the store, beside the ceiling of a raw read of that owner's event rows (every column, through the same
 * owner index the report reads by) on the same database, alternating, {@code runs} times each. Goal (issue 4): the
 * report within 3× of the raw read.
 *
 * <p>The store is seeded with the application's own sealing serializer, like every other event-seeded scenario,
 * while the server is stopped; the projections' tokens are then set to the head of the store, so the server that
 * answers the reports does not first replay a million events into its read models (reports read events only).
 */
final class ReportsScenario {

    private static final String DATABASE = "keepwarm_bench_reports";
    private static final String CEILING_SQL = """
            SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            FROM domain_event_entry WHERE owner_id = ? ORDER BY global_index""";

    private ReportsScenario() {}

    static void run(Bench bench) throws Exception {
        Bench.Sizes sizes = bench.sizes();
        bench.postgres().recreate(DATABASE);
        bench.postgres().migrate(DATABASE);
        Api.User reporter;
        ServerProcess first = bench.startServer("reports-setup", DATABASE, List.of());
        try {
            reporter = new Api(first).createUser("bench-reporter");
        } finally {
            first.close();
        }
        List<UUID> owners = new ArrayList<>(List.of(reporter.userId()));
        for (int i = 1; i < sizes.reportOwners(); i++) {
            owners.add(UUID.randomUUID());
        }
        EventSeeder.Plan plan =
                new EventSeeder.Plan(owners, sizes.reportContactsPerOwner(), sizes.reportInteractionsPerContact(), 13);
        EventSeeder.Timeline timeline = new EventSeeder.Timeline(plan);
        SeedKeys keys = new SeedKeys();
        long ownerEvents = (long) plan.contactsPerOwner() * plan.eventsPerContact();
        try (Connection connection = bench.postgres().connect(DATABASE)) {
            double seconds =
                    EventSeeder.seed(connection, timeline, EncryptionScenario.sealingSerializer(keys), keys, 2);
            System.out.printf(
                    "seeded %,d events (%,d of them the reporting owner's) in %.1f s%n",
                    timeline.size(), ownerEvents, seconds);
            tokensAtHead(connection);
        }
        String size = String.format(Locale.ROOT, "%,d of %,d events", ownerEvents, timeline.size());
        System.out.println("history-report replay: GET /api/reports/network for an owner with " + size);
        ServerProcess server = bench.startServer("reports", DATABASE, List.of());
        try (MemorySampler memory = new MemorySampler(server);
                Connection connection = bench.postgres().connect(DATABASE)) {
            Api api = new Api(server);
            String asOf = Instant.now().toString();
            int contacts = report(api, reporter, asOf); // warm-up, and a check that the report is complete
            if (contacts != plan.contactsPerOwner()) {
                throw new IllegalStateException(
                        "the report shows " + contacts + " contacts, not " + plan.contactsPerOwner());
            }
            rawRead(connection, reporter.userId());
            List<Double> reportMillis = new ArrayList<>();
            List<Double> rawMillis = new ArrayList<>();
            memory.startWindow();
            for (int run = 0; run < sizes.runs(); run++) {
                long started = System.nanoTime();
                report(api, reporter, asOf);
                reportMillis.add((System.nanoTime() - started) / 1e6);
                started = System.nanoTime();
                long rows = rawRead(connection, reporter.userId());
                rawMillis.add((System.nanoTime() - started) / 1e6);
                if (rows != ownerEvents) {
                    throw new IllegalStateException("the raw read found " + rows + " rows, not " + ownerEvents);
                }
                System.out.printf(
                        "  run %d: report %.0f ms, raw read of the owner's rows %.0f ms%n",
                        run + 1, reportMillis.get(run), rawMillis.get(run));
            }
            MemorySampler.Peak peak = memory.endWindow();
            bench.results()
                    .add(Results.Figure.of(
                            "4. history-report replay",
                            "network report, " + size,
                            "ms",
                            reportMillis,
                            "raw read of the owner's event rows (every column, owner index)",
                            rawMillis,
                            Results.Better.LOWER,
                            Results.Goal.ratio(3.0, "within 3× of the raw read"),
                            null));
            bench.results().memory(new Results.Memory("4. history-report replay", peak, null));
        } finally {
            server.close();
            try (Connection connection = bench.postgres().connect("postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    /** Asks for the network report (JSON) and returns how many contacts it lists. */
    private static int report(Api api, Api.User reporter, String asOf) throws Exception {
        HttpResponse<String> response = api.get(reporter.token(), "/api/reports/network?asOf=" + asOf);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "the network report answered " + response.statusCode() + ": " + response.body());
        }
        return Api.JSON.readTree(response.body()).path("items").size();
    }

    /** Reads every column of the owner's event rows in order, as bytes; returns the row count. */
    private static long rawRead(Connection connection, UUID owner) throws Exception {
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(CEILING_SQL)) {
            connection.setAutoCommit(false);
            statement.setFetchSize(1000);
            statement.setObject(1, owner);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    for (int column = 1; column <= 10; column++) {
                        rs.getBytes(column);
                    }
                    rows++;
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return rows;
    }

    /** Every projection's tokens to the head of the store: the server starts with nothing to replay. */
    private static void tokensAtHead(Connection connection) throws Exception {
        long head;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT max(global_index) FROM domain_event_entry")) {
            rs.next();
            head = rs.getLong(1);
        }
        Serializer serializer = new EventStoreConfiguration().serializer();
        SerializedObject<byte[]> token = serializer.serialize(new GlobalSequenceTrackingToken(head), byte[].class);
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE token_entry SET token = ?, token_type = ?, owner = NULL")) {
            update.setBytes(1, token.getData());
            update.setString(2, token.getType().getName());
            // The live read models are written inline and have no tokens (ADR 0019): once the first server has
            // started, nothing replays them; a tracking processor that remains (if any) starts at the head.
            update.executeUpdate();
        }
    }
}
