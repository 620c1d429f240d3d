package io.keepwarm.web.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The event store read straight from {@code domain_event_entry}, without the application: for checking what was
 * really appended and for recomputing read models independently of the projections. Personal fields are
 * sealed in the payloads, but ids, {@code occurredAt} and {@code favor} are plain JSON.
 */
public final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StoredEvent> events;

    private EventLog(List<StoredEvent> events) {
        this.events = events;
    }

    /** One stored event. */
    public record StoredEvent(
            long globalIndex,
            String eventId,
            String aggregateId,
            long sequence,
            String type,
            JsonNode payload,
            long ownerPosition) {}

    /** What the going-cold read model must hold for a contact, recomputed from its events (SPEC §2). */
    public record GoingColdInputs(Instant lastInteractionAt, int asks, int gives, long version) {}

    /** Every event of the given aggregates (contact ids), in store order. */
    public static EventLog of(Connection connection, Collection<String> aggregateIds) {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, payload_type, payload,
                       owner_position
                FROM domain_event_entry WHERE aggregate_identifier = ANY(?) ORDER BY global_index""")) {
            select.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(5);
                    events.add(new StoredEvent(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getLong(4),
                            type.substring(type.lastIndexOf('.') + 1),
                            JSON.readTree(rows.getBytes(6)),
                            rows.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EventLog(events);
    }

    public List<StoredEvent> events() {
        return events;
    }

    /** Each aggregate's sequence numbers in the order they were stored. */
    public Map<String, List<Long>> sequencesByAggregate() {
        Map<String, List<Long>> sequences = new TreeMap<>();
        events.forEach(e -> sequences
                .computeIfAbsent(e.aggregateId(), id -> new ArrayList<>())
                .add(e.sequence()));
        return sequences;
    }

    /** How many InteractionLogged events each (interaction id, contact id) pair has. */
    public Map<String, Integer> interactionsLogged() {
        Map<String, Integer> counts = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.type().equals("InteractionLogged")) {
                counts.merge(key(event.payload().get("interactionId").asText(), event.aggregateId()), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** For each logged interaction id, the contacts it names in its payload. */
    public Map<String, List<String>> participantsByInteraction() {
        Map<String, List<String>> participants = new HashMap<>();
        for (StoredEvent event : events) {
            if (event.type().equals("InteractionLogged")) {
                List<String> ids = new ArrayList<>();
                event.payload().get("contactIds").forEach(id -> ids.add(id.asText()));
                participants.put(
                        event.payload().get("interactionId").asText(),
                        ids.stream().sorted().toList());
            }
        }
        return participants;
    }

    public static String key(String interactionId, String contactId) {
        return interactionId + "@" + contactId;
    }

    /**
     * The going-cold inputs of every contact, recomputed from its events: the latest occurredAt of its
     * interactions that are not retracted (after corrections), the count of those asked and given, and its version.
     */
    public Map<String, GoingColdInputs> goingColdInputs() {
        record Touch(Instant occurredAt, String favor, boolean retracted) {}
        Map<String, Map<String, Touch>> touches = new TreeMap<>();
        Map<String, Long> versions = new TreeMap<>();
        for (StoredEvent event : events) {
            Map<String, Touch> contact = touches.computeIfAbsent(event.aggregateId(), id -> new LinkedHashMap<>());
            versions.merge(event.aggregateId(), event.sequence(), Math::max);
            JsonNode p = event.payload();
            switch (event.type()) {
                case "InteractionLogged" ->
                    contact.put(
                            p.get("interactionId").asText(),
                            new Touch(
                                    Instant.parse(p.get("interaction")
                                            .get("occurredAt")
                                            .asText()),
                                    p.get("interaction").get("favor").asText(),
                                    false));
                case "InteractionCorrected" ->
                    contact.computeIfPresent(
                            p.get("interactionId").asText(),
                            (id, t) -> new Touch(
                                    Instant.parse(
                                            p.get("after").get("occurredAt").asText()),
                                    p.get("after").get("favor").asText(),
                                    t.retracted()));
                case "InteractionRetracted" ->
                    contact.computeIfPresent(
                            p.get("interactionId").asText(), (id, t) -> new Touch(t.occurredAt(), t.favor(), true));
                default -> {}
            }
        }
        Map<String, GoingColdInputs> inputs = new TreeMap<>();
        touches.forEach((contactId, byInteraction) -> {
            List<Touch> live =
                    byInteraction.values().stream().filter(t -> !t.retracted()).toList();
            inputs.put(
                    contactId,
                    new GoingColdInputs(
                            live.stream()
                                    .map(Touch::occurredAt)
                                    .max(Instant::compareTo)
                                    .orElse(null),
                            (int) live.stream()
                                    .filter(t -> t.favor().equals("ASKED"))
                                    .count(),
                            (int) live.stream()
                                    .filter(t -> t.favor().equals("GAVE"))
                                    .count(),
                            versions.get(contactId)));
        });
        return inputs;
    }

    /** Each event's history entry must sit at the event's own position among its owner's events: event id → position. */
    public Map<String, Long> historyPositions() {
        Map<String, Long> positions = new TreeMap<>();
        events.forEach(e -> positions.put(e.eventId(), e.ownerPosition()));
        return positions;
    }

    /** The history entries of these contacts as the read model holds them: event id → position. */
    public static Map<String, Long> historyReadModel(Connection connection, Collection<String> contactIds) {
        Map<String, Long> positions = new TreeMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT event_id, position FROM history_entry WHERE contact_id = ANY(?)")) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "uuid", contactIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    positions.put(row.getString(1), row.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return positions;
    }

    /** The same inputs as the going_cold read model holds them now. */
    public static Map<String, GoingColdInputs> goingColdReadModel(
            Connection connection, Collection<String> contactIds) {
        Map<String, GoingColdInputs> rows = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT contact_id, last_interaction_at, asks, gives, version FROM going_cold
                WHERE contact_id = ANY(?)""")) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "uuid", contactIds.stream().map(UUID::fromString).toArray()));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    java.sql.Timestamp last = row.getTimestamp(2);
                    rows.put(
                            row.getString(1),
                            new GoingColdInputs(
                                    last == null ? null : last.toInstant(),
                                    row.getInt(3),
                                    row.getInt(4),
                                    row.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
