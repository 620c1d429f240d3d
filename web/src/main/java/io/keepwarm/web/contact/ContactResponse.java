package io.keepwarm.web.contact;

import io.keepwarm.application.contact.ContactView;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.domain.contact.GoingColdStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A contact as the API shows it: its details, its cadence, the last interaction, asks and gives (tracked or not),
 * and — when tracked — the other going-cold fields of SPEC §2 evaluated now, and its version (also the ETag). The
 * one mapping for a contact, in the list and on its own.
 */
public record ContactResponse(
        UUID contactId,
        String displayName,
        String howWeMet,
        String organization,
        String role,
        String city,
        String countryCode,
        String timeZone,
        List<String> tags,
        Map<String, String> channels,
        boolean archived,
        Instant addedAt,
        Instant knownSince,
        Instant updatedAt,
        Integer cadenceDays,
        Instant snoozedUntil,
        Instant lastInteractionAt,
        Instant dueAt,
        BigDecimal ratio,
        GoingColdStatus status,
        Integer warmth,
        Boolean neverContacted,
        Integer asks,
        Integer gives,
        Integer balance,
        Boolean askReady,
        OffsetDateTime localTime,
        Boolean reachableNow,
        long version) {

    static ContactResponse of(ContactView view) {
        GoingColdRow g = view.goingCold();
        return new ContactResponse(
                view.contactId(),
                view.displayName(),
                view.howWeMet(),
                view.organization(),
                view.role(),
                view.city(),
                view.countryCode(),
                view.timeZone(),
                view.tags(),
                view.channels(),
                view.archived(),
                view.addedAt(),
                view.knownSince(),
                view.updatedAt(),
                view.cadenceDays(),
                view.snoozedUntil(),
                view.interactions().lastInteractionAt(),
                g == null ? null : g.dueAt(),
                g == null ? null : g.ratio(),
                g == null ? null : g.status(),
                g == null ? null : g.warmth(),
                g == null ? null : g.neverContacted(),
                view.interactions().asks(),
                view.interactions().gives(),
                g == null ? null : g.balance(),
                g == null ? null : g.askReady(),
                g == null ? null : g.localTime(),
                g == null ? null : g.reachableNow(),
                view.version());
    }
}
