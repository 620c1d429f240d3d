package io.keepwarm.web.accounts;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
        Api laptop = api.as(leaving.post("/api/me/tokens", Map.of("name", "laptop"))
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
        assertThat(entry.get("data").get("contactsForgotten").asInt()).isEqualTo(3);
        assertThat(entry.get("summary").asText()).contains("forgot 3 contacts");
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
