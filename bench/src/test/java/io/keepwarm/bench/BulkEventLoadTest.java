package io.keepwarm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bulk load leaves {@code domain_event_entry} and {@code owner_event_position} exactly as the table's own trigger
 * leaves them when the same events are appended with it: one database gets every batch through the trigger, the
 * other gets the middle batch through {@link BulkEventLoad}.
 */
class BulkEventLoadTest {

    private static final UUID ADA = new UUID(1, 1);
    private static final UUID GRACE = new UUID(2, 2);
    private static final UUID LINUS = new UUID(3, 3);

    private static EmbeddedPostgres postgres;
    private final Serializer serializer = EncryptionScenario.clearSerializer();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void a_bulk_load_numbers_owners_and_positions_as_the_trigger_does_before_and_after_other_appends()
            throws Exception {
        // Ada and Grace have events before the load, Linus's first come with it; Ada writes again after it.
        EventSeeder.Timeline before = timeline(List.of(ADA, GRACE), 1);
        EventSeeder.Timeline load = timeline(List.of(ADA, GRACE, LINUS), 2);
        EventSeeder.Timeline after = timeline(List.of(ADA), 3);

        try (Connection triggered = migrated("through_the_trigger");
                Connection bulk = migrated("through_a_bulk_load")) {
            for (Connection connection : List.of(triggered, bulk)) {
                EventSeeder.copyEvents(connection, before, serializer, 1);
            }
            EventSeeder.copyEvents(triggered, load, serializer, 1);
            long appended = BulkEventLoad.append(bulk, into -> EventSeeder.copyEvents(into, load, serializer, 1));
            assertThat(appended).isEqualTo(load.size());
            assertThat(bulk.getAutoCommit()).isTrue();
            for (Connection connection : List.of(triggered, bulk)) {
                EventSeeder.copyEvents(connection, after, serializer, 1);
            }

            assertThat(numbering(bulk)).hasSize(before.size() + load.size() + after.size());
            assertThat(numbering(bulk)).isEqualTo(numbering(triggered));
            assertThat(counters(bulk)).isEqualTo(counters(triggered)).hasSize(3);
            assertThat(triggerState(bulk)).isEqualTo("O"); // enabled again for every session
        }
    }

    @Test
    void a_failed_bulk_load_leaves_nothing_and_the_trigger_enabled() throws Exception {
        try (Connection connection = migrated("failed_load")) {
            EventSeeder.Timeline load = timeline(List.of(ADA), 4);
            assertThatThrownBy(() -> BulkEventLoad.append(connection, into -> {
                        EventSeeder.copyEvents(into, load, serializer, 1);
                        throw new IllegalStateException("the load fails half way");
                    }))
                    .hasMessage("the load fails half way");
            assertThat(numbering(connection)).isEmpty();
            assertThat(counters(connection)).isEmpty();
            assertThat(triggerState(connection)).isEqualTo("O");
        }
    }

    private static EventSeeder.Timeline timeline(List<UUID> owners, long seed) {
        return new EventSeeder.Timeline(new EventSeeder.Plan(owners, 3, 4, seed));
    }

    private static Connection migrated(String database) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        var dataSource = postgres.getDatabase("postgres", database);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource.getConnection();
    }

    /** Every event's global index, identifier, owner and owner position, in append order. */
    private static List<String> numbering(Connection connection) throws SQLException {
        return rows(connection, """
                SELECT global_index || ' ' || event_identifier || ' ' || coalesce(owner_id::text, '-') || ' '
                       || coalesce(owner_position::text, '-')
                FROM domain_event_entry ORDER BY global_index""");
    }

    private static List<String> counters(Connection connection) throws SQLException {
        return rows(connection, "SELECT owner_id || ' ' || last_position FROM owner_event_position ORDER BY owner_id");
    }

    private static String triggerState(Connection connection) throws SQLException {
        return rows(connection, "SELECT tgenabled::text FROM pg_trigger WHERE tgname = '" + BulkEventLoad.TRIGGER + "'")
                .get(0);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
