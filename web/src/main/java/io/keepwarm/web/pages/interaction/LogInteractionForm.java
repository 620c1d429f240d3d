package io.keepwarm.web.pages.interaction;

import io.keepwarm.application.contact.ContactView;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The "log a touch" form as shown: the values entered so far (text, as typed), the people picked, and what was
 * wrong with them, per field. A fresh form carries a new interaction id, so sending the same form twice (a double
 * click, a resend after a timeout) logs the interaction once, as the API's idempotent POST does.
 */
public record LogInteractionForm(
        UUID interactionId,
        List<ContactView> picked,
        String channel,
        String initiatedBy,
        String favor,
        String occurredAt,
        String note,
        ZoneId zone,
        Map<String, String> errors) {

    /** A fresh form; its date and time are read in the account's zone ({@code zone}). */
    public static LogInteractionForm blank(Instant now, ZoneId zone) {
        return new LogInteractionForm(
                UUID.randomUUID(),
                List.of(),
                Channel.MESSAGE.name(),
                InitiatedBy.ME.name(),
                Favor.NONE.name(),
                LocalDateTime.ofInstant(now, zone)
                        .truncatedTo(ChronoUnit.MINUTES)
                        .toString(),
                "",
                zone,
                Map.of());
    }

    public Channel[] channels() {
        return Channel.values();
    }

    public InitiatedBy[] initiators() {
        return InitiatedBy.values();
    }

    public Favor[] favors() {
        return Favor.values();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }
}
