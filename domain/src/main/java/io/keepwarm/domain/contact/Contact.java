package io.keepwarm.domain.contact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.api.AddContact;
import io.keepwarm.domain.contact.api.ArchiveContact;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.CadenceStart;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ClearCadence;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.CorrectInteraction;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.domain.contact.api.ForgetContact;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.RestoreContact;
import io.keepwarm.domain.contact.api.RetractInteraction;
import io.keepwarm.domain.contact.api.SetCadence;
import io.keepwarm.domain.contact.api.SnoozeContact;
import io.keepwarm.domain.contact.api.UpdateContactDetails;
import io.keepwarm.domain.contact.api.WakeContact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * One person in one owner's network, and every touch with them.
 *
 * <p>Commands that change nothing append nothing: setting the cadence it already has, archiving an archived
 * contact, logging an interaction again with the same content. A command from another owner is answered exactly
 * like one for a contact that does not exist.
 */
public class Contact {

    @AggregateIdentifier
    private ContactId contactId;

    private OwnerId ownerId;
    private ContactPersonalData personal;
    private ContactAttributes attributes;
    private Integer cadenceDays;
    private Instant cadenceEffectiveFrom;
    private Instant cadenceFirstDueAt;
    private Instant knownSince;
    private Instant snoozedUntil;
    private boolean archived;
    private boolean forgotten;
    /** What the aggregate remembers of its interactions to keep resends idempotent and corrections honest. */
    private final InteractionLog interactions = new InteractionLog();
    /**
     * The interactions a forgotten contact took part in, notes unreadable: the other participants may still resend,
     * correct or retract them, and this contact then appends nothing.
     */
    private final Map<InteractionId, LoggedInteraction> beforeForgotten = new HashMap<>();

    protected Contact() {
        // for Axon
    }

    @CommandHandler
    public Contact(AddContact command) {
        added(command).forEach(AggregateLifecycle::apply);
    }

    /**
     * What adding a contact appends, in order: {@code ContactAdded}, then {@code CadenceSet} when it starts with a
     * cadence; a {@link DomainRuleViolation} if the command breaks a rule. The one place this is decided: the
     * aggregate's creation handler applies these events, and an import's bulk write appends them as they are for a
     * contact it creates (docs/adr/0029-imports-append-created-contacts.md), without a command per contact.
     */
    public static List<ContactEvent> added(AddContact command) {
        ContactAttributes attributes = ContactValidation.normalise(command.attributes());
        CadenceStart cadence = command.cadence();
        ContactValidation validation = ContactValidation.start()
                .personal(command.personal())
                .attributes(attributes)
                .knownSince(command.knownSince(), command.at());
        if (cadence != null) {
            validation
                    .cadence(cadence.everyDays())
                    .cadenceStart(cadence.effectiveFrom(), cadence.firstDueAt(), command.at());
        }
        validation.orThrow();
        List<ContactEvent> events = new ArrayList<>(2);
        events.add(new ContactAdded(
                command.contactId(),
                command.ownerId(),
                trimmed(command.personal()),
                ContactValidation.canonical(attributes),
                command.at(),
                command.knownSince() != null ? command.knownSince() : command.at()));
        if (cadence != null) {
            Instant effectiveFrom = cadence.effectiveFrom() != null ? cadence.effectiveFrom() : command.at();
            events.add(new CadenceSet(
                    command.contactId(),
                    command.ownerId(),
                    cadence.everyDays(),
                    command.at(),
                    effectiveFrom,
                    cadence.firstDueAt() != null ? cadence.firstDueAt() : effectiveFrom));
        }
        return events;
    }

    @CommandHandler
    public void handle(UpdateContactDetails command) {
        requireOwner(command.ownerId());
        if (command.expectedVersion() != null && !command.expectedVersion().equals(AggregateLifecycle.getVersion())) {
            throw DomainRuleViolation.stale(
                    "contact.version-mismatch",
                    "contact " + contactId + " is at version " + AggregateLifecycle.getVersion() + ", not "
                            + command.expectedVersion());
        }
        requireActive();
        ContactPersonalData mergedPersonal = merge(command);
        ContactAttributes mergedAttributes = ContactValidation.normalise(mergeAttributes(command));
        boolean newStart = command.fields().contains(DetailField.KNOWN_SINCE);
        ContactValidation validation =
                ContactValidation.start().personal(mergedPersonal).attributes(mergedAttributes);
        if (newStart && command.knownSince() == null) {
            validation.reject("knownSince", "must be an instant (a relationship always has a start)");
        }
        validation.knownSince(command.knownSince(), command.at()).orThrow();
        ContactPersonalData newPersonal = trimmed(mergedPersonal);
        ContactAttributes newAttributes = ContactValidation.canonical(mergedAttributes);
        Instant newKnownSince = newStart ? command.knownSince() : knownSince;
        if (newPersonal.equals(personal)
                && newAttributes.equals(attributes)
                && Objects.equals(newKnownSince, knownSince)) {
            return;
        }
        apply(new ContactDetailsUpdated(
                contactId,
                ownerId,
                newPersonal,
                newAttributes,
                command.at(),
                Objects.equals(newKnownSince, knownSince) ? null : newKnownSince));
    }

    @CommandHandler
    public void handle(SetCadence command) {
        requireOwner(command.ownerId());
        requireActive();
        ContactValidation.start()
                .cadence(command.everyDays())
                .cadenceStart(command.effectiveFrom(), command.firstDueAt(), command.at())
                .orThrow();
        if (Objects.equals(cadenceDays, command.everyDays())
                && (command.effectiveFrom() == null || command.effectiveFrom().equals(cadenceEffectiveFrom))
                && (command.firstDueAt() == null || command.firstDueAt().equals(cadenceFirstDueAt))) {
            return;
        }
        Instant effectiveFrom = command.effectiveFrom() != null ? command.effectiveFrom() : command.at();
        apply(new CadenceSet(
                contactId,
                ownerId,
                command.everyDays(),
                command.at(),
                effectiveFrom,
                command.firstDueAt() != null ? command.firstDueAt() : effectiveFrom));
    }

    @CommandHandler
    public void handle(ClearCadence command) {
        requireOwner(command.ownerId());
        requireActive();
        if (cadenceDays == null) {
            return;
        }
        apply(new CadenceCleared(contactId, ownerId, command.at()));
    }

    @CommandHandler
    public void handle(LogInteraction command) {
        requireOwnerEvenIfForgotten(command.ownerId());
        InteractionRecord interaction = command.interaction();
        LoggedInteraction known = known(command.interactionId());
        if (known == null && forgotten) {
            throw notFound();
        }
        if (known != null) {
            // A resend of what was logged is answered as a success whatever happened since (even an archive, or
            // this contact or another participant being forgotten).
            if (known.isResendOf(interaction, command.contactIds())) {
                return;
            }
            throw DomainRuleViolation.conflict(
                    "interaction.conflict",
                    "interaction " + command.interactionId() + " was already logged with other content");
        }
        requireActive();
        ContactValidation.start()
                .contactIds(command.contactIds(), contactId)
                .interaction(interaction, command.at())
                .orThrow();
        apply(new InteractionLogged(
                contactId,
                ownerId,
                command.interactionId(),
                List.copyOf(command.contactIds()),
                interaction,
                command.at()));
    }

    @CommandHandler
    public void handle(CorrectInteraction command) {
        requireOwnerEvenIfForgotten(command.ownerId());
        if (forgotten) {
            // The others' interaction stays theirs to correct; a forgotten contact's record stays as it was.
            requireSharedBeforeForgotten(command.interactionId());
            return;
        }
        LoggedInteraction known = requireInteraction(command.interactionId());
        if (known.retracted()) {
            throw DomainRuleViolation.conflict(
                    "interaction.retracted",
                    "interaction " + command.interactionId() + " was retracted and can no longer be corrected");
        }
        InteractionRecord before = known.current();
        InteractionRecord after = new InteractionRecord(
                command.occurredAt() != null ? command.occurredAt() : before.occurredAt(),
                command.channel() != null ? command.channel() : before.channel(),
                command.initiatedBy() != null ? command.initiatedBy() : before.initiatedBy(),
                command.favor() != null ? command.favor() : before.favor(),
                command.note() != null ? Note.of(command.note()) : before.note());
        ContactValidation.start().interaction(after, command.at()).orThrow();
        if (after.equals(before)) {
            return;
        }
        apply(new InteractionCorrected(contactId, ownerId, command.interactionId(), before, after, command.at()));
    }

    @CommandHandler
    public void handle(RetractInteraction command) {
        requireOwnerEvenIfForgotten(command.ownerId());
        if (forgotten) {
            requireSharedBeforeForgotten(command.interactionId());
            return;
        }
        LoggedInteraction known = requireInteraction(command.interactionId());
        ContactValidation.start().reason(command.reason()).orThrow();
        if (known.retracted()) {
            return;
        }
        apply(new InteractionRetracted(
                contactId, ownerId, command.interactionId(), Note.of(command.reason()), command.at()));
    }

    @CommandHandler
    public void handle(SnoozeContact command) {
        requireOwner(command.ownerId());
        requireActive();
        ContactValidation.start().snoozeUntil(command.until(), command.at()).orThrow();
        if (command.until().equals(snoozedUntil)) {
            return;
        }
        apply(new ContactSnoozed(contactId, ownerId, command.until(), command.at()));
    }

    @CommandHandler
    public void handle(WakeContact command) {
        requireOwner(command.ownerId());
        requireActive();
        if (snoozedUntil == null || !command.at().isBefore(snoozedUntil)) {
            return;
        }
        apply(new ContactWoken(contactId, ownerId, command.at()));
    }

    @CommandHandler
    public void handle(ArchiveContact command) {
        requireOwner(command.ownerId());
        if (archived) {
            return;
        }
        apply(new ContactArchived(contactId, ownerId, command.at()));
    }

    @CommandHandler
    public void handle(RestoreContact command) {
        requireOwner(command.ownerId());
        if (!archived) {
            return;
        }
        apply(new ContactRestored(contactId, ownerId, command.at()));
    }

    /** Forgetting is idempotent: forgetting a forgotten contact appends nothing. */
    @CommandHandler
    public void handle(ForgetContact command) {
        if (!ownerId.equals(command.ownerId())) {
            throw DomainRuleViolation.notFound("contact.not-found", "contact " + contactId + " not found");
        }
        if (forgotten) {
            return;
        }
        apply(new ContactForgotten(contactId, ownerId, command.at()));
    }

    @EventSourcingHandler
    void on(ContactAdded event) {
        contactId = event.contactId();
        ownerId = event.ownerId();
        personal = event.personal();
        attributes = event.attributes();
        knownSince = event.knownSince();
    }

    @EventSourcingHandler
    void on(ContactDetailsUpdated event) {
        personal = event.personal();
        attributes = event.attributes();
        if (event.knownSince() != null) {
            knownSince = event.knownSince();
        }
    }

    @EventSourcingHandler
    void on(CadenceSet event) {
        cadenceDays = event.everyDays();
        cadenceEffectiveFrom = event.effectiveFrom();
        cadenceFirstDueAt = event.firstDueAt();
    }

    @EventSourcingHandler
    void on(CadenceCleared event) {
        cadenceDays = null;
        cadenceEffectiveFrom = null;
        cadenceFirstDueAt = null;
    }

    @EventSourcingHandler
    void on(InteractionLogged event) {
        interactions.apply(event);
    }

    @EventSourcingHandler
    void on(InteractionCorrected event) {
        interactions.apply(event);
    }

    @EventSourcingHandler
    void on(InteractionRetracted event) {
        interactions.apply(event);
    }

    @EventSourcingHandler
    void on(ContactSnoozed event) {
        snoozedUntil = event.until();
    }

    @EventSourcingHandler
    void on(ContactWoken event) {
        snoozedUntil = null;
    }

    @EventSourcingHandler
    void on(ContactArchived event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ContactRestored event) {
        archived = false;
    }

    @EventSourcingHandler
    void on(ContactForgotten event) {
        forgotten = true;
        personal = ContactPersonalData.FORGOTTEN;
        interactions
                .all()
                .forEach(interaction -> beforeForgotten.put(interaction.interactionId(), interaction.forgotten()));
        interactions.apply(event);
    }

    /** Another owner's contact and a forgotten contact are answered exactly like one that does not exist. */
    private void requireOwner(OwnerId caller) {
        if (forgotten || !ownerId.equals(caller)) {
            // Indistinguishable from a contact that does not exist: never confirm another owner's data.
            throw DomainRuleViolation.notFound("contact.not-found", "contact " + contactId + " not found");
        }
    }

    /** Another owner's contact is answered like one that does not exist; a forgotten one passes. */
    private void requireOwnerEvenIfForgotten(OwnerId caller) {
        if (!ownerId.equals(caller)) {
            throw notFound();
        }
    }

    private DomainRuleViolation notFound() {
        return DomainRuleViolation.notFound("contact.not-found", "contact " + contactId + " not found");
    }

    /** The interaction, as this contact knew it: still standing, or kept in shape after it was forgotten. */
    private LoggedInteraction known(InteractionId interactionId) {
        return forgotten
                ? beforeForgotten.get(interactionId)
                : interactions.find(interactionId).orElse(null);
    }

    /**
     * A forgotten contact lets a correction or retraction of an interaction it shared with others through (the
     * others record it); one that was its alone is gone with it.
     */
    private void requireSharedBeforeForgotten(InteractionId interactionId) {
        LoggedInteraction known = beforeForgotten.get(interactionId);
        if (known == null || known.contactIds().size() < 2) {
            throw notFound();
        }
    }

    private void requireActive() {
        if (archived) {
            throw DomainRuleViolation.conflict(
                    "contact.archived", "contact " + contactId + " is archived; restore it first");
        }
    }

    private LoggedInteraction requireInteraction(InteractionId interactionId) {
        return interactions
                .find(interactionId)
                .orElseThrow(() -> DomainRuleViolation.notFound(
                        "interaction.not-found", "interaction " + interactionId + " not found"));
    }

    private ContactPersonalData merge(UpdateContactDetails command) {
        ContactPersonalData given = command.personal();
        var fields = command.fields();
        Map<ChannelKind, String> channels = new EnumMap<>(ChannelKind.class);
        channels.putAll(personal.channels());
        if (fields.contains(DetailField.CHANNELS) && command.channelChanges() != null) {
            command.channelChanges().forEach((kind, handle) -> {
                if (handle == null) {
                    channels.remove(kind);
                } else {
                    channels.put(kind, handle);
                }
            });
        }
        return new ContactPersonalData(
                fields.contains(DetailField.DISPLAY_NAME) ? given.displayName() : personal.displayName(),
                fields.contains(DetailField.HOW_WE_MET) ? given.howWeMet() : personal.howWeMet(),
                fields.contains(DetailField.ORGANIZATION) ? given.organization() : personal.organization(),
                fields.contains(DetailField.ROLE) ? given.role() : personal.role(),
                fields.contains(DetailField.CITY) ? given.city() : personal.city(),
                channels);
    }

    private ContactAttributes mergeAttributes(UpdateContactDetails command) {
        ContactAttributes given = command.attributes() == null ? ContactAttributes.none() : command.attributes();
        var fields = command.fields();
        return new ContactAttributes(
                fields.contains(DetailField.COUNTRY_CODE) ? given.countryCode() : attributes.countryCode(),
                fields.contains(DetailField.TIME_ZONE) ? given.timeZone() : attributes.timeZone(),
                fields.contains(DetailField.TAGS) ? given.tags() : attributes.tags());
    }

    private static ContactPersonalData trimmed(ContactPersonalData personal) {
        return new ContactPersonalData(
                personal.displayName().strip(),
                personal.howWeMet(),
                personal.organization(),
                personal.role(),
                personal.city(),
                personal.channels());
    }
}
