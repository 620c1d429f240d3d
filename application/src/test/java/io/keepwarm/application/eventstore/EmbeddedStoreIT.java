package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store as the product runs it: durable settings, a password in a 0600 file, scram-sha-256 for
 * every connection, and a data directory made by the earlier, trusting keepwarm converted on its next start.
 */
class EmbeddedStoreIT {

    @TempDir
    Path data;

    @Test
    void a_fresh_store_is_durable_and_asks_every_connection_for_the_generated_password() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.start(data)) {
            Path passwordFile = data.resolve(EmbeddedStore.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile).strip())
                    .isEqualTo(store.password())
                    .hasSizeGreaterThanOrEqualTo(40);

            try (Connection connection = connect(store, store.password())) {
                assertThat(setting(connection, "fsync")).isEqualTo("on");
                assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
                assertThat(hbaMethods(connection)).containsOnly("scram-sha-256");
            }
            assertRefusedWithoutPassword(store);
            assertThatThrownBy(() -> connect(store, "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(Files.readString(store.cluster().resolve("pg_hba.conf")))
                    .doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
        }
    }

    @Test
    void a_restart_keeps_the_password_and_the_data() throws Exception {
        String password;
        try (EmbeddedStore store = EmbeddedStore.start(data);
                Connection connection = connect(store, store.password());
                Statement statement = connection.createStatement()) {
            password = store.password();
            statement.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedStore store = EmbeddedStore.start(data);
                Connection connection = connect(store, password)) {
            assertThat(store.password()).isEqualTo(password);
            assertThat(query(connection, "SELECT v FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void a_one_shot_command_attaches_to_the_store_a_running_server_holds_and_leaves_it_running() throws Exception {
        try (EmbeddedStore running = EmbeddedStore.start(data)) {
            try (EmbeddedStore attached = EmbeddedStore.attachOrStart(data)) {
                assertThat(attached.port()).isEqualTo(running.port());
                assertThat(attached.password()).isEqualTo(running.password());
            }
            try (Connection connection = connect(running, running.password())) {
                assertThat(query(connection, "SELECT 'still running'")).isEqualTo("still running");
            }
        }
    }

    @Test
    void a_data_directory_of_the_earlier_trusting_keepwarm_is_converted_on_its_next_start() throws Exception {
        // Exactly what keepwarm did before: io.zonky's defaults, initdb -A trust, no password.
        Path cluster = data.resolve(EmbeddedStore.CLUSTER_DIRECTORY);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(cluster)
                        .setCleanDataDirectory(false)
                        .start();
                Connection connection = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from the old version')");
        }
        assertThat(Files.readString(cluster.resolve("pg_hba.conf"))).containsPattern("(?m)^[^#]*\\btrust\\b");

        try (EmbeddedStore store = EmbeddedStore.start(data)) {
            assertRefusedWithoutPassword(store);
            try (Connection connection = connect(store, store.password())) {
                assertThat(query(connection, "SELECT v FROM kept")).isEqualTo("from the old version");
                assertThat(hbaMethods(connection)).containsOnly("scram-sha-256");
                assertThat(query(connection, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'postgres'"))
                        .isEqualTo("SCRAM-SHA-256$");
                assertThat(setting(connection, "fsync")).isEqualTo("on");
            }
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(data.resolve(EmbeddedStore.PASSWORD_FILE))))
                    .isEqualTo("rw-------");
        }
    }

    private static void assertRefusedWithoutPassword(EmbeddedStore store) {
        Properties noPassword = new Properties();
        noPassword.setProperty("user", EmbeddedStore.USER);
        assertThatThrownBy(() -> DriverManager.getConnection(store.jdbcUrl("postgres"), noPassword)
                        .close())
                .as("a login without a password")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> connect(store, "").close())
                .as("a login with an empty password")
                .isInstanceOf(SQLException.class);
    }

    private static Connection connect(EmbeddedStore store, String password) throws SQLException {
        return DriverManager.getConnection(store.jdbcUrl("postgres"), EmbeddedStore.USER, password);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        return query(connection, "SHOW " + name);
    }

    /** The authentication methods of every rule PostgreSQL actually loaded from pg_hba.conf. */
    private static List<String> hbaMethods(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT auth_method FROM pg_hba_file_rules")) {
            List<String> methods = new java.util.ArrayList<>();
            while (rows.next()) {
                methods.add(rows.getString(1));
            }
            assertThat(methods).isNotEmpty();
            return methods;
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
