package io.keepwarm.web.pages.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.history.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One line of a relationship's timeline, read from its history entry (the audit trail of
 * {@code GET /api/contacts/{id}/history}): the entry's own sentence, the note of an interaction, what a correction
 * changed (before → after), and whether a later retraction struck the interaction out, with its reason.
 */
public record TimelineEntry(
        HistoryEntry entry,
        String kind,
        String note,
        List<Change> changes,
        boolean retracted,
        String retractionReason) {

    /** One corrected field. */
    public record Change(String field, String before, String after) {}

    public Instant when() {
        return entry.occurredAt() != null ? entry.occurredAt() : entry.recordedAt();
    }

    /**
     * The entries newest first by when they happened (an interaction's occurred time, else when it was recorded;
     * a correction at the interaction's corrected time), each interaction marked when an entry retracts it.
     */
    static List<TimelineEntry> of(List<HistoryEntry> entries) {
        Map<String, String> retractions = new HashMap<>();
        for (HistoryEntry entry : entries) {
            if (entry.type().equals("InteractionRetracted")) {
                retractions.put(
                        text(entry.data().get("interactionId")),
                        note(entry.data().get("reason")));
            }
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            JsonNode data = entry.data();
            String interactionId = text(data.get("interactionId"));
            boolean isInteraction = entry.type().equals("InteractionLogged");
            boolean retracted = isInteraction && interactionId != null && retractions.containsKey(interactionId);
            timeline.add(new TimelineEntry(
                    entry,
                    kind(entry.type()),
                    isInteraction ? note(data.path("interaction").get("note")) : null,
                    changes(data.get("changes")),
                    retracted,
                    retracted ? retractions.get(interactionId) : null));
        }
        timeline.sort(java.util.Comparator.comparing(TimelineEntry::when)
                .thenComparing(t -> t.entry().position())
                .reversed());
        return timeline;
    }

    private static String kind(String type) {
        return switch (type) {
            case "InteractionLogged" -> "interaction";
            case "InteractionCorrected" -> "correction";
            case "InteractionRetracted" -> "retraction";
            default -> "change";
        };
    }

    private static List<Change> changes(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            return List.of();
        }
        List<Change> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = changes.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode change = field.getValue();
            if (change.path("forgotten").asBoolean(false)) {
                list.add(new Change(field.getKey(), "(forgotten)", "(forgotten)"));
            } else {
                list.add(new Change(field.getKey(), shown(change.get("before")), shown(change.get("after"))));
            }
        }
        return list;
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isNull()) {
            return "(none)";
        }
        return value.isTextual() ? value.asText() : note(value) != null ? note(value) : value.toString();
    }

    /** A note or reason as the history holds it: text, an object with its text, or the mark of a forgotten one. */
    static String note(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.path("forgotten").asBoolean(false)) {
            return "(forgotten)";
        }
        JsonNode text = value.get("text");
        return text == null || text.isNull() ? null : text.asText();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
