package io.keepwarm.application.contact;

import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.domain.contact.InteractionLog;
import io.keepwarm.domain.contact.LoggedInteraction;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads interactions back as they stand, from the contact's own event stream folded by {@link InteractionLog}: the
 * fold the aggregate decides with, so what is read is exactly what a correction or a resend is checked against, the
 * moment the write commits (ADR 0016). Every read is owner-scoped: an interaction is found through the owner's
 * {@link InteractionRegistry} rows, a contact's interactions only after {@link ContactQueries} found the contact.
 */
@Component
public class InteractionQueries {

    public static final int DEFAULT_LIMIT = 50;

    /** Newest first; ties (the same instant) by id, so that paging is stable. */
    private static final Comparator<LoggedInteraction> NEWEST_FIRST = Comparator.comparing(
                    (LoggedInteraction i) -> i.current().occurredAt())
            .thenComparing(i -> i.interactionId().value())
            .reversed();

    private final EventStore eventStore;
    private final InteractionRegistry registry;

    public InteractionQueries(EventStore eventStore, InteractionRegistry registry) {
        this.eventStore = eventStore;
        this.registry = registry;
    }

    /** One page of a contact's interactions. */
    public record InteractionPage(List<LoggedInteraction> items, String nextCursor) {}

    /**
     * One of the owner's interactions, read from the stream of a participant that is not forgotten; empty when the
     * owner has no such interaction (or every participant was forgotten).
     */
    public Optional<LoggedInteraction> find(OwnerId ownerId, InteractionId interactionId) {
        for (ContactId participant : registry.participants(ownerId, interactionId)) {
            Optional<LoggedInteraction> found = log(participant).find(interactionId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The interactions of a contact the caller has already found to be the owner's, newest first, those that
     * occurred in [from, to) when given, retracted ones included and marked.
     */
    public InteractionPage ofContact(ContactId contactId, Instant from, Instant to, int limit, String cursor) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        List<LoggedInteraction> matching = log(contactId).all().stream()
                .filter(i -> from == null || !i.current().occurredAt().isBefore(from))
                .filter(i -> to == null || i.current().occurredAt().isBefore(to))
                .sorted(NEWEST_FIRST)
                .filter(i -> after == null || after.isBefore(i))
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new InteractionPage(matching, null);
        }
        List<LoggedInteraction> page = matching.subList(0, limit);
        return new InteractionPage(page, Cursor.of(page.get(limit - 1)).encode());
    }

    /**
     * Every interaction of a contact the caller has already found to be the owner's, as it stands (corrected,
     * retracted ones included and marked), in no particular order.
     */
    public java.util.Collection<LoggedInteraction> allOf(ContactId contactId) {
        return log(contactId).all();
    }

    private InteractionLog log(ContactId contactId) {
        InteractionLog log = new InteractionLog();
        eventStore
                .readEvents(contactId.toString())
                .asStream()
                .map(event -> event.getPayload())
                .filter(ContactEvent.class::isInstance)
                .forEach(payload -> log.apply((ContactEvent) payload));
        return log;
    }

    /** Keyset cursor: the last row's occurredAt and id; no personal data. */
    record Cursor(Instant occurredAt, UUID interactionId) {

        static Cursor of(LoggedInteraction interaction) {
            return new Cursor(
                    interaction.current().occurredAt(),
                    interaction.interactionId().value());
        }

        /** Whether {@code interaction} comes after this cursor in newest-first order. */
        boolean isBefore(LoggedInteraction interaction) {
            int byTime = interaction.current().occurredAt().compareTo(occurredAt);
            return byTime < 0
                    || (byTime == 0 && interaction.interactionId().value().compareTo(interactionId) < 0);
        }

        String encode() {
            String raw = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + ":" + interactionId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String raw) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
                int dot = decoded.indexOf('.');
                int colon = decoded.indexOf(':');
                return new Cursor(
                        Instant.ofEpochSecond(
                                Long.parseLong(decoded.substring(0, dot)),
                                Long.parseLong(decoded.substring(dot + 1, colon))),
                        UUID.fromString(decoded.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new InvalidCursor();
            }
        }
    }
}
