package io.keepwarm.web.accounts;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.admin.UserDeletion;
import io.keepwarm.application.digest.Digests;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code DELETE /api/admin/users/{id}}: the user's tokens stop at once, their whole network is forgotten, the admin's
 * audit trail records it, and the last admin cannot be deleted. Its own database, where the bootstrap admin starts
 * as the only admin (so the 409 can be shown first), and its own Spring context.
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserDeletionIT extends IntegrationTest {

    private static final String URL = TestDatabase.newDatabase();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @Autowired
    DataSource dataSource;

    @Test
    @Order(1)
    void the_last_admin_cannot_be_deleted() {
        String adminId = admin().get("/api/me").json().get("userId").asText();

        JsonNode refused = assertProblem(admin().delete("/api/admin/users/" + adminId), 409);

        assertThat(refused.get("code").asText()).isEqualTo("user.last-admin");
        assertThat(admin().get("/api/me").status()).isEqualTo(200);
        assertProblem(admin().delete("/api/admin/users/" + UUID.randomUUID()), 404);
    }

    @Test
    @Order(2)
    void deleting_a_user_stops_their_tokens_forgets_their_network_everywhere_and_is_audited() throws Exception {
        String secret = "qzx" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var created = admin().post(
                        "/api/admin/users", Map.of("username", "leaving-" + secret.substring(3, 9), "role", "USER"));
        assertThat(created.status()).isEqualTo(201);
        String userId = created.json().get("userId").asText();
        Api leaving = api.as(created.json().get("token").asText());
        Api laptop = api.as(leaving.post("/api/me/tokens", Map.of("name", "laptop " + secret))
                .json()
                .get("token")
                .asText());
        List<String> ids = new ArrayList<>();
        ids.add(addContact(
                leaving,
                Map.of(
                        "displayName", "Jürgen Müller" + secret,
                        "howWeMet", "met " + secret + " at a conference",
                        "organization", "Org" + secret,
                        "role", "Role" + secret,
                        "city", "Köln" + secret,
                        "channels", Map.of("email", secret + "@example.org", "phone", "+49 " + secret.length()))));
        ids.add(addContact(leaving, Map.of("displayName", "Işık " + secret, "city", "İstanbul")));
        ids.add(addContact(leaving, Map.of("displayName", "王伟" + secret)));
        setCadence(leaving, ids.get(0), 21);
        Map<String, Object> touch =
                new HashMap<>(interaction(Instant.now().minus(Duration.ofDays(3)), ids.get(0), ids.get(1)));
        touch.put("note", "note " + secret);
        String interactionId = logInteraction(leaving, touch);
        String retracted = logInteraction(leaving, Instant.now().minus(Duration.ofDays(1)), ids.get(2));
        assertThat(leaving.delete("/api/interactions/" + retracted + "?reason=reason+" + secret)
                        .status())
                .isEqualTo(204);
        archive(leaving, ids.get(2));
        // what the user keeps beside the network: settings with the digest's address, a calendar feed, a planned
        // digest delivery, an import job with its per-row report, its source keys, an idempotency key
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        var settings = leaving.patch(
                "/api/me/settings",
                Map.of(
                        "timeZone",
                        "UTC",
                        "digest",
                        Map.of(
                                "frequency",
                                "WEEKLY",
                                "day",
                                now.getDayOfWeek().name(),
                                "hour",
                                now.getHour(),
                                "email",
                                secret + "@mail.example")));
        assertThat(settings.status()).as("%s", settings).isEqualTo(200);
        assertThat(leaving.post("/api/me/calendar", null).status()).isEqualTo(201);
        assertThat(digests.plan()).as("a digest delivery planned for the user").isEqualTo(1);
        String file = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                + "Imported,Person" + secret + ",https://www.linkedin.com/in/" + secret + ",imp" + secret
                + "@example.net,Org" + secret + ",Role,05 Feb 2020\n"
                + "Broken,Row" + secret + ",,,,,not a date " + secret + "\n";
        var imported =
                leaving.send("POST", "/api/imports?dryRun=false", file.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as("%s", imported).isEqualTo(202);
        awaitImport(leaving, imported.header("Location"));
        assertThat(leaving.with("Idempotency-Key", "key-" + secret)
                        .post("/api/contacts", Map.of("displayName", "Keyed " + secret))
                        .status())
                .isEqualTo(201);
        for (JsonNode contact : leaving.get("/api/contacts?limit=1000").json().get("items")) {
            if (!ids.contains(contact.get("contactId").asText())) {
                ids.add(contact.get("contactId").asText());
            }
        }
        assertThat(ids).as("three added, one imported, one with a key").hasSize(5);
        for (String table : UserDeletion.PURGED_TABLES) {
            long rows = table.equals("import_row")
                    ? jdbc.queryForObject(
                            "SELECT count(*) FROM import_row r JOIN import_job j USING (import_id) WHERE j.owner_id = ?",
                            Long.class,
                            UUID.fromString(userId))
                    : rowsNaming(table, userId);
            assertThat(rows).as("%s holds the user's rows before", table).isPositive();
        }
        assertThat(dump()).as("the probe is there before").contains(secret);
        String adminId = admin().get("/api/me").json().get("userId").asText();

        assertThat(admin().delete("/api/admin/users/" + userId).status()).isEqualTo(204);

        // the tokens stop at once
        assertProblem(leaving.get("/api/contacts"), 401);
        assertProblem(laptop.get("/api/me"), 401);
        // the account is a tombstone: disabled, deleted, its name released; it cannot come back
        JsonNode user = admin().get("/api/admin/users/" + userId).json();
        assertThat(user.get("deletedAt").isNull()).isFalse();
        assertThat(user.get("disabled").asBoolean()).isTrue();
        assertThat(user.get("username").asText()).doesNotContain(secret.substring(3, 9));
        assertProblem(admin().post("/api/admin/users/" + userId + "/enable", null), 409);
        // nothing of the network through the API, for anyone
        for (String id : ids) {
            assertProblem(admin().get("/api/contacts/" + id), 404);
        }
        assertProblem(admin().get("/api/interactions/" + interactionId), 404);
        assertThat(admin().get("/api/history?limit=1000").body()).doesNotContain(secret);
        // nor in any table, the event store included: a dump of every row of every table holds no probe
        String dump = dump();
        assertThat(dump).doesNotContain(secret);
        assertThat(dump.toLowerCase(Locale.ROOT)).doesNotContain(secret);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM contact_view WHERE owner_id = ? AND NOT forgotten",
                        Integer.class,
                        UUID.fromString(userId)))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM contact_key k WHERE k.contact_id = ANY(?::uuid[]) AND k.key IS NOT NULL",
                        Integer.class,
                        (Object) ids.toArray(String[]::new)))
                .as("every key destroyed")
                .isZero();
        // every ContactForgotten names the admin as its actor
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT actor_id FROM history_entry WHERE owner_id = ? AND type = 'ContactForgotten'",
                        String.class,
                        UUID.fromString(userId)))
                .containsExactly(adminId);

        // recorded in the admin's audit trail
        JsonNode audit =
                admin().get("/api/admin/audit?actorId=" + adminId).json().get("items");
        JsonNode entry = audit.get(audit.size() - 1);
        assertThat(entry.get("action").asText()).isEqualTo("USER_DELETED");
        assertThat(entry.get("subjectId").asText()).isEqualTo(userId);
        assertThat(entry.get("data").get("contactsForgotten").asInt()).isEqualTo(5);
        assertThat(entry.get("summary").asText()).contains("forgot 5 contacts");
        JsonNode purged = entry.get("data").get("purged");
        for (String table : UserDeletion.PURGED_TABLES) {
            assertThat(purged.has(table))
                    .as("the audit counts the rows of %s purged", table)
                    .isTrue();
        }
        // what the user still held when the purge ran (the idempotency key went with its contact, forgotten before)
        Map<String, Integer> counted = new java.util.TreeMap<>();
        for (String table : List.of(
                "account_settings", "calendar_feed", "digest_delivery", "import_job", "import_row", "api_token")) {
            counted.put(table, purged.get(table).asInt());
        }
        assertThat(counted)
                .isEqualTo(new java.util.TreeMap<>(Map.of(
                        "account_settings", 1,
                        "calendar_feed", 1,
                        "digest_delivery", 1,
                        "import_job", 1,
                        "import_row", 2,
                        "api_token", 2)));
        assertThat(purged.get("account_settings_change").asInt()).isPositive();
        assertThat(purged.get("import_source").asInt()).isPositive();
        // and every table of the schema: none still names the user, but for the ones kept for a stated reason
        List<String> tables = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name",
                String.class);
        assertThat(tables).contains(UserDeletion.PURGED_TABLES.toArray(String[]::new));
        Map<String, Long> remaining = new java.util.TreeMap<>();
        for (String table : tables) {
            long rows = rowsNaming(table, userId);
            if (rows > 0 && keptBecause(table) == null) {
                remaining.put(table, rows);
            }
        }
        assertThat(remaining)
                .as("tables that still hold rows naming the deleted user: purge them in UserDeletion.PURGE or say in"
                        + " UserDeletionIT.KEPT why they stay")
                .isEmpty();
        assertThat(entry.get("correlationId").asText()).isNotBlank();

        // deleting again is 204: nothing left to forget, and said so
        assertThat(admin().delete("/api/admin/users/" + userId).status()).isEqualTo(204);
        JsonNode again =
                admin().get("/api/admin/audit?actorId=" + adminId).json().get("items");
        assertThat(again.get(again.size() - 1)
                        .get("data")
                        .get("contactsForgotten")
                        .asInt())
                .isZero();
    }

    @Test
    @Order(3)
    void a_user_may_not_delete_users_and_another_admin_may_delete_an_admin() {
        Api user = newOwner();
        String userId = user.get("/api/me").json().get("userId").asText();
        assertProblem(user.delete("/api/admin/users/" + userId), 403);

        Api second = newUser("ADMIN");
        String secondId = second.get("/api/me").json().get("userId").asText();
        assertThat(admin().delete("/api/admin/users/" + secondId).status()).isEqualTo(204);
        assertProblem(second.get("/api/me"), 401);
    }

    @Autowired
    Digests digests;

    /**
     * The tables that keep rows naming a deleted user, and why: the shape of the forgotten network (SPEC §6, as for
     * any forgotten contact: ids, instants, counts, keys destroyed) and the record of the deletion itself. Every other
     * table must hold nothing of them; a new table that does fails the test until it is purged
     * (UserDeletion.PURGE) or listed here with its reason.
     */
    static final Map<String, String> KEPT = Map.ofEntries(
            Map.entry("app_user", "the tombstone: ids in the events' metadata and the audit point at it"),
            Map.entry("admin_audit", "the record of the deletion: whom the admin deleted"),
            Map.entry("domain_event_entry", "the events keep their shape; personal fields sealed, keys destroyed"),
            Map.entry("contact_view_v\\d+", "forgotten contacts' rows, personal columns blanked"),
            Map.entry("going_cold_v\\d+", "forgotten contacts' rows, personal columns blanked"),
            Map.entry("going_cold_interaction_v\\d+", "interaction ids, instants and favors: no personal field"),
            Map.entry("history_entry_v\\d+", "the history's shape without personal data (SPEC §6)"),
            Map.entry("interaction_registry", "which contact an interaction id belongs to: ids only"),
            Map.entry("owner_event_position", "the owner's last history position: a number"),
            Map.entry("shared_note_key", "destroyed note keys (key null): ids and instants"));

    private static String keptBecause(String table) {
        return KEPT.entrySet().stream()
                .filter(kept -> table.matches(kept.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Rows of {@code table} whose text (every column, as PostgreSQL prints the row) holds the user's id. */
    private long rowsNaming(String table, String userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM \"" + table + "\" t WHERE strpos(t::text, ?) > 0", Long.class, userId);
    }

    private static void awaitImport(Api owner, String location) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String state;
        while (!(state = owner.get(location).json().get("state").asText()).equals("COMPLETED")) {
            assertThat(state).isNotEqualTo("FAILED");
            assertThat(Instant.now()).as("import still %s", state).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Every row of every table of the schema as text; bytea read as UTF-8, as a dump would show it. */
    private String dump() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("domain_event_entry", "contact_view_v1", "history_entry_v1", "admin_audit");
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        dump.append(table).append(':');
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            dump.append(' ')
                                    .append(
                                            value instanceof byte[] bytes
                                                    ? new String(bytes, StandardCharsets.UTF_8)
                                                    : String.valueOf(value));
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
