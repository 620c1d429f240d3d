package io.keepwarm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.DatabaseDump;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A note of an interaction with several contacts is personal data of every participant: forgetting one of them
 * makes it unreadable for all, while the others keep the interaction and can still correct, retract or resend it
 * (issue 12, docs/adr/0017).
 */
class SharedNoteForgettingIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String sharedNote = "Charles confided his diagnosis " + marker;
    private final String correctedNote = "Charles and Ada, corrected " + marker;
    private final String reason = "Retracted because Charles " + marker;
    private final String adasOwnNote = "Ada alone " + marker;

    @Test
    void forgetting_one_participant_removes_the_shared_note_for_all_of_them_everywhere() throws Exception {
        Api owner = newOwner();
        String ada = add(owner, "Ada " + marker);
        String charles = add(owner, "Charles " + marker);
        String shared = log(owner, List.of(ada, charles), sharedNote);
        assertThat(owner.patch("/api/interactions/" + shared, Map.of("note", correctedNote))
                        .status())
                .isEqualTo(204);
        String retracted = log(owner, List.of(ada, charles), "second " + sharedNote);
        assertThat(owner.delete("/api/interactions/" + retracted + "?reason=" + reason.replace(" ", "%20"))
                        .status())
                .isEqualTo(204);
        String alone = log(owner, List.of(ada), adasOwnNote);
        assertThat(owner.get("/api/interactions/" + shared).json().get("note").asText())
                .isEqualTo(correctedNote);

        assertThat(owner.delete("/api/contacts/" + charles).status()).isEqualTo(204);

        JsonNode read = owner.get("/api/interactions/" + shared).json();
        assertThat(read.get("contactIds")).hasSize(2);
        assertThat(read.get("note").isNull()).isTrue();
        assertThat(read.get("noteForgotten").asBoolean()).isTrue();
        assertThat(read.get("noteRemovedBecause").asText()).isEqualTo("participant-forgotten");
        JsonNode retractedRead = owner.get("/api/interactions/" + retracted).json();
        assertThat(retractedRead.get("retracted").asBoolean()).isTrue();
        assertThat(retractedRead.get("retractionReason").isNull()).isTrue();
        String adasInteractions =
                owner.get("/api/contacts/" + ada + "/interactions").body();
        assertThat(adasInteractions)
                .contains(alone, adasOwnNote, shared)
                .doesNotContain(sharedNote, correctedNote, reason);

        JsonNode adasHistory =
                owner.get("/api/contacts/" + ada + "/history?limit=100").json().get("items");
        assertThat(adasHistory.toString())
                .doesNotContain(sharedNote, correctedNote, reason)
                .contains(adasOwnNote);
        JsonNode logged = entry(adasHistory, "InteractionLogged", shared);
        assertThat(logged.get("data").get("interaction").get("note").toString())
                .isEqualTo("{\"because\":\"participant-forgotten\",\"forgotten\":true}");
        JsonNode corrected = entry(adasHistory, "InteractionCorrected", shared);
        assertThat(corrected
                        .get("data")
                        .get("changes")
                        .get("note")
                        .get("because")
                        .asText())
                .isEqualTo("participant-forgotten");
        assertThat(entry(adasHistory, "InteractionRetracted", retracted)
                        .get("data")
                        .get("reason")
                        .get("because")
                        .asText())
                .isEqualTo("participant-forgotten");

        var charlesHistory = owner.get("/api/contacts/" + charles + "/history?limit=100");
        assertThat(charlesHistory.status())
                .as("a forgotten contact's history keeps its shape")
                .isEqualTo(200);
        assertThat(charlesHistory.json().get("items"))
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "ContactAdded",
                        "InteractionLogged",
                        "InteractionCorrected",
                        "InteractionLogged",
                        "InteractionRetracted",
                        "ContactForgotten");
        assertThat(charlesHistory.body()).doesNotContain(sharedNote, correctedNote, reason, "Charles " + marker);
        assertThat(newOwner().get("/api/contacts/" + charles + "/history").status())
                .as("another owner's")
                .isEqualTo(404);

        assertThat(DatabaseDump.of(dataSource))
                .as("a dump of every table")
                .doesNotContain(sharedNote, correctedNote, reason);

        String historyBefore = owner.get("/api/history?limit=100").body();
        rebuild("relationship-history");
        assertThat(eventually(() -> owner.get("/api/history?limit=100").body(), historyBefore::equals))
                .as("a rebuilt history renders the removed notes exactly as the live one")
                .isEqualTo(historyBefore);
    }

    @Test
    void after_a_participant_is_forgotten_the_others_can_resend_correct_and_retract_the_interaction() {
        Api owner = newOwner();
        String ada = add(owner, "Ada " + marker);
        String bob = add(owner, "Bob " + marker);
        String charles = add(owner, "Charles " + marker);
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = body(id, List.of(ada, bob, charles), sharedNote);
        assertThat(owner.post("/api/interactions", body).status()).isEqualTo(201);
        assertThat(owner.delete("/api/contacts/" + charles).status()).isEqualTo(204);
        long events = eventCount();

        var resent = owner.post("/api/interactions", body);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(eventCount()).as("a resend appends nothing").isEqualTo(events);

        var corrected = owner.patch("/api/interactions/" + id, Map.of("channel", "VIDEO", "note", correctedNote));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(204);
        JsonNode read = owner.get("/api/interactions/" + id).json();
        assertThat(read.get("channel").asText()).isEqualTo("VIDEO");
        assertThat(read.get("note").asText())
                .as("a note written after the forget is the remaining participants'")
                .isEqualTo(correctedNote);

        var retracted = owner.delete("/api/interactions/" + id + "?reason=duplicate");
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(204);
        assertThat(owner.get("/api/interactions/" + id).json().get("retracted").asBoolean())
                .isTrue();

        assertThat(owner.delete("/api/contacts/" + bob).status()).isEqualTo(204);
        assertThat(owner.get("/api/interactions/" + id)
                        .json()
                        .get("noteRemovedBecause")
                        .asText())
                .as("the new note is shared by Ada and Bob: forgetting Bob removes it too")
                .isEqualTo("participant-forgotten");
        assertThat(owner.get("/api/contacts/" + ada + "/history?limit=100").body())
                .doesNotContain(sharedNote, correctedNote);
    }

    @Test
    void a_shared_note_sealed_before_shared_keys_existed_is_removed_for_every_participant_too() throws Exception {
        Api owner = newOwner();
        String ada = add(owner, "Ada " + marker);
        String charles = add(owner, "Charles " + marker);
        String shared = log(owner, List.of(ada, charles), sharedNote);
        String corrected = log(owner, List.of(ada, charles), "before " + sharedNote);
        assertThat(owner.patch("/api/interactions/" + corrected, Map.of("note", correctedNote))
                        .status())
                .isEqualTo(204);
        String retracted = log(owner, List.of(ada, charles), "retracted " + sharedNote);
        assertThat(owner.delete("/api/interactions/" + retracted + "?reason=" + reason.replace(" ", "%20"))
                        .status())
                .isEqualTo(204);
        for (String id : List.of(shared, corrected, retracted)) {
            sealAsBeforeSharedKeys(id);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%noteKey%'"
                                + " AND convert_from(payload, 'UTF8')::jsonb ->> 'interactionId' IN (?, ?, ?)",
                        Long.class, shared, corrected, retracted))
                .as("no shared key is left in these events, as before V20")
                .isZero();
        assertThat(owner.get("/api/interactions/" + shared).json().get("note").asText())
                .as("each participant's copy reads with that participant's own key")
                .isEqualTo(sharedNote);
        assertThat(owner.get("/api/interactions/" + corrected)
                        .json()
                        .get("note")
                        .asText())
                .isEqualTo(correctedNote);

        assertThat(owner.delete("/api/contacts/" + charles).status()).isEqualTo(204);

        for (String id : List.of(shared, corrected)) {
            JsonNode read = owner.get("/api/interactions/" + id).json();
            assertThat(read.get("contactIds")).as(id).hasSize(2);
            assertThat(read.get("note").isNull()).as(read.toString()).isTrue();
            assertThat(read.get("noteRemovedBecause").asText()).isEqualTo("participant-forgotten");
        }
        JsonNode retractedRead = owner.get("/api/interactions/" + retracted).json();
        assertThat(retractedRead.get("retracted").asBoolean()).isTrue();
        assertThat(retractedRead.get("retractionReason").isNull())
                .as(retractedRead.toString())
                .isTrue();
        assertThat(owner.get("/api/contacts/" + ada + "/interactions").body())
                .contains(shared)
                .doesNotContain(sharedNote, correctedNote, reason);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                                + " AND keepwarm_has_contact_sealed_note(convert_from(payload, 'UTF8')::jsonb)"
                                + " AND convert_from(payload, 'UTF8')::jsonb ->> 'interactionId' IN (?, ?, ?)",
                        Long.class,
                        ada,
                        shared,
                        corrected,
                        retracted))
                .as("Ada's events keep no copy of the shared notes that her key could open")
                .isZero();

        var correctedAgain = owner.patch("/api/interactions/" + shared, Map.of("note", adasOwnNote));
        assertThat(correctedAgain.status()).as(correctedAgain.toString()).isEqualTo(204);
        assertThat(owner.get("/api/interactions/" + shared).json().get("note").asText())
                .as("a note written after the forget is the remaining participants'")
                .isEqualTo(adasOwnNote);
    }

    /**
     * Turns the events of a shared interaction into the form keepwarm wrote before V20: in each participant's event,
     * every note part sealed with that participant's own contact key ({@code {"key":…,"sealed":…}}, the contact id as
     * associated data), and no shared key. Opens each part with its shared key and seals it again, AES-GCM as
     * PersonalDataCipher does (nonce ‖ ciphertext ‖ tag).
     */
    private void sealAsBeforeSharedKeys(String interactionId) throws Exception {
        List<Map<String, Object>> events = jdbc.queryForList(
                "SELECT global_index, aggregate_identifier, convert_from(payload, 'UTF8') AS payload"
                        + " FROM domain_event_entry WHERE convert_from(payload, 'UTF8')::jsonb ->> 'interactionId' = ?",
                interactionId);
        for (Map<String, Object> event : events) {
            String contact = (String) event.get("aggregate_identifier");
            byte[] contactKey = jdbc.queryForObject(
                    "SELECT key FROM contact_key WHERE contact_id = ?::uuid", byte[].class, contact);
            ObjectNode payload = (ObjectNode) JSON.readTree((String) event.get("payload"));
            for (String[] path :
                    new String[][] {{"interaction", "note"}, {"before", "note"}, {"after", "note"}, {"reason"}}) {
                JsonNode parent = path.length == 1 ? payload : payload.path(path[0]);
                JsonNode part = parent.path(path[path.length - 1]);
                if (!part.has("noteKey")) {
                    continue;
                }
                String keyId = part.get("noteKey").asText();
                byte[] noteKey = jdbc.queryForObject(
                        "SELECT key FROM shared_note_key WHERE key_id = ?::uuid", byte[].class, keyId);
                byte[] clear = gcm(
                        Cipher.DECRYPT_MODE,
                        noteKey,
                        Base64.getDecoder().decode(part.get("sealed").asText()),
                        keyId);
                ObjectNode old = JSON.createObjectNode();
                old.put("key", contact);
                old.put(
                        "sealed",
                        Base64.getEncoder().encodeToString(gcm(Cipher.ENCRYPT_MODE, contactKey, clear, contact)));
                ((ObjectNode) parent).set(path[path.length - 1], old);
            }
            jdbc.update(
                    "UPDATE domain_event_entry SET payload = convert_to(?, 'UTF8') WHERE global_index = ?",
                    JSON.writeValueAsString(payload),
                    event.get("global_index"));
        }
        jdbc.update("DELETE FROM shared_note_key WHERE interaction_id = ?::uuid", interactionId);
    }

    private static byte[] gcm(int mode, byte[] key, byte[] input, String associatedData) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        if (mode == Cipher.DECRYPT_MODE) {
            System.arraycopy(input, 0, nonce, 0, 12);
        } else {
            new SecureRandom().nextBytes(nonce);
        }
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        if (mode == Cipher.DECRYPT_MODE) {
            return cipher.doFinal(input, 12, input.length - 12);
        }
        return ByteBuffer.allocate(12 + cipher.getOutputSize(input.length))
                .put(nonce)
                .put(cipher.doFinal(input))
                .array();
    }

    @Test
    void a_new_interaction_with_a_forgotten_contact_is_still_not_found() {
        Api owner = newOwner();
        String ada = add(owner, "Ada " + marker);
        String charles = add(owner, "Charles " + marker);
        owner.delete("/api/contacts/" + charles);

        var logged = owner.post("/api/interactions", body(UUID.randomUUID().toString(), List.of(ada, charles), "x"));

        assertThat(logged.status()).isEqualTo(404);
    }

    private static JsonNode entry(JsonNode history, String type, String interactionId) {
        List<JsonNode> found = new ArrayList<>();
        history.forEach(e -> {
            if (e.get("type").asText().equals(type)
                    && e.get("data").get("interactionId").asText().equals(interactionId)) {
                found.add(e);
            }
        });
        assertThat(found).as(type + " of " + interactionId).hasSize(1);
        return found.get(0);
    }

    private void rebuild(String projection) throws InterruptedException {
        var started = admin().post("/api/admin/projections/" + projection + "/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String rebuildId = started.json().get("rebuild").get("rebuildId").asText();
        JsonNode rebuild = eventually(
                () -> admin().get("/api/admin/projections/" + projection).json().get("rebuild"),
                r -> r != null
                        && r.get("rebuildId").asText().equals(rebuildId)
                        && !r.get("state").asText().equals("RUNNING"));
        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("COMPLETED");
    }

    private static String add(Api owner, String name) {
        return owner.post("/api/contacts", Map.of("displayName", name))
                .json()
                .get("contactId")
                .asText();
    }

    private static String log(Api owner, List<String> contactIds, String note) {
        String id = UUID.randomUUID().toString();
        var logged = owner.post("/api/interactions", body(id, contactIds, note));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        return id;
    }

    private static Map<String, Object> body(String id, List<String> contactIds, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interactionId", id);
        body.put("contactIds", contactIds);
        body.put("occurredAt", "2026-03-01T10:00:00Z");
        body.put("channel", "CALL");
        body.put("initiatedBy", "ME");
        body.put("note", note);
        return body;
    }

    private static <T> T eventually(Supplier<T> value, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = value.get();
        }
        return last;
    }
}
