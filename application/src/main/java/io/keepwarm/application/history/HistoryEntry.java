package io.keepwarm.application.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a relationship's audit trail (SPEC §3): one event, what it was, who caused it and when, one
 * human sentence, and the event's fields ({@code data}; for a correction the values before and after).
 */
public record HistoryEntry(
        long position,
        String eventId,
        String type,
        UUID contactId,
        Instant recordedAt,
        Instant occurredAt,
        String actorId,
        String correlationId,
        String summary,
        JsonNode data) {}
