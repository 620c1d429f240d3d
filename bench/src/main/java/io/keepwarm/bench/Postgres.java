package io.keepwarm.bench;

import io.keepwarm.application.eventstore.EmbeddedStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL server every scenario and every ceiling runs on: a fresh embedded one (the same binaries and the
 * same settings keepwarm's own embedded mode uses), or the server of a given JDBC URL. Each scenario gets its own
 * database on it, created fresh.
 */
final class Postgres implements AutoCloseable {

    /** Reads every column of every row of {@code rs}, as a ceiling must to do the work the server's read does. */
    static void readEveryColumn(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int col = 1; col <= columns; col++) {
                rs.getObject(col);
            }
        }
    }

    private final String baseUrl; // jdbc:postgresql://host:port/
    private final String user;
    private final String password;
    private final EmbeddedStore embedded;
    private final String kind;

    private Postgres(String baseUrl, String user, String password, EmbeddedStore embedded, String kind) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.kind = kind;
    }

    /**
     * A fresh embedded PostgreSQL started exactly as the product starts its own ({@link EmbeddedStore}: the same
     * binaries, durability settings and password), with its data directory under {@code bench/target} (not in a
     * shared temporary folder that other work on the machine may clean up).
     */
    static Postgres embedded() throws IOException {
        Files.createDirectories(Path.of("bench", "target"));
        Path dataDirectory =
                Files.createTempDirectory(Path.of("bench", "target").toAbsolutePath(), "bench-pg-");
        EmbeddedStore store = EmbeddedStore.start(dataDirectory);
        // pg_stat_statements, to count the statements of a write (StatementCount): a measurement aid the product
        // does not ship; loading it needs a restart on the same data directory
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + store.port() + "/postgres",
                        EmbeddedStore.USER,
                        store.password());
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        } catch (SQLException e) {
            throw new IOException("could not configure pg_stat_statements", e);
        }
        store.close();
        store = EmbeddedStore.start(dataDirectory);
        return new Postgres(
                "jdbc:postgresql://localhost:" + store.port() + "/",
                EmbeddedStore.USER,
                store.password(),
                store,
                "embedded (as the product ships it: "
                        + EmbeddedStore.SETTINGS.keySet().stream()
                                .filter(k -> k.matches("fsync|synchronous_commit|full_page_writes"))
                                .sorted()
                                .map(k -> k + "=" + EmbeddedStore.SETTINGS.get(k))
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "; fresh data directory; pg_stat_statements loaded to count statements)");
    }

    /** The server of a given JDBC URL; the bench creates (and drops) its own databases there. */
    static Postgres external(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String base = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/";
        return new Postgres(base, user, password, null, "given by --jdbc-url (" + uri.getHost() + ")");
    }

    String kind() {
        return kind;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String url(String database) {
        return baseUrl + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    /** Drops (if present) and creates an empty database. */
    void recreate(String database) throws SQLException {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /** keepwarm's own Flyway migrations, exactly as the server runs them at start-up. */
    void migrate(String database) {
        Flyway.configure()
                .dataSource(url(database), user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The settings that decide write and read costs, reported beside the figures. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
                rs.next();
                settings.put("server_version", rs.getString(1));
            }
            for (String name : new String[] {
                "synchronous_commit", "fsync", "full_page_writes", "shared_buffers", "max_wal_size", "work_mem"
            }) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        }
        return settings;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
