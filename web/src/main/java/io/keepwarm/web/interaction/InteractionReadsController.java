package io.keepwarm.web.interaction;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.InteractionQueries;
import io.keepwarm.domain.contact.LoggedInteraction;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryInstants;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading interactions back: one by id, or a contact's, newest first, as they stand after corrections. */
@RestController
public class InteractionReadsController {

    /**
     * An interaction as it stands: its current values (corrections applied), how often and when it was corrected,
     * and its retraction. {@code noteForgotten} says a note was there and is unreadable because a contact was
     * forgotten; {@code noteRemovedBecause} says which: {@code participant-forgotten} when the interaction was shared
     * and one of its participants was forgotten (the note was personal data of all of them), {@code contact-forgotten}
     * otherwise.
     */
    public record InteractionResponse(
            UUID interactionId,
            List<UUID> contactIds,
            Instant occurredAt,
            Channel channel,
            InitiatedBy initiatedBy,
            Favor favor,
            String note,
            boolean noteForgotten,
            String noteRemovedBecause,
            Instant loggedAt,
            int corrections,
            Instant lastCorrectedAt,
            boolean retracted,
            Instant retractedAt,
            String retractionReason) {

        static InteractionResponse of(LoggedInteraction interaction) {
            InteractionRecord current = interaction.current();
            Note reason = interaction.retractionReason();
            return new InteractionResponse(
                    interaction.interactionId().value(),
                    interaction.contactIds().stream().map(ContactId::value).toList(),
                    current.occurredAt(),
                    current.channel(),
                    current.initiatedBy(),
                    current.favor(),
                    readable(current.note()),
                    current.note() != null && current.note().forgotten(),
                    removedBecause(current.note()),
                    interaction.loggedAt(),
                    interaction.corrections(),
                    interaction.lastCorrectedAt(),
                    interaction.retracted(),
                    interaction.retractedAt(),
                    readable(reason));
        }

        private static String removedBecause(Note note) {
            if (note == null || !note.forgotten()) {
                return null;
            }
            return note.removedWithParticipant() ? "participant-forgotten" : "contact-forgotten";
        }

        private static String readable(Note note) {
            return note == null || note.forgotten() ? null : note.text();
        }
    }

    /** A page of a contact's interactions, newest first. */
    public record InteractionsPage(List<InteractionResponse> items, String nextCursor) {}

    private final InteractionQueries interactions;
    private final ContactQueries contacts;
    private final CurrentCaller caller;
    private final Clock clock;

    public InteractionReadsController(
            InteractionQueries interactions, ContactQueries contacts, CurrentCaller caller, Clock clock) {
        this.interactions = interactions;
        this.contacts = contacts;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/api/interactions/{id}")
    public InteractionResponse one(@PathVariable UUID id) {
        return interactions
                .find(caller.get().ownerId(), new InteractionId(id))
                .map(InteractionResponse::of)
                .orElseThrow(
                        () -> OperationRefused.notFound("interaction.not-found", "interaction " + id + " not found"));
    }

    @GetMapping("/api/contacts/{id}/interactions")
    public InteractionsPage ofContact(
            @PathVariable UUID id,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        OwnerId owner = caller.get().ownerId();
        ContactId contactId = new ContactId(id);
        if (contacts.findOne(owner, contactId, clock.instant()).isEmpty()) {
            throw OperationRefused.notFound("contact.not-found", "contact " + id + " not found");
        }
        Instant since = QueryInstants.checked("from", from);
        Instant until = QueryInstants.checked("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw InvalidRequest.of("to", "must be after from");
        }
        var page = interactions.ofContact(
                contactId, since, until, Paging.limit(limit, InteractionQueries.DEFAULT_LIMIT), cursor);
        return new InteractionsPage(
                page.items().stream().map(InteractionResponse::of).toList(), page.nextCursor());
    }
}
