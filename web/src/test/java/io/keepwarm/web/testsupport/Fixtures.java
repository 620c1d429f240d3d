package io.keepwarm.web.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Requests that set up a test's own data, each checked to succeed, so a test reads as what it is about. */
public final class Fixtures {

    private Fixtures() {}

    /** Adds a contact with this name and returns its id. */
    public static String addContact(Api owner, String displayName) {
        return addContact(owner, Map.of("displayName", displayName));
    }

    /** Adds a contact from this body and returns its id. */
    public static String addContact(Api owner, Map<String, ?> body) {
        var created = owner.post("/api/contacts", body);
        assertThat(created.status()).as("adding %s: %s", body, created).isEqualTo(201);
        return created.json().get("contactId").asText();
    }

    /** Adds a contact and gives it a cadence; returns its id. */
    public static String addTracked(Api owner, String displayName, int everyDays) {
        String id = addContact(owner, displayName);
        setCadence(owner, id, everyDays);
        return id;
    }

    public static void setCadence(Api owner, String contactId, int everyDays) {
        var set = owner.put("/api/contacts/" + contactId + "/cadence", Map.of("everyDays", everyDays));
        assertThat(set.status()).as("setting cadence: %s", set).isEqualTo(200);
    }

    public static void archive(Api owner, String contactId) {
        var archived = owner.post("/api/contacts/" + contactId + "/archive", null);
        assertThat(archived.status()).as("archiving: %s", archived).isEqualTo(200);
    }

    /** A minimal valid interaction body: a call I started, at {@code occurredAt}, with these contacts. */
    public static Map<String, Object> interaction(Instant occurredAt, String... contactIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactIds", List.of(contactIds));
        body.put("occurredAt", occurredAt.toString());
        body.put("channel", "CALL");
        body.put("initiatedBy", "ME");
        return body;
    }

    /** Logs a call at {@code occurredAt} with these contacts; returns the interaction's id. */
    public static String logInteraction(Api owner, Instant occurredAt, String... contactIds) {
        return logInteraction(owner, interaction(occurredAt, contactIds));
    }

    public static String logInteraction(Api owner, Map<String, Object> body) {
        var logged = owner.post("/api/interactions", body);
        assertThat(logged.status()).as("logging %s: %s", body, logged).isEqualTo(201);
        return logged.json().get("interactionId").asText();
    }

    /** An id no contact or interaction has. */
    public static String unknownId() {
        return UUID.randomUUID().toString();
    }
}
