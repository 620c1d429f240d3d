package io.keepwarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.api.OwnerId;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scenario 3, going-cold read: p50/p99 of {@code GET /api/going-cold} (default statuses and limit) for an owner
 * with N contacts among 100 × N, at 8 concurrent clients. Ceiling: the SQL the server runs for that request besides
 * the token check (the owner's cadences, then the ranked narrow rows with the bounds GoingColdRules gives, arguments
 * built by GoingColdQueries itself, in one statement with the count of every matching row for the answer's
 * {@code total}, then the full columns of a page of them by key, then the account's settings for the reachable hours), through JDBC at the
 * same concurrency, reading every column of every row each statement returns.
 *
 * <p>The going_cold read model is seeded set-based (one INSERT … SELECT over generate_series): the read touches
 * nothing but that table, so rows with no events behind them are read exactly as projected ones would be, and
 * seeding a million of them takes seconds instead of replaying millions of events.
 */
final class GoingColdReadScenario {

    static final int CLIENTS = 8;

    /** The statements GoingColdQueries.find runs for a request without tag or city: the owner's cadences, then the rows. */
    static final String CADENCES_SQL = GoingColdQueries.CADENCES;

    /** Then the ranked narrow rows and how many rows match in all (the answer's {@code total}), in one statement. */
    static final String RANKED_SQL = GoingColdQueries.rankedCountedSql("");

    /** Then the full columns of the rows returned, by key. */
    static final String WIDE_SQL = GoingColdQueries.WIDE_SQL;

    /** Then the account's settings (its reachable hours assess the rows). */
    static final String SETTINGS_SQL = Settings.OF_SQL;

    private GoingColdReadScenario() {}

    /**
     * One row per contact of every owner: 90 % tracked (cadence 21/60/180/365 days), 2 % archived, 3 % snoozed,
     * last interactions spread over the past 400 days (10 % never contacted), so every status occurs.
     *
     * @return seconds taken
     */
    static double seed(Connection connection, List<UUID> owners, int contactsPerOwner) throws Exception {
        long started = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO going_cold (owner_id, contact_id, display_name, city, time_zone, tags, cadence_days,
                                        cadence_set_at, last_interaction_at, asks, gives, snoozed_until, archived, version)
                SELECT o.owner_id, gen_random_uuid(), 'Contact ' || o.n || '-' || g,
                       (ARRAY['Berlin','Lisbon','Austin','Toronto','Nairobi','Osaka','Lyon','Leeds'])[1 + g % 8],
                       (ARRAY['Europe/Berlin','Europe/Lisbon','America/Chicago','America/Toronto','Africa/Nairobi',
                              'Asia/Tokyo','Europe/Paris','Europe/London'])[1 + g % 8],
                       CASE g % 3 WHEN 0 THEN ARRAY['mentor'] WHEN 1 THEN ARRAY['alumni','conference'] ELSE '{}' END,
                       CASE WHEN g % 10 = 9 THEN NULL ELSE (ARRAY[21, 60, 180, 365])[1 + g % 4] END,
                       now() - interval '500 days' + (g % 97) * interval '1 day',
                       CASE WHEN g % 10 = 3 THEN NULL ELSE now() - random() * interval '400 days' END,
                       g % 5, g % 4, CASE WHEN g % 33 = 0 THEN now() + interval '7 days' END, g % 50 = 7, 2
                FROM unnest(?::uuid[]) WITH ORDINALITY AS o(owner_id, n)
                CROSS JOIN generate_series(1, ?) AS g""")) {
            insert.setArray(1, connection.createArrayOf("uuid", owners.toArray()));
            insert.setInt(2, contactsPerOwner);
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            // As a table that has been in use for a while: hint bits and visibility map set, statistics current.
            // The active version's table: going_cold is a view, which VACUUM skips with only a warning.
            String table;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 'going_cold_v' || active_version FROM projection_version WHERE projection = 'going-cold'")) {
                rs.next();
                table = rs.getString(1);
            }
            statement.execute("VACUUM ANALYZE " + table);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The request the HTTP clients send, as GoingColdQueries receives it (default statuses and limit). */
    private static FindGoingCold request(UUID owner) {
        return new FindGoingCold(
                new OwnerId(owner),
                FindGoingCold.DEFAULT_STATUSES,
                null,
                null,
                FindGoingCold.DEFAULT_LIMIT,
                Instant.now(),
                false);
    }

    /** The owner's cadences, by GoingColdQueries' statement. */
    private static List<Integer> cadences(PreparedStatement cadences, UUID owner) throws Exception {
        for (int i = 1; i <= 4; i++) {
            cadences.setObject(i, owner);
        }
        cadences.setInt(5, 65);
        List<Integer> found = new ArrayList<>();
        try (ResultSet rs = cadences.executeQuery()) {
            while (rs.next()) {
                found.add(rs.getInt(1));
            }
        }
        return found;
    }

    private static void bind(PreparedStatement statement, Object[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    static void run(
            Bench bench,
            ServerProcess server,
            MemorySampler memory,
            Api.User reader,
            String database,
            int ownerContacts,
            int totalContacts)
            throws Exception {
        Api api = new Api(server);
        HttpResponse<String> probe = api.get(reader.token(), "/api/going-cold");
        JsonNode items = Api.JSON.readTree(probe.body()).get("items");
        if (probe.statusCode() != 200 || items == null || items.size() == 0) {
            throw new IllegalStateException("going-cold probe: " + probe.statusCode() + " " + probe.body());
        }
        String plan = explain(bench, database, reader.userId());
        System.out.println("plan of the going-cold SQL for the reader:\n" + plan);
        System.out.println("going-cold read: " + items.size() + " rows per answer, owner with " + ownerContacts + " of "
                + totalContacts + " contacts, " + CLIENTS + " clients");
        httpRun(api, reader, bench.sizes().warmup());
        sqlRun(bench, database, reader.userId(), bench.sizes().warmup());
        String size = ownerContacts + " of " + totalContacts + " contacts";
        PairedRuns runs = new PairedRuns(
                "3. going-cold read",
                "HTTP",
                "SQL",
                "GoingColdQueries' SQL over JDBC, " + CLIENTS + " connections",
                "requests/s");
        memory.startWindow();
        for (int run = 0; run < bench.sizes().runs(); run++) {
            Load.Result http = server.measuredCpu(
                    "going-cold", () -> httpRun(api, reader, bench.sizes().loadRun()));
            runs.add(
                    http, sqlRun(bench, database, reader.userId(), bench.sizes().loadRun()));
        }
        MemorySampler.Peak peak = memory.endWindow();
        bench.results()
                .add(runs.figure(
                        PairedRuns.Measure.P99, size, Results.Goal.ratio(1.5, "p99 ≤ 1.5 × its SQL (issue 16)"), null));
        bench.results().add(runs.figure(PairedRuns.Measure.P50, size));
        bench.results().add(runs.figure(PairedRuns.Measure.RATE, " at " + CLIENTS + " clients"));
        bench.results().memory(new Results.Memory("3. going-cold read", peak, null));
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the ceiling SQL for the owner: which index, how many rows and pages. */
    static String explain(Bench bench, String database, UUID owner) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = bench.postgres().connect(database);
                PreparedStatement cadences = connection.prepareStatement(CADENCES_SQL);
                PreparedStatement explainCadences =
                        connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + CADENCES_SQL);
                PreparedStatement explainRanked =
                        connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + RANKED_SQL)) {
            for (int i = 1; i <= 4; i++) {
                explainCadences.setObject(i, owner);
            }
            explainCadences.setInt(5, 65);
            bind(explainRanked, GoingColdQueries.firstPageArgs(request(owner), cadences(cadences, owner)));
            for (PreparedStatement explain : List.of(explainCadences, explainRanked)) {
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    private static Load.Result httpRun(Api api, Api.User reader, java.time.Duration duration)
            throws InterruptedException {
        return Load.run(CLIENTS, duration, client -> {
            Api mine = api.fork();
            return (c, i) -> mine.get(reader.token(), "/api/going-cold").statusCode() == 200;
        });
    }

    private static Load.Result sqlRun(Bench bench, String database, UUID owner, java.time.Duration duration)
            throws Exception {
        List<Connection> connections = new CopyOnWriteArrayList<>();
        try {
            return Load.run(CLIENTS, duration, client -> {
                Connection connection = bench.postgres().connect(database);
                connections.add(connection);
                PreparedStatement cadences = connection.prepareStatement(CADENCES_SQL);
                PreparedStatement ranked = connection.prepareStatement(RANKED_SQL);
                PreparedStatement wide = connection.prepareStatement(WIDE_SQL);
                PreparedStatement settings = connection.prepareStatement(SETTINGS_SQL);
                return (c, i) -> {
                    FindGoingCold request = request(owner);
                    List<Integer> owned = cadences(cadences, owner);
                    bind(ranked, GoingColdQueries.firstPageArgs(request, owned));
                    // The ranking reads the narrow columns of every candidate; the server then reads the full
                    // columns of the page's rows by key. Which rows does not change that statement's cost: the
                    // ceiling takes the first DEFAULT_LIMIT candidates.
                    List<UUID> page = new ArrayList<>();
                    try (ResultSet rs = ranked.executeQuery()) {
                        while (rs.next()) {
                            UUID id = rs.getObject("contact_id", UUID.class);
                            rs.getString("display_name");
                            rs.getObject("cadence_days", Integer.class);
                            rs.getObject("cadence_set_at", OffsetDateTime.class);
                            rs.getObject("last_interaction_at", OffsetDateTime.class);
                            rs.getObject("snoozed_until", OffsetDateTime.class);
                            rs.getObject("known_since", OffsetDateTime.class);
                            rs.getLong("version");
                            rs.getLong("total");
                            if (page.size() < FindGoingCold.DEFAULT_LIMIT) {
                                page.add(id);
                            }
                        }
                    }
                    wide.setObject(1, owner);
                    wide.setArray(2, connection.createArrayOf("uuid", page.toArray()));
                    int rows = 0;
                    try (ResultSet rs = wide.executeQuery()) {
                        while (rs.next()) {
                            rs.getObject(1, UUID.class);
                            rs.getString(2);
                            rs.getString(3);
                            rs.getString(4);
                            rs.getArray(5).getArray();
                            rs.getObject(6, Integer.class);
                            rs.getObject(7, OffsetDateTime.class);
                            rs.getObject(8, OffsetDateTime.class);
                            rs.getInt(9);
                            rs.getInt(10);
                            rs.getObject(11, OffsetDateTime.class);
                            rs.getBoolean(12);
                            rs.getObject(13, OffsetDateTime.class);
                            rs.getLong(14);
                            rows++;
                        }
                    }
                    settings.setObject(1, owner);
                    try (ResultSet rs = settings.executeQuery()) {
                        Postgres.readEveryColumn(rs);
                    }
                    return rows > 0;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
