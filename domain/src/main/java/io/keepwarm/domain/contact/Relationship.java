package io.keepwarm.domain.contact;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The facts the going-cold rules need about one tracked relationship, whoever gathered them
 * (the live projection, a report replaying the event store, a test).
 *
 * @param cadenceDays       the cadence in days (tracked relationships only)
 * @param cadenceSetAt      when the cadence takes effect: its first due instant (SPEC §2's {@code firstDueAt})
 * @param lastInteractionAt latest occurredAt of the non-retracted interactions, or null if never contacted
 * @param asks              non-retracted interactions with favor ASKED
 * @param gives             non-retracted interactions with favor GAVE
 * @param timeZone          the contact's zone, or null
 */
public record Relationship(
        int cadenceDays, Instant cadenceSetAt, Instant lastInteractionAt, int asks, int gives, ZoneId timeZone) {}
