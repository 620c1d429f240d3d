package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.ServerProcess;
import io.keepwarm.web.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server crash mid-import (issue 13): a LinkedIn import of {@value #ROWS} rows is committed, the server process
 * is killed with {@code kill -9} while its job is part-way through (some chunks in, others not), and restarted on
 * the same database. At the moment of the crash the job's report says exactly which rows are in: each row marked
 * {@code done} has its contact's events, each other row has none. After the restart the job resumes by itself and
 * completes: every row in, every contact added exactly once (one {@code ContactAdded} and one {@code CadenceSet},
 * at sequence 0 and 1), none lost.
 */
class ImportCrashIT {

    private static final int ROWS = 600;
    private static final String ADDED = "io.keepwarm.domain.contact.api.ContactAdded";
    private static final String CADENCE = "io.keepwarm.domain.contact.api.CadenceSet";

    private final String url = TestDatabase.newDatabase();
    private final TestDatabase.Server database = TestDatabase.server();
    private ServerProcess server;

    @AfterEach
    void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_job_killed_mid_import_reports_exactly_the_rows_in_and_resumes_after_the_restart_with_none_twice_or_lost()
            throws Exception {
        // small chunks, so that a kill lands between chunks of one job
        server = ServerProcess.against(
                        "import-crash", url, database.user(), database.password(), "--keepwarm.imports.chunk-size=10")
                .start();
        Api owner = CrashRecoveryIT.owner(server);
        Api.Response committed =
                owner.send("POST", "/api/imports?dryRun=false&cadenceDays=30&rampPerDay=50", linkedIn(), "text/csv");
        assertThat(committed.status()).as("%s", committed).isEqualTo(202);
        String location = committed.header("Location");
        UUID importId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        awaitPartlyIn(importId);
        server.kill();

        Map<Long, Boolean> doneAtCrash;
        try (Connection connection = connect()) {
            doneAtCrash = done(connection, importId);
            Map<UUID, Map<String, Integer>> events = eventsOfImportedContacts(connection, importId);
            Map<Long, UUID> contacts = contacts(connection, importId);
            long in = doneAtCrash.values().stream().filter(d -> d).count();
            assertThat(in).as("rows in when the server died").isBetween(1L, ROWS - 1L);
            for (var row : doneAtCrash.entrySet()) {
                Map<String, Integer> ofContact = events.getOrDefault(contacts.get(row.getKey()), Map.of());
                if (row.getValue()) {
                    assertThat(ofContact)
                            .as("line %d, reported in", row.getKey())
                            .isEqualTo(Map.of(ADDED, 1, CADENCE, 1));
                } else {
                    assertThat(ofContact)
                            .as("line %d, reported not in", row.getKey())
                            .isEmpty();
                }
            }
            System.out.printf("import crash: %d of %d rows in when the server was killed%n", in, ROWS);
        }

        server.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String state;
        while (!(state = owner.get(location).json().get("state").asText()).equals("COMPLETED")) {
            assertThat(state).isNotEqualTo("FAILED");
            assertThat(System.nanoTime())
                    .as("the job resumes and completes after the restart")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }

        try (Connection connection = connect()) {
            assertThat(done(connection, importId).values()).hasSize(ROWS).containsOnly(true);
            Map<UUID, Map<String, Integer>> events = eventsOfImportedContacts(connection, importId);
            assertThat(events).as("one contact per row").hasSize(ROWS);
            assertThat(events.values())
                    .as("every contact added once, its cadence set once")
                    .containsOnly(Map.of(ADDED, 1, CADENCE, 1));
            assertThat(count(
                            connection,
                            "SELECT count(DISTINCT contact_id) FROM contact_view WHERE owner_id = ?",
                            ownerId(connection, importId)))
                    .isEqualTo(ROWS);
        }
        var report = owner.get(location).json();
        assertThat(report.get("counts").get("CREATE").asInt()).isEqualTo(ROWS);
        assertThat(report.get("rowsIn").asInt()).isEqualTo(ROWS);
        // the same file again appends nothing
        var again = owner.send("POST", "/api/imports?cadenceDays=30", linkedIn(), "text/csv");
        assertThat(again.json().get("counts").get("UNCHANGED").asInt()).isEqualTo(ROWS);
    }

    private static byte[] linkedIn() {
        StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Crash,Person ")
                    .append(i)
                    .append(",https://www.linkedin.com/in/crash-person-")
                    .append(i)
                    .append(",,Example Co,Engineer,")
                    .append(LocalDate.of(2018, 1, 1)
                            .plusDays(i)
                            .format(java.time.format.DateTimeFormatter.ofPattern(
                                    "dd MMM yyyy", java.util.Locale.ENGLISH)))
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Waits until the job has some rows in and some not, polling the database directly. */
    private void awaitPartlyIn(UUID importId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Connection connection = connect();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT done_rows FROM import_job WHERE import_id = ?")) {
            statement.setObject(1, importId);
            while (true) {
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getInt(1) >= ROWS / 10) {
                        assertThat(rs.getInt(1))
                                .as("the job is still part-way through")
                                .isLessThan(ROWS);
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the job gets going").isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    private static Map<Long, Boolean> done(Connection connection, UUID importId) throws SQLException {
        Map<Long, Boolean> done = new TreeMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT line, done FROM import_row WHERE import_id = ?")) {
            statement.setObject(1, importId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    done.put(rs.getLong(1), rs.getBoolean(2));
                }
            }
        }
        return done;
    }

    private static Map<Long, UUID> contacts(Connection connection, UUID importId) throws SQLException {
        Map<Long, UUID> contacts = new HashMap<>();
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT line, contact_id FROM import_row WHERE import_id = ?")) {
            statement.setObject(1, importId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    contacts.put(rs.getLong(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return contacts;
    }

    /** Per contact the job creates: its events by type, with how many of each (the store read directly). */
    private static Map<UUID, Map<String, Integer>> eventsOfImportedContacts(Connection connection, UUID importId)
            throws SQLException {
        Map<UUID, Map<String, Integer>> events = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT e.aggregate_identifier, e.payload_type, count(*), min(e.sequence_number), max(e.sequence_number)
                FROM domain_event_entry e
                JOIN import_row r ON r.import_id = ? AND r.contact_id::text = e.aggregate_identifier
                GROUP BY e.aggregate_identifier, e.payload_type""")) {
            statement.setObject(1, importId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.computeIfAbsent(UUID.fromString(rs.getString(1)), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                    assertThat(rs.getLong(5))
                            .as("sequence numbers of %s", rs.getString(1))
                            .isLessThan(2L);
                }
            }
        }
        return events;
    }

    private static UUID ownerId(Connection connection, UUID importId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT owner_id FROM import_job WHERE import_id = ?")) {
            statement.setObject(1, importId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static long count(Connection connection, String sql, UUID owner) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, owner);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
