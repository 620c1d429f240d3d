package io.keepwarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.domain.contact.api.ContactAdded;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;

/**
 * The benchmark harness (docs/bench.md): keepwarm as a separate server process on a fresh PostgreSQL, each scenario
 * beside its raw ceiling measured on the same server in the same run; results in bench/results/latest.{md,json}.
 *
 * <p>Options: {@code --quick} (small sizes, one run each), {@code --jdbc-url URL [--db-user U] [--db-password P]}
 * (use that PostgreSQL server instead of an embedded one; the bench creates and drops its own databases there),
 * {@code --runs N}, {@code --only write,read,dashboard,rebuild,clear-rebuild,encryption,import}, {@code --profile} (a JFR recording
 * of every server process, under bench/target/bench-logs), {@code --server-jvm-args "…"}, {@code --server-args "…"}
 * (extra Spring arguments for every server, for experiments), {@code --out DIR}.
 */
public final class Bench {

    /** How big and how long. */
    record Sizes(
            String name,
            int runs,
            Duration loadRun,
            Duration warmup,
            int writerContacts,
            int readOwners,
            int readContactsPerOwner,
            int rebuildOwners,
            int rebuildContactsPerOwner,
            int rebuildInteractionsPerContact,
            int encryptionEvents,
            int reportOwners,
            int reportContactsPerOwner,
            int reportInteractionsPerContact) {

        static final Sizes FULL = new Sizes(
                "full",
                3,
                Duration.ofSeconds(10),
                Duration.ofSeconds(4),
                2_000,
                100,
                10_000,
                100,
                1_000,
                8,
                200_000,
                5,
                4_000,
                48);
        static final Sizes QUICK = new Sizes(
                "quick (1/20)",
                1,
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                200,
                100,
                500,
                100,
                50,
                8,
                20_000,
                5,
                200,
                48);

        Sizes withRuns(int runs) {
            return new Sizes(
                    name,
                    runs,
                    loadRun,
                    warmup,
                    writerContacts,
                    readOwners,
                    readContactsPerOwner,
                    rebuildOwners,
                    rebuildContactsPerOwner,
                    rebuildInteractionsPerContact,
                    encryptionEvents,
                    reportOwners,
                    reportContactsPerOwner,
                    reportInteractionsPerContact);
        }

        /** The same sizes with another warm-up before each latency scenario's runs. */
        Sizes withWarmup(Duration warmup) {
            return new Sizes(
                    name,
                    runs,
                    loadRun,
                    warmup,
                    writerContacts,
                    readOwners,
                    readContactsPerOwner,
                    rebuildOwners,
                    rebuildContactsPerOwner,
                    rebuildInteractionsPerContact,
                    encryptionEvents,
                    reportOwners,
                    reportContactsPerOwner,
                    reportInteractionsPerContact);
        }

        /** Rows of the import scenario's LinkedIn file: 10,000 at full size (issue 13), 1,000 quick. */
        int importRows() {
            return this == QUICK || name.startsWith("quick") ? 1_000 : 10_000;
        }

        long rebuildEvents() {
            return (long) rebuildOwners * rebuildContactsPerOwner * (2 + rebuildInteractionsPerContact);
        }
    }

    private final Sizes sizes;
    private final Postgres postgres;
    private final Results results = new Results();
    private final Path logDirectory = Path.of("bench", "target", "bench-logs");
    /** The JVM options ./keepwarm-server starts the server with when JAVA_OPTS is not set (keep the two alike). */
    static final List<String> SERVER_JVM_DEFAULTS = List.of("-Xmx512m");

    private final List<String> serverJvmArgs;
    private final List<String> serverArgs;
    private final boolean profile;
    private int[] writeClients = {8, 32};

    /** The write scenario's second variant: this many owners, each writing (client c as owner c mod 8). */
    static final int WRITE_OWNERS = 8;

    private Bench(
            Sizes sizes, Postgres postgres, List<String> serverJvmArgs, List<String> serverArgs, boolean profile) {
        this.sizes = sizes;
        this.postgres = postgres;
        this.serverJvmArgs = serverJvmArgs;
        this.serverArgs = serverArgs;
        this.profile = profile;
    }

    Sizes sizes() {
        return sizes;
    }

    Postgres postgres() {
        return postgres;
    }

    Results results() {
        return results;
    }

    int[] writeClients() {
        return writeClients;
    }

    /** Starts keepwarm as its own process on one of the bench's databases. */
    ServerProcess startServer(String label, String database, List<String> serverArgs)
            throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(serverJvmArgs);
        if (profile) {
            jvm.add("-XX:StartFlightRecording=filename="
                    + logDirectory.toAbsolutePath().resolve("server-" + label + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        List<String> args = new ArrayList<>(this.serverArgs);
        args.addAll(serverArgs);
        long started = System.nanoTime();
        ServerProcess server = ServerProcess.start(label, postgres, database, logDirectory, jvm, args);
        System.out.printf(
                "server %s started (pid %d) in %.1f s%n", label, server.pid(), (System.nanoTime() - started) / 1e9);
        return server;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Sizes sizes = Sizes.FULL;
        String jdbcUrl = null;
        String dbUser = "postgres";
        String dbPassword = "";
        Set<String> only = null;
        boolean profile = false;
        List<String> serverJvmArgs = new ArrayList<>();
        boolean serverJvmArgsGiven = false;
        List<String> serverArgs = new ArrayList<>();
        Path out = Path.of("bench", "results");
        Integer runs = null;
        int[] writeClients = {8, 32};
        for (Iterator<String> it = Arrays.asList(args).iterator(); it.hasNext(); ) {
            String arg = it.next();
            switch (arg) {
                case "--quick" -> sizes = Sizes.QUICK;
                case "--jdbc-url" -> jdbcUrl = it.next();
                case "--db-user" -> dbUser = it.next();
                case "--db-password" -> dbPassword = it.next();
                case "--runs" -> runs = Integer.parseInt(it.next());
                case "--only" -> only = new HashSet<>(Arrays.asList(it.next().split(",")));
                case "--profile" -> profile = true;
                case "--server-jvm-args" -> {
                    serverJvmArgs.addAll(Arrays.asList(it.next().trim().split("\\s+")));
                    serverJvmArgsGiven = true;
                }
                case "--server-args" ->
                    serverArgs.addAll(Arrays.asList(it.next().trim().split("\\s+")));
                case "--out" -> out = Path.of(it.next());
                case "--write-clients" ->
                    writeClients = Arrays.stream(it.next().split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                default -> throw new IllegalArgumentException("unknown option " + arg + "; see docs/bench.md");
            }
        }
        if (runs != null) {
            sizes = sizes.withRuns(runs);
        }
        // -Dkeepwarm.bench.warmup-seconds=N (via BENCH_JAVA_OPTS): a longer warm-up, to see how much of a figure is
        // the server's JIT still compiling its hot paths (docs/bench.md, "Reads: the server's own share")
        Long warmupSeconds = Long.getLong("keepwarm.bench.warmup-seconds");
        if (warmupSeconds != null) {
            sizes = sizes.withWarmup(Duration.ofSeconds(warmupSeconds));
        }
        try (Postgres postgres =
                jdbcUrl == null ? Postgres.embedded() : Postgres.external(jdbcUrl, dbUser, dbPassword)) {
            Bench bench = new Bench(
                    sizes, postgres, serverJvmArgsGiven ? serverJvmArgs : SERVER_JVM_DEFAULTS, serverArgs, profile);
            bench.writeClients = writeClients;
            bench.describeEnvironment();
            // The rebuild of the same store kept in clear (issue 8) doubles the longest scenario, so it runs only
            // when asked for: --only rebuild,clear-rebuild (or with the others listed too).
            Set<String> selected = only == null
                    ? Set.of("encryption", "write", "read", "dashboard", "reports", "rebuild", "import")
                    : only;
            if (selected.contains("encryption")) {
                EncryptionScenario.run(bench, sizes.encryptionEvents());
            }
            if (selected.contains("write") || selected.contains("read") || selected.contains("dashboard")) {
                bench.serveScenarios(selected);
            }
            if (selected.contains("reports")) {
                ReportsScenario.run(bench);
            }
            if (selected.contains("rebuild")) {
                bench.rebuildScenario(true);
            }
            if (selected.contains("import")) {
                ImportScenario.run(bench, sizes.importRows());
            }
            if (selected.contains("clear-rebuild")) {
                bench.rebuildScenario(false);
            }
            if (selected.contains("search")) {
                // issue 18's contact search; only when asked for (--only search), as it seeds a store of its own
                SearchScenario.run(bench);
            }
            bench.results.environment(
                    "harness wall time", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9));
            bench.results.environment("load average at end", loadAverage());
            bench.results.write(out);
            System.out.println("wrote " + out.resolve("latest.md") + " and " + out.resolve("latest.json"));
        }
    }

    private void describeEnvironment() throws Exception {
        results.environment("commit measured", commit());
        results.environment("date", Instant.now().toString());
        results.environment("cores", Runtime.getRuntime().availableProcessors());
        results.environment("load average at start (machine shared with other work)", loadAverage());
        results.environment(
                "sizes",
                sizes.name() + ", " + sizes.runs() + " run(s) per figure, load runs of "
                        + sizes.loadRun().toSeconds() + " s after a "
                        + sizes.warmup().toSeconds() + " s warm-up");
        results.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.environment(
                "server JVM options",
                String.join(" ", serverJvmArgs)
                        + (serverJvmArgs.equals(SERVER_JVM_DEFAULTS) ? " (as ./keepwarm-server runs it)" : ""));
        if (!serverArgs.isEmpty()) {
            results.environment("extra server arguments", String.join(" ", serverArgs));
        }
        results.environment("PostgreSQL", postgres.kind() + "; " + postgres.settings());
        System.out.println("keepwarm bench: " + sizes.name() + ", commit " + commit() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
    }

    /** Scenarios 1, 3 (and 3b, the dashboard) and 4 on one server: writes on event-seeded contacts, reads on a set-based read model. */
    private void serveScenarios(Set<String> selected) throws Exception {
        String database = "keepwarm_bench_serve";
        postgres.recreate(database);
        postgres.migrate(database);
        // One user writes from every client: its write rate limit (a guard against a runaway client, 600 a minute
        // by default) would otherwise be what the write scenario measures.
        ServerProcess server =
                startServer("serve", database, List.of("--keepwarm.rate-limit.writes-per-minute=1000000000"));
        try (MemorySampler memory = new MemorySampler(server);
                Connection connection = postgres.connect(database)) {
            Api api = new Api(server);
            Api.User writer = api.createUser("bench-writer");
            Api.User reader = api.createUser("bench-reader");

            // Writer: contacts with a cadence, as events (the write path loads their aggregates).
            EventSeeder.Timeline contacts = new EventSeeder.Timeline(
                    new EventSeeder.Plan(List.of(writer.userId()), sizes.writerContacts(), 0, 7));
            SeedKeys keys = new SeedKeys();
            Serializer sealing = EncryptionScenario.sealingSerializer(keys);
            double seeded = EventSeeder.seed(connection, contacts, sealing, keys, 2);
            System.out.printf("seeded %,d contact events for the writer in %.1f s%n", contacts.size(), seeded);
            // Many users, each writing (the write scenario's second variant): 8 owners with contacts of their own.
            List<Api.User> spreadUsers = new ArrayList<>();
            if (selected.contains("write")) {
                for (int i = 0; i < WRITE_OWNERS; i++) {
                    spreadUsers.add(api.createUser("bench-writer-" + (i + 1)));
                }
            }
            int spreadContacts = Math.max(25, sizes.writerContacts() / WRITE_OWNERS);
            EventSeeder.Timeline spreadTimeline = spreadUsers.isEmpty()
                    ? null
                    : new EventSeeder.Timeline(new EventSeeder.Plan(
                            spreadUsers.stream().map(Api.User::userId).toList(), spreadContacts, 0, 11));
            if (spreadTimeline != null) {
                // keys of their own: a seed copies every key its SeedKeys made
                SeedKeys spreadKeys = new SeedKeys();
                double spreadSeeded = EventSeeder.seed(
                        connection, spreadTimeline, EncryptionScenario.sealingSerializer(spreadKeys), spreadKeys, 2);
                System.out.printf(
                        "seeded %,d contact events for %d writing owners in %.1f s%n",
                        spreadTimeline.size(), WRITE_OWNERS, spreadSeeded);
            }
            // The read models are written inline, by the commands that append (ADR 0019): events seeded behind the
            // server's back reach them the way an admin brings them in, by a rebuild of each projection.
            double rebuilt = rebuildAll(api);
            System.out.printf("rebuilt the projections from the seeded events in %.1f s%n", rebuilt);

            // Reader: the going_cold read model, set-based.
            List<UUID> owners = new ArrayList<>();
            owners.add(reader.userId());
            for (int i = 1; i < sizes.readOwners(); i++) {
                owners.add(UUID.randomUUID());
            }
            double readSeed = GoingColdReadScenario.seed(connection, owners, sizes.readContactsPerOwner());
            System.out.printf(
                    "seeded going_cold with %,d rows (%d owners) in %.1f s%n",
                    (long) owners.size() * sizes.readContactsPerOwner(), owners.size(), readSeed);

            awaitProjected(connection, writer.userId(), sizes.writerContacts());
            for (Api.User user : spreadUsers) {
                awaitProjected(connection, user.userId(), spreadContacts);
            }
            checkSeededContactReads(api, writer, contacts);

            if (selected.contains("write")) {
                List<UUID> ids = new ArrayList<>();
                for (int c = 0; c < sizes.writerContacts(); c++) {
                    ids.add(contacts.contactId(c));
                }
                List<WriteScenario.Writer> spread = new ArrayList<>();
                for (int o = 0; o < spreadUsers.size(); o++) {
                    List<UUID> theirs = new ArrayList<>();
                    for (int c = 0; c < spreadContacts; c++) {
                        theirs.add(spreadTimeline.contactId(o * spreadContacts + c));
                    }
                    spread.add(new WriteScenario.Writer(spreadUsers.get(o), theirs));
                }
                EventSeeder.Timeline one =
                        new EventSeeder.Timeline(new EventSeeder.Plan(List.of(writer.userId()), 1, 1, 3));
                WriteScenario.run(
                        this,
                        server,
                        memory,
                        new WriteScenario.Writer(writer, ids),
                        spread,
                        database,
                        one.event(2),
                        sealing);
                compareSeededWithWritten(connection);
            }
            if (selected.contains("read")) {
                GoingColdReadScenario.run(
                        this,
                        server,
                        memory,
                        reader,
                        database,
                        sizes.readContactsPerOwner(),
                        sizes.readOwners() * sizes.readContactsPerOwner());
            }
            if (selected.contains("dashboard")) {
                DashboardScenario.run(this, server, memory, reader, sizes.readContactsPerOwner());
            }
        } finally {
            server.close();
        }
    }

    /** Scenario 2: a full going-cold rebuild of the seeded store, events stored sealed (as keepwarm stores them) or in clear. */
    private void rebuildScenario(boolean sealed) throws Exception {
        String database = sealed ? "keepwarm_bench_rebuild" : "keepwarm_bench_rebuild_clear";
        postgres.recreate(database);
        postgres.migrate(database);
        // A first start on the empty store, as scenario 4 does: the live read models are written inline (ADR 0019)
        // and a server's first start hands them everything stored so far, so a first start after the seeding would
        // replay the million events into them (many minutes) before it answers. Seeded after it, the events reach the
        // read models only through the rebuild this scenario measures.
        startServer(sealed ? "rebuild-setup" : "rebuild-clear-setup", database, List.of())
                .close();
        List<UUID> owners = new ArrayList<>();
        for (int i = 0; i < sizes.rebuildOwners(); i++) {
            owners.add(new UUID(0x6b77L << 48 | i, 0x8000000000000000L | i));
        }
        EventSeeder.Plan plan = new EventSeeder.Plan(
                owners, sizes.rebuildContactsPerOwner(), sizes.rebuildInteractionsPerContact(), 11);
        EventSeeder.Timeline timeline = new EventSeeder.Timeline(plan);
        SeedKeys keys = new SeedKeys();
        Serializer serializer =
                sealed ? EncryptionScenario.sealingSerializer(keys) : EncryptionScenario.clearSerializer();
        double seconds;
        try (Connection connection = postgres.connect(database)) {
            seconds = EventSeeder.seed(connection, timeline, serializer, keys, 2);
        }
        System.out.printf(
                "seeded %,d events (%s) in %.1f s = %,.0f events/s (serialized with the application's %s, binary COPY)%n",
                timeline.size(),
                sealed ? "sealed" : "in clear",
                seconds,
                timeline.size() / seconds,
                sealed ? "sealing eventSerializer" : "Jackson serializer without keys");
        String figure = String.format(
                Locale.ROOT,
                "full going-cold rebuild of %,d events%s",
                timeline.size(),
                sealed ? "" : ", personal data stored in clear");
        String note = (sealed ? "" : "same events as above but serialized without sealing; ")
                + "measured through the admin API: from the 202 of POST /api/admin/projections/going-cold/rebuild to "
                + "the first status poll showing reads switched to the new version (includes up to one coordinator "
                + "tick, 1 s); the other projections are idle";
        try (RebuildScenario.RebuildMethod method =
                new RebuildScenario.AdminRebuild(this, database, sealed ? "rebuild" : "rebuild-clear")) {
            RebuildScenario.run(
                    this,
                    method,
                    database,
                    timeline.size(),
                    plan.contacts(),
                    (long) plan.contacts() * plan.interactionsPerContact(),
                    figure,
                    note);
        }
        try (Connection connection = postgres.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    /** Rebuilds every projection through the admin API, all at once, and waits until each has switched. */
    private static double rebuildAll(Api api) throws Exception {
        long started = System.nanoTime();
        List<String> names = List.of("going-cold", "contacts", "relationship-history");
        java.util.Map<String, Integer> from = new java.util.HashMap<>();
        for (String name : names) {
            String path = "/api/admin/projections/" + name;
            from.put(
                    name,
                    Api.JSON
                            .readTree(api.get(ServerProcess.ADMIN_TOKEN, path).body())
                            .get("version")
                            .asInt());
            HttpResponse<String> response = api.post(ServerProcess.ADMIN_TOKEN, path + "/rebuild", "");
            if (response.statusCode() != 202) {
                throw new IllegalStateException(
                        "starting the rebuild of " + name + ": " + response.statusCode() + " " + response.body());
            }
        }
        long deadline = started + Duration.ofMinutes(10).toNanos();
        for (String name : names) {
            while (Api.JSON
                            .readTree(api.get(ServerProcess.ADMIN_TOKEN, "/api/admin/projections/" + name)
                                    .body())
                            .get("version")
                            .asInt()
                    <= from.get(name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not switch to its rebuilt version");
                }
                Thread.sleep(100);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Waits until the contacts, going-cold and history projections have applied the seeded contact events. */
    private static void awaitProjected(Connection connection, UUID owner, int contacts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            try (var statement = connection.prepareStatement("""
                    SELECT (SELECT count(*) FROM going_cold WHERE owner_id = ? AND cadence_days IS NOT NULL),
                           (SELECT count(*) FROM contact_view WHERE owner_id = ?),
                           (SELECT count(*) FROM history_entry WHERE owner_id = ?)""")) {
                statement.setObject(1, owner);
                statement.setObject(2, owner);
                statement.setObject(3, owner);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == contacts && rs.getInt(2) == contacts && rs.getInt(3) == 2 * contacts) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not pick up the seeded contacts");
            }
            Thread.sleep(200);
        }
    }

    /** The server reads a seeded contact back, its sealed personal data decrypted with its seeded key. */
    private void checkSeededContactReads(Api api, Api.User writer, EventSeeder.Timeline contacts) throws Exception {
        for (int i = 0; i < contacts.size(); i++) {
            GenericDomainEventMessage<?> event = contacts.event(i);
            if (event.getPayload() instanceof ContactAdded added) {
                HttpResponse<String> response = api.get(writer.token(), "/api/contacts/" + added.contactId());
                JsonNode body = Api.JSON.readTree(response.body());
                if (response.statusCode() != 200
                        || !added.personal()
                                .displayName()
                                .equals(body.path("displayName").asText())) {
                    throw new IllegalStateException(
                            "a seeded contact does not read back: " + response.statusCode() + " " + response.body());
                }
                System.out.println("seed check: the server reads seeded contact " + added.contactId() + " back as \""
                        + body.path("displayName").asText() + "\"");
                return;
            }
        }
    }

    /** The seeded rows and the rows the server wrote itself have the same aggregate type and metadata keys. */
    private void compareSeededWithWritten(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                     (SELECT 'seeded' AS origin, type, meta_data, payload_revision FROM domain_event_entry
                      WHERE payload_type LIKE '%.ContactAdded' ORDER BY global_index LIMIT 1)
                     UNION ALL
                     (SELECT 'written', type, meta_data, payload_revision FROM domain_event_entry
                      WHERE payload_type LIKE '%.InteractionLogged' ORDER BY global_index DESC LIMIT 1)""")) {
            List<String> shapes = new ArrayList<>();
            while (rs.next()) {
                JsonNode meta = Api.JSON.readTree(new String(rs.getBytes(3), StandardCharsets.UTF_8));
                List<String> metaKeys = new ArrayList<>();
                meta.fieldNames().forEachRemaining(metaKeys::add);
                metaKeys.sort(null);
                shapes.add("type=" + rs.getString(2) + " revision=" + rs.getString(4) + " metadata keys=" + metaKeys);
            }
            if (shapes.size() == 2 && !shapes.get(0).equals(shapes.get(1))) {
                results.note("seeded event rows differ from rows the server wrote: seeded " + shapes.get(0)
                        + ", written " + shapes.get(1));
            } else {
                System.out.println(
                        "seed check: seeded and server-written event rows have the same shape: " + shapes.get(0));
            }
        }
    }

    private static String commit() {
        try {
            String head = git("rev-parse", "HEAD");
            String dirty = git("status", "--porcelain", "--untracked-files=no");
            return head + (dirty.isBlank() ? "" : " (with uncommitted changes)");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException(output);
        }
        return output;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " (1 min)";
        } catch (IOException e) {
            return "n/a";
        }
    }
}
