package io.keepwarm.bench;

import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.SearchText;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.NameOrder;
import io.keepwarm.domain.contact.api.OwnerId;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Scenario 5, contact search (issue 18): p50/p99 of {@code GET /api/contacts?q=} for an owner with N contacts among
 * 100 × N, at 8 concurrent clients, the queries a person types into a picker (a prefix, a name with an umlaut typed
 * without it, a city, two words, Vietnamese and Chinese, an organization). Ceiling: the statements ContactQueries
 * runs for that request, over JDBC at the same concurrency, reading every column of every row: the very page
 * statement ({@link ContactQueries#firstPage}, the contacts with their going-cold inputs joined), then, as the server
 * does when a contact on the page has a cadence, the account's settings ({@link Settings#OF_SQL}).
 *
 * <p>The contact_view read model is seeded by COPY with names from several languages; its sort keys and search
 * columns are computed by the product's own NameOrder and SearchText, so the rows are what the projection writes.
 * The list joins each contact of a page to its going-cold row, so the searching owner has those too.
 */
final class SearchScenario {

    static final int CLIENTS = 8;

    static final List<String> QUERIES =
            List.of("mar", "muller", "sao paulo", "anna k", "nguyen", "王", "acme", "lodz", "isik", "li");

    private static final String[] FIRST = {
        "Anna", "Maria", "Jürgen", "João", "Łukasz", "Işık", "İbrahim", "Nguyễn", "Marek", "Zoë", "Lena", "Mario",
        "Ana", "Liam", "Chloé", "Søren", "Đức", "Ömer", "Marta", "Li", "王", "李", "Fatma", "José", "Kai"
    };
    private static final String[] LAST = {
        "Müller",
        "Gonçalves",
        "Wiśniewski",
        "Yılmaz",
        "Çelik",
        "Trần",
        "Schmidt",
        "Kowalska",
        "Silva",
        "Nowak",
        "Lee",
        "Martin",
        "伟",
        "娜",
        "Øster",
        "Lindqvist",
        "Đặng",
        "Fischer",
        "Costa",
        "Kaya",
        "Weber",
        "García"
    };
    private static final String[] CITY = {
        "München",
        "São Paulo",
        "Łódź",
        "İstanbul",
        "Hà Nội",
        "北京",
        "Berlin",
        "Lisboa",
        "Kraków",
        "Ankara",
        "Oslo",
        "Köln"
    };
    private static final String[] ORG = {"Acme", "Globex", "Initech", "Umbrella", "阿里巴巴", "Żabka", "Siemens"};

    private SearchScenario() {}

    static void run(Bench bench) throws Exception {
        Bench.Sizes sizes = bench.sizes();
        String database = "keepwarm_bench_search";
        bench.postgres().recreate(database);
        bench.postgres().migrate(database);
        ServerProcess server = bench.startServer("search", database, List.of());
        try (MemorySampler memory = new MemorySampler(server);
                Connection connection = bench.postgres().connect(database)) {
            Api api = new Api(server);
            Api.User reader = api.createUser("bench-searcher");
            List<UUID> owners = new ArrayList<>();
            owners.add(reader.userId());
            // -Dkeepwarm.bench.search-owners=N (BENCH_JAVA_OPTS) seeds fewer owners than the read scenario's, for a
            // machine where seeding and indexing a million rows takes too long; the owner's own size stays.
            int ownerCount = Integer.getInteger("keepwarm.bench.search-owners", sizes.readOwners());
            for (int i = 1; i < ownerCount; i++) {
                owners.add(UUID.randomUUID());
            }
            int perOwner = sizes.readContactsPerOwner();
            long total = (long) owners.size() * perOwner;
            double seeded = seed(connection, owners, perOwner);
            System.out.printf(
                    "seeded contact_view with %,d rows (%d owners) in %.1f s%n", total, owners.size(), seeded);
            for (String q : QUERIES) {
                HttpResponse<String> probe = api.get(reader.token(), path(q));
                if (probe.statusCode() != 200) {
                    throw new IllegalStateException(
                            "search probe " + q + ": " + probe.statusCode() + " " + probe.body());
                }
                System.out.printf(
                        "  q=%s: %d rows%n",
                        q, Api.JSON.readTree(probe.body()).get("items").size());
            }
            System.out.println("plan of the search SQL for q=" + QUERIES.get(1) + ":\n"
                    + explain(bench, database, reader.userId(), QUERIES.get(1)));
            httpRun(api, reader, sizes.warmup());
            sqlRun(bench, database, reader.userId(), sizes.warmup());
            String size = perOwner + " of " + total + " contacts, " + CLIENTS + " clients";
            PairedRuns runs = new PairedRuns(
                    "5. contact search",
                    "HTTP",
                    "SQL",
                    "ContactQueries' search SQL over JDBC, " + CLIENTS + " connections",
                    "requests/s");
            memory.startWindow();
            for (int run = 0; run < sizes.runs(); run++) {
                runs.add(
                        server.measuredCpu("search", () -> httpRun(api, reader, sizes.loadRun())),
                        sqlRun(bench, database, reader.userId(), sizes.loadRun()));
            }
            MemorySampler.Peak peak = memory.endWindow();
            bench.results()
                    .add(runs.figure(
                            PairedRuns.Measure.P99,
                            size,
                            Results.Goal.ratio(1.5, "p99 ≤ 1.5 × its SQL"),
                            "queries " + String.join(", ", QUERIES)));
            bench.results().add(runs.figure(PairedRuns.Measure.P50, size));
            bench.results().memory(new Results.Memory("5. contact search", peak, null));
        } finally {
            server.close();
        }
    }

    private static String path(String q) {
        return "/api/contacts?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    /**
     * Seeds the active version's contact_view table (the plain name is a view): the first owner's {@code perOwner}
     * rows by COPY, their sort keys and search columns computed by the product's own NameOrder and SearchText; every
     * other owner's rows set-based, one {@code INSERT … SELECT} per owner copying the first owner's rows under fresh
     * owner and contact ids (same names, same folded text, same keys: rows the projection would write for such a
     * network). The secondary indexes are dropped for the load and built again from their own definitions after it
     * (a bulk load's usual order, much faster than maintaining the trigram index row by row), then VACUUM ANALYZE and
     * a CHECKPOINT.
     * Rows stay grouped by owner, as the per-owner COPY of the first figures left them.
     */
    static double seed(Connection connection, List<UUID> owners, int perOwner) throws Exception {
        long started = System.nanoTime();
        String table;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT 'contact_view_v' || active_version FROM projection_version WHERE projection = 'contacts'")) {
            rs.next();
            table = rs.getString(1);
        }
        List<String> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    SELECT ix.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
                    JOIN pg_class ix ON ix.oid = i.indexrelid
                    WHERE i.indrelid = '%s'::regclass AND NOT i.indisprimary AND NOT i.indisunique""".formatted(table))) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    System.out.println("  (rebuilt after the load) " + rs.getString(2));
                }
            }
            for (String definition : indexes) {
                String name = definition.replaceFirst("^CREATE INDEX (\\S+) ON .*$", "$1");
                statement.execute("DROP INDEX " + name);
            }
        }
        copyRows(connection, table, owners.get(0), perOwner);
        goingCold(connection, table, owners.get(0));
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name = ? AND column_name NOT IN ('owner_id', 'contact_id') ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        String list = String.join(", ", columns);
        try (PreparedStatement copy = connection.prepareStatement("INSERT INTO " + table + " (owner_id, contact_id, "
                + list + ") SELECT ?, gen_random_uuid(), " + list + " FROM " + table + " WHERE owner_id = ?")) {
            for (UUID owner : owners.subList(1, owners.size())) {
                copy.setObject(1, owner);
                copy.setObject(2, owners.get(0));
                copy.executeUpdate();
            }
        }
        System.out.printf("  rows loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET maintenance_work_mem = '256MB'");
            for (String definition : indexes) {
                statement.execute(definition);
            }
            statement.execute("VACUUM ANALYZE " + table);
            // The load left most of the table and its indexes dirty: without a checkpoint now, the measured reads
            // would pay for writing them out (a backend evicting a dirty page writes it, with fsync on), and the
            // first run of each figure stalled for seconds, HTTP and SQL alike.
            statement.execute("CHECKPOINT");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** One owner's rows by COPY, with the product's own sort keys and folded search columns. */
    private static void copyRows(Connection connection, String table, UUID owner, int perOwner) throws Exception {
        String copy =
                "COPY " + table + " (owner_id, contact_id, display_name, organization, role, city, tags, channels,"
                        + " archived, added_at, updated_at, version, sort_key, search_name, search_text) FROM STDIN";
        HexFormat hex = HexFormat.of();
        java.util.Random random = new java.util.Random(18);
        PGConnection pg = connection.unwrap(PGConnection.class);
        StringBuilder rows = new StringBuilder(perOwner * 200);
        for (int i = 0; i < perOwner; i++) {
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)]
                    + (i % 7 == 0 ? " " + i : "");
            String organization = ORG[random.nextInt(ORG.length)];
            String city = CITY[random.nextInt(CITY.length)];
            String email = "p" + i + "@" + organization.toLowerCase(java.util.Locale.ROOT) + ".example";
            List<String> tags = i % 3 == 0 ? List.of("alumni") : List.of();
            SearchText.Indexed indexed =
                    SearchText.Indexed.of(name, organization, "Engineer", city, tags, Map.of("email", email));
            rows.append(owner)
                    .append('\t')
                    .append(UUID.randomUUID())
                    .append('\t')
                    .append(escape(name))
                    .append('\t')
                    .append(escape(organization))
                    .append('\t')
                    .append("Engineer\t")
                    .append(escape(city))
                    .append('\t')
                    .append(tags.isEmpty() ? "{}" : "{alumni}")
                    .append('\t')
                    .append(escape("{\"EMAIL\": \"" + email + "\"}"))
                    .append('\t')
                    .append(i % 50 == 7 ? "t" : "f")
                    .append('\t')
                    .append("2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\t1\t")
                    .append("\\\\x")
                    .append(hex.formatHex(NameOrder.key(name)))
                    .append('\t')
                    .append(escape(indexed.name()))
                    .append('\t')
                    .append(escape(indexed.text()))
                    .append('\n');
        }
        pg.getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
    }

    /**
     * The searching owner's contacts in the going-cold read model too, as projected contacts are (the list joins
     * each contact of a page to its going-cold row): 90 % with a cadence, last interactions over the past 400 days,
     * 10 % never contacted, the names and places of their contact_view rows.
     */
    private static void goingCold(Connection connection, String contacts, UUID owner) throws Exception {
        String table;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT 'going_cold_v' || active_version FROM projection_version WHERE projection = 'going-cold'")) {
            rs.next();
            table = rs.getString(1);
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO %s (owner_id, contact_id, display_name, city, time_zone, tags, cadence_days,
                                cadence_set_at, last_interaction_at, asks, gives, snoozed_until, archived, version,
                                sort_key)
                SELECT c.owner_id, c.contact_id, c.display_name, c.city, 'Europe/Berlin', c.tags,
                       CASE WHEN mod(g, 10) = 9 THEN NULL ELSE (ARRAY[21, 60, 180, 365])[1 + mod(g, 4)] END,
                       now() - interval '500 days' + (mod(g, 97)) * interval '1 day',
                       CASE WHEN mod(g, 10) = 3 THEN NULL ELSE now() - (mod(g, 400)) * interval '1 day' END,
                       mod(g, 5), mod(g, 4), NULL, c.archived, 2, c.sort_key
                FROM (SELECT *, row_number() OVER (ORDER BY contact_id) AS g FROM %s WHERE owner_id = ?) c""".formatted(table, contacts))) {
            insert.setObject(1, owner);
            insert.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE " + table);
        }
    }

    /** A value in COPY's text format. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    /** The statement and positional values ContactQueries runs for the first page of {@code q}. */
    private record Positional(String sql, Object[] values) {

        static Positional of(UUID owner, String q) {
            ContactQueries.ListStatement statement =
                    ContactQueries.firstPage(new OwnerId(owner), q, ContactQueries.DEFAULT_LIMIT);
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(statement.sql());
            MapSqlParameterSource source = new MapSqlParameterSource(statement.params());
            return new Positional(
                    NamedParameterUtils.substituteNamedParameters(parsed, source),
                    NamedParameterUtils.buildValueArray(parsed, source, null));
        }
    }

    static String explain(Bench bench, String database, UUID owner, String q) throws Exception {
        Positional statement = Positional.of(owner, q);
        StringBuilder plan = new StringBuilder();
        try (Connection connection = bench.postgres().connect(database);
                PreparedStatement explain =
                        connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
            for (int i = 0; i < statement.values().length; i++) {
                explain.setObject(i + 1, statement.values()[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static Load.Result httpRun(Api api, Api.User reader, java.time.Duration duration)
            throws InterruptedException {
        return Load.run(CLIENTS, duration, client -> {
            Api mine = api.fork();
            return (c, i) -> mine.get(reader.token(), path(QUERIES.get((int) ((c + i) % QUERIES.size()))))
                            .statusCode()
                    == 200;
        });
    }

    private static Load.Result sqlRun(Bench bench, String database, UUID owner, java.time.Duration duration)
            throws Exception {
        List<Positional> statements = new ArrayList<>();
        for (String q : QUERIES) {
            statements.add(Positional.of(owner, q));
        }
        List<Connection> connections = new CopyOnWriteArrayList<>();
        try {
            return Load.run(CLIENTS, duration, client -> {
                Connection connection = bench.postgres().connect(database);
                connections.add(connection);
                List<PreparedStatement> prepared = new ArrayList<>();
                for (Positional statement : statements) {
                    prepared.add(connection.prepareStatement(statement.sql()));
                }
                PreparedStatement settings = connection.prepareStatement(Settings.OF_SQL);
                return (c, i) -> {
                    int which = (int) ((c + i) % statements.size());
                    PreparedStatement statement = prepared.get(which);
                    Object[] values = statements.get(which).values();
                    for (int v = 0; v < values.length; v++) {
                        statement.setObject(v + 1, values[v]);
                    }
                    boolean assessed = false;
                    try (ResultSet rs = statement.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int col = 1; col <= columns; col++) {
                                rs.getObject(col);
                            }
                            assessed |= rs.getObject("gc_cadence_days") != null;
                        }
                    }
                    // as the server does: the account's reachable hours, when a contact on the page has a cadence
                    if (assessed) {
                        settings.setObject(1, owner);
                        try (ResultSet rs = settings.executeQuery()) {
                            Postgres.readEveryColumn(rs);
                        }
                    }
                    return true;
                };
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
