package io.keepwarm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Forgetting a contact (SPEC §6): crypto-shredding reaches the immutable event store. */
class ForgetContactIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String name = "Zyxq Forgettable " + marker;
    private final String howWeMet = "Met-at-the-secret-conference-" + marker;
    private final String note = "Private note about health " + marker;
    private final String correctedNote = "Corrected private note " + marker;
    private final String reason = "Retracted because " + marker;

    @Test
    void personal_data_is_encrypted_in_the_event_store_even_before_forgetting() throws Exception {
        Api owner = newOwner();
        String id = contactWithHistory(owner);

        assertThat(dumpDatabase(List.of("domain_event_entry")))
                .as("event payloads and metadata")
                .doesNotContain(name, howWeMet, note, correctedNote, reason);
        JsonNode export = owner.get("/api/contacts/" + id + "/export").json();
        assertThat(export.toString()).contains(name, howWeMet, note, correctedNote, reason);
    }

    @Test
    void after_forgetting_no_table_of_the_database_holds_the_name_or_the_notes() throws Exception {
        Api owner = newOwner();
        String id = contactWithHistory(owner);
        assertThat(dumpDatabase(null))
                .as("before forgetting, read models show the contact")
                .contains(name);

        assertThat(owner.delete("/api/contacts/" + id).status()).isEqualTo(204);

        assertThat(dumpDatabase(null)).doesNotContain(name, howWeMet, note, correctedNote, reason);
    }

    @Test
    void a_forgotten_contact_leaves_every_view_but_its_history_keeps_the_shape() {
        Api owner = newOwner();
        String id = contactWithHistory(owner);
        long eventsBefore = eventCount();

        assertThat(owner.delete("/api/contacts/" + id).status()).isEqualTo(204);
        assertThat(owner.delete("/api/contacts/" + id).status())
                .as("forgetting again")
                .isEqualTo(204);
        assertThat(eventCount()).as("the second forget appends nothing").isEqualTo(eventsBefore + 1);

        assertThat(owner.get("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(owner.get("/api/contacts/" + id + "/export").status()).isEqualTo(404);
        assertThat(owner.get("/api/contacts").json().get("items")).isEmpty();
        assertThat(owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD")
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 30))
                        .status())
                .isEqualTo(404);

        JsonNode history = owner.get("/api/history?limit=100").json().get("items");
        assertThat(history)
                .extracting(entry -> entry.get("type").asText())
                .containsExactly(
                        "ContactAdded",
                        "ContactDetailsUpdated",
                        "CadenceSet",
                        "InteractionLogged",
                        "InteractionCorrected",
                        "InteractionLogged",
                        "InteractionRetracted",
                        "ContactForgotten");
        assertThat(history.toString()).doesNotContain(name, howWeMet, note, correctedNote, reason);
        assertThat(history.get(0).get("data").get("personal").get("forgotten").asBoolean())
                .isTrue();
        assertThat(history.get(3)
                        .get("data")
                        .get("interaction")
                        .get("note")
                        .get("forgotten")
                        .asBoolean())
                .isTrue();
        assertThat(history.get(3).get("occurredAt").asText())
                .as("when it happened stays")
                .isEqualTo("2026-03-01T10:00:00Z");
        assertThat(history.get(4)
                        .get("data")
                        .get("changes")
                        .get("note")
                        .get("forgotten")
                        .asBoolean())
                .isTrue();
        assertThat(history.get(6).get("data").get("reason").get("forgotten").asBoolean())
                .isTrue();
    }

    @Test
    void another_owners_contact_cannot_be_forgotten() {
        Api owner = newOwner();
        String id = contactWithHistory(owner);
        long before = eventCount();

        var stranger = newOwner().delete("/api/contacts/" + id);

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.json().get("code").asText()).isEqualTo("contact.not-found");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().get("displayName").asText())
                .isEqualTo(name);
    }

    @Test
    void every_projection_rebuilds_from_the_start_after_a_forget_and_shows_the_contact_only_as_forgotten()
            throws Exception {
        Api owner = newOwner();
        String id = contactWithHistory(owner);
        String kept = owner.post("/api/contacts", Map.of("displayName", "Kept " + marker))
                .json()
                .get("contactId")
                .asText();
        owner.put("/api/contacts/" + kept + "/cadence", Map.of("everyDays", 21));
        owner.delete("/api/contacts/" + id);
        String historyBefore = owner.get("/api/history?limit=100").body();
        String goingColdBefore = owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=100")
                .body();
        assertThat(goingColdBefore).contains(kept).doesNotContain(id);

        for (String projection : List.of("contacts", "going-cold", "relationship-history")) {
            var started = admin().post("/api/admin/projections/" + projection + "/rebuild", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String rebuildId = started.json().get("rebuild").get("rebuildId").asText();
            JsonNode rebuild = eventually(
                    () -> admin().get("/api/admin/projections/" + projection)
                            .json()
                            .get("rebuild"),
                    r -> r != null
                            && r.get("rebuildId").asText().equals(rebuildId)
                            && !r.get("state").asText().equals("RUNNING"));
            assertThat(rebuild.get("state").asText())
                    .as(projection + " rebuild: " + rebuild)
                    .isEqualTo("COMPLETED");
        }

        assertThat(eventually(() -> owner.get("/api/history?limit=100").body(), historyBefore::equals))
                .as("the rebuilt history equals the live one, personal parts shown as forgotten")
                .isEqualTo(historyBefore);
        assertThat(eventually(
                        () -> owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=100")
                                .json()
                                .get("items")
                                .findValuesAsText("contactId"),
                        ids -> ids.equals(List.of(kept))))
                .containsExactly(kept);
        assertThat(eventually(() -> owner.get("/api/contacts/" + kept).status(), status -> status == 200))
                .isEqualTo(200);
        assertThat(owner.get("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(dumpDatabase(null)).doesNotContain(name, howWeMet, note, correctedNote, reason);
    }

    /** A contact with details, a cadence, a backfilled interaction, a correction and a retraction. */
    private String contactWithHistory(Api owner) {
        String id = owner.post(
                        "/api/contacts",
                        Map.of(
                                "displayName",
                                name,
                                "city",
                                "Reykjavik",
                                "channels",
                                Map.of("email", marker + "@example.org")))
                .json()
                .get("contactId")
                .asText();
        assertThat(owner.patch("/api/contacts/" + id, Map.of("howWeMet", howWeMet))
                        .status())
                .isEqualTo(200);
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 21))
                        .status())
                .isEqualTo(200);
        String first = UUID.randomUUID().toString();
        assertThat(owner.post(
                                "/api/interactions",
                                Map.of(
                                        "interactionId",
                                        first,
                                        "contactIds",
                                        List.of(id),
                                        "occurredAt",
                                        "2026-03-01T10:00:00Z",
                                        "channel",
                                        "CALL",
                                        "initiatedBy",
                                        "ME",
                                        "note",
                                        note))
                        .status())
                .isEqualTo(201);
        assertThat(owner.patch("/api/interactions/" + first, Map.of("note", correctedNote))
                        .status())
                .isEqualTo(204);
        String second = UUID.randomUUID().toString();
        owner.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        second,
                        "contactIds",
                        List.of(id),
                        "occurredAt",
                        Instant.now().minus(Duration.ofDays(1)).toString(),
                        "channel",
                        "EMAIL",
                        "initiatedBy",
                        "THEM",
                        "note",
                        "second " + note));
        assertThat(owner.delete("/api/interactions/" + second + "?reason=" + reason.replace(" ", "%20"))
                        .status())
                .isEqualTo(204);
        return id;
    }

    /**
     * Every row of every table in the schema (or of the given tables), every column read as raw bytes where it
     * is binary and as text otherwise, concatenated into one searchable string.
     */
    private String dumpDatabase(List<String> onlyTables) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet rs = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("domain_event_entry", "contact_key");
            assertThat(tables)
                    .as("every read model's physical tables (behind their views)")
                    .anyMatch(t -> t.startsWith("history_entry_v"))
                    .anyMatch(t -> t.startsWith("contact_view_v"))
                    .anyMatch(t -> t.startsWith("going_cold_v"));
            StringBuilder dump = new StringBuilder();
            for (String table : tables) {
                if (onlyTables != null && !onlyTables.contains(table)) {
                    continue;
                }
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            byte[] bytes = "bytea".equals(columns.getColumnTypeName(c)) ? rows.getBytes(c) : null;
                            dump.append(bytes != null ? new String(bytes, StandardCharsets.UTF_8) : rows.getString(c))
                                    .append('\u0001');
                        }
                    }
                }
            }
            return dump.toString();
        }
    }

    /** Polls until the value satisfies the condition (a rebuild runs asynchronously), for at most two minutes. */
    private static <T> T eventually(java.util.function.Supplier<T> value, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }
}
