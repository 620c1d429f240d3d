package io.keepwarm.domain.contact.api;

import java.time.Instant;

/** What is known about one interaction: when, how, who started it, whether it was a favour, and a note. */
public record InteractionRecord(Instant occurredAt, Channel channel, InitiatedBy initiatedBy, Favor favor, Note note) {

    public InteractionRecord {
        favor = favor == null ? Favor.NONE : favor;
    }

    public String noteText() {
        return note == null ? null : note.text();
    }
}
