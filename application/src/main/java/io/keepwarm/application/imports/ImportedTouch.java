package io.keepwarm.application.imports;

import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import java.time.Instant;
import java.util.List;

/**
 * One interaction of a keepwarm interactions CSV, before its contacts are matched.
 *
 * @param contacts each contact as the file names it: an email address or a display name
 * @param problem  why the row cannot be imported, or null
 */
public record ImportedTouch(
        long line,
        Instant occurredAt,
        List<String> contacts,
        Channel channel,
        InitiatedBy initiatedBy,
        Favor favor,
        String note,
        String problem) {

    public ImportedTouch {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}
