package io.keepwarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.serialization.Serializer;

/**
 * Scenario 6, imports (issue 13): a 10,000-row LinkedIn {@code Connections.csv} committed through
 * {@code POST /api/imports?dryRun=false&cadenceDays=30}, timed from the request until the job has completed and the
 * going-cold read model holds every imported contact, in contacts per second; beside it, in the same run and on
 * the same store (seeded events plus everything imported), the full going-cold rebuild's events per second through
 * the admin API. Goal: the import at least a quarter of the rebuild's rate.
 */
final class ImportScenario {

    private static final DateTimeFormatter CONNECTED_ON = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

    private ImportScenario() {}

    static void run(Bench bench, int rows) throws Exception {
        String database = "keepwarm_bench_import";
        bench.postgres().recreate(database);
        bench.postgres().migrate(database);
        Bench.Sizes sizes = bench.sizes();
        List<UUID> owners = new ArrayList<>();
        int seededOwners = Math.max(1, sizes.rebuildOwners() / 10);
        for (int i = 0; i < seededOwners; i++) {
            owners.add(new UUID(0x696dL << 48 | i, 0x8000000000000000L | i));
        }
        EventSeeder.Plan plan = new EventSeeder.Plan(
                owners, sizes.rebuildContactsPerOwner(), sizes.rebuildInteractionsPerContact(), 13);
        EventSeeder.Timeline timeline = new EventSeeder.Timeline(plan);
        SeedKeys keys = new SeedKeys();
        Serializer sealing = EncryptionScenario.sealingSerializer(keys);
        try (Connection connection = bench.postgres().connect(database)) {
            double seconds = EventSeeder.seed(connection, timeline, sealing, keys, 2);
            System.out.printf("import scenario: seeded %,d events in %.1f s%n", timeline.size(), seconds);
        }
        byte[] file = linkedIn(rows);
        List<Double> imports = new ArrayList<>();
        ServerProcess server =
                bench.startServer("import", database, List.of("--keepwarm.rate-limit.writes-per-minute=1000000000"));
        try {
            Api api = new Api(server);
            for (int run = 0; run < sizes.runs(); run++) {
                Api.User user = api.createUser("bench-importer-" + run);
                long started = System.nanoTime();
                String location = commit(server, user, file);
                // going-cold first, by SQL: polling the job's report (every row) meanwhile would load the server
                awaitGoingCold(bench, database, user.userId(), rows);
                awaitCompleted(api, user, location);
                double seconds = (System.nanoTime() - started) / 1e9;
                imports.add(rows / seconds);
                System.out.printf(
                        "  import run %d: %,d contacts in %.1f s = %,.0f contacts/s%n",
                        run + 1, rows, seconds, rows / seconds);
            }
        } finally {
            server.close();
        }
        long events = count(bench, database, "SELECT count(*) FROM domain_event_entry");
        List<Double> rebuilds = new ArrayList<>();
        try (RebuildScenario.AdminRebuild rebuild =
                new RebuildScenario.AdminRebuild(bench, database, "import-rebuild")) {
            for (int run = 0; run < sizes.runs(); run++) {
                RebuildScenario.Run measured = rebuild.rebuild(run);
                rebuilds.add(measured.perSecond());
                System.out.printf(
                        "  rebuild run %d: %,d events in %.1f s = %,.0f events/s%n",
                        run + 1, measured.events(), measured.seconds(), measured.perSecond());
            }
        }
        bench.results()
                .add(Results.Figure.of(
                        "6. import",
                        String.format(
                                Locale.ROOT, "LinkedIn import of %,d rows until going-cold shows every contact", rows),
                        "contacts/s",
                        imports,
                        String.format(
                                Locale.ROOT,
                                "full going-cold rebuild of the same store (%,d events), events/s",
                                events),
                        rebuilds,
                        Results.Better.HIGHER,
                        Results.Goal.ratio(0.25, "≥ 25 % of the rebuild's rate"),
                        "POST /api/imports?dryRun=false&cadenceDays=30 (2 events per contact: ContactAdded, CadenceSet)"
                                + " from the request to the job COMPLETED and every contact in going_cold; a new"
                                + " owner per run"));
        try (Connection connection = bench.postgres().connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    /** A LinkedIn export of {@code rows} fake connections, with its preamble, connected over the last ten years. */
    static byte[] linkedIn(int rows) {
        StringBuilder csv = new StringBuilder("Notes:\r\n\"When exporting your connection data, you may notice that"
                + " some of the email addresses are missing.\"\r\n\r\n"
                + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        LocalDate first = LocalDate.of(2016, 1, 1);
        for (int i = 0; i < rows; i++) {
            csv.append("Bench")
                    .append(",Person ")
                    .append(i)
                    .append(",https://www.linkedin.com/in/bench-person-")
                    .append(i)
                    .append(',')
                    .append(i % 3 == 0 ? "bench" + i + "@example.com" : "")
                    .append(",Company ")
                    .append(i % 97)
                    .append(",Engineer,")
                    .append(first.plusDays(i % 3650).format(CONNECTED_ON))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String commit(ServerProcess server, Api.User user, byte[] file) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(server.uri("/api/imports?dryRun=false&cadenceDays=30"))
                        .header("Authorization", "Bearer " + user.token())
                        .header("Content-Type", "text/csv")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("import: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static void awaitCompleted(Api api, Api.User user, String location) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            HttpResponse<String> response =
                    api.get(user.token(), URI.create(location).getPath());
            JsonNode status = Api.JSON.readTree(response.body());
            String state = status.path("state").asText();
            if (state.equals("COMPLETED")) {
                return;
            }
            if (state.equals("FAILED") || System.nanoTime() > deadline) {
                throw new IllegalStateException("import did not complete: " + response.body());
            }
            Thread.sleep(50);
        }
    }

    private static void awaitGoingCold(Bench bench, String database, UUID owner, int rows) throws Exception {
        try (Connection connection = bench.postgres().connect(database);
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM going_cold WHERE owner_id = ? AND cadence_days IS NOT NULL")) {
            statement.setObject(1, owner);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == rows) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("going-cold does not show every imported contact");
                }
                Thread.sleep(20);
            }
        }
    }

    private static long count(Bench bench, String database, String sql) throws Exception {
        try (Connection connection = bench.postgres().connect(database);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
