package io.keepwarm.application.contact;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.privacy.ContactKeys;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.Contact;
import io.keepwarm.domain.contact.InteractionRules;
import io.keepwarm.domain.contact.api.AddContact;
import io.keepwarm.domain.contact.api.ArchiveContact;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ClearCadence;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.CorrectInteraction;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.ForgetContact;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.RestoreContact;
import io.keepwarm.domain.contact.api.RetractInteraction;
import io.keepwarm.domain.contact.api.SetCadence;
import io.keepwarm.domain.contact.api.SnoozeContact;
import io.keepwarm.domain.contact.api.UpdateContactDetails;
import io.keepwarm.domain.contact.api.WakeContact;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The write side as the API sees it: turns a request into commands for the caller, stamps them with the
 * caller's metadata and the current instant. The live read models are written in the same transaction
 * (docs/adr/0019-live-read-models-inline.md), so when a write returns, a read shows it: there is nothing to wait for.
 *
 * <p>An interaction with several contacts is dispatched as one command per contact inside one unit of work and
 * one database transaction, so either every contact records it or none does. Each command's unit of work is
 * nested in that outer one: its events are appended at once but only published, and its aggregate lock only
 * released, when the outer transaction has committed. Optimistic-concurrency conflicts with other
 * writers (another request, another node) are retried here; a client only sees a conflict that is real.
 */
@Service
public class ContactCommands {

    /** Enough for a hot contact under dozens of writers on several nodes; the back-off grows with each attempt. */
    private static final int ATTEMPTS = 20;

    /** The aggregate type Axon stores with a contact's events: the aggregate class's simple name. */
    private static final String CONTACT_AGGREGATE = Contact.class.getSimpleName();

    private static final String APPENDED = ContactCommands.class.getName() + ".appended";

    private final CommandGateway commandGateway;
    private final CurrentCaller currentCaller;
    private final Clock clock;
    private final TransactionManager transactionManager;
    private final JdbcClient jdbc;
    private final InteractionRegistry interactionRegistry;
    private final IdempotencyKeys idempotencyKeys;
    private final ContactKeys contactKeys;
    private final ContactAggregateCache aggregates;
    private final EventBus eventBus;
    private final AtomicLong retriedConflicts = new AtomicLong();
    private final AtomicLong cachedContactChecks = new AtomicLong();

    public ContactCommands(
            CommandGateway commandGateway,
            CurrentCaller currentCaller,
            Clock clock,
            TransactionManager transactionManager,
            JdbcClient jdbc,
            InteractionRegistry interactionRegistry,
            IdempotencyKeys idempotencyKeys,
            ContactKeys contactKeys,
            ContactAggregateCache aggregates,
            EventBus eventBus) {
        this.contactKeys = contactKeys;
        this.aggregates = aggregates;
        this.commandGateway = commandGateway;
        this.currentCaller = currentCaller;
        this.clock = clock;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.interactionRegistry = interactionRegistry;
        this.idempotencyKeys = idempotencyKeys;
        this.eventBus = eventBus;
        eventBus.registerDispatchInterceptor(ContactCommands::countAppended);
    }

    /**
     * Records the events a write's own unit of work appends: whether it changed anything, and the version each
     * contact reached (the API's ETag).
     */
    private static BiFunction<Integer, EventMessage<?>, EventMessage<?>> countAppended(
            List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<ContactId, Long> appended = CurrentUnitOfWork.get().root().getResource(APPENDED);
            if (appended != null) {
                for (EventMessage<?> event : events) {
                    if (event instanceof DomainEventMessage<?> domainEvent) {
                        appended.merge(
                                ContactId.of(domainEvent.getAggregateIdentifier()),
                                domainEvent.getSequenceNumber(),
                                Math::max);
                    }
                }
            }
        }
        return (index, event) -> event;
    }

    /** The result of a write: the version of each contact it touched, and whether it appended anything. */
    public record Outcome(Map<ContactId, Long> versions, boolean changed) {

        public long versionOf(ContactId contactId) {
            return versions.getOrDefault(contactId, 0L);
        }
    }

    public Outcome add(ContactId contactId, ContactPersonalData personal, ContactAttributes attributes) {
        return add(contactId, personal, attributes, null);
    }

    /** Adds a contact whose relationship began at {@code knownSince} (null: now). */
    public Outcome add(
            ContactId contactId, ContactPersonalData personal, ContactAttributes attributes, Instant knownSince) {
        return write(
                List.of(contactId),
                (owner, at) -> List.of(new AddContact(contactId, owner, personal, attributes, knownSince, null, at)));
    }

    /** An add with an {@code Idempotency-Key}: the contact, its version after that add, and whether it was replayed. */
    public record AddedOnce(ContactId contactId, long version, boolean replayed) {}

    /**
     * Adds a contact once per {@code Idempotency-Key} of the caller: the first use adds it and records the key in
     * the same transaction; a later use with the same request digest appends nothing and answers the first add again;
     * with another digest it is {@link IdempotencyKeys.KeyReused}. Two concurrent first uses cannot both add: the
     * second waits on the key's primary key, rolls back (appending nothing) and replays the first.
     */
    public AddedOnce addOnce(
            String key,
            String requestDigest,
            ContactId contactId,
            ContactPersonalData personal,
            ContactAttributes attributes) {
        return addOnce(key, requestDigest, contactId, personal, attributes, null);
    }

    /** {@link #addOnce(String, String, ContactId, ContactPersonalData, ContactAttributes)} with a known-since. */
    public AddedOnce addOnce(
            String key,
            String requestDigest,
            ContactId contactId,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Instant knownSince) {
        OwnerId owner = currentCaller.get().ownerId();
        Optional<IdempotencyKeys.Use> used = idempotencyKeys.find(owner, key);
        if (used.isPresent()) {
            return replay(used.get(), requestDigest);
        }
        try {
            Outcome outcome = write(
                    List.of(contactId),
                    (ownerId, at) ->
                            List.of(new AddContact(contactId, ownerId, personal, attributes, knownSince, null, at)),
                    appended -> idempotencyKeys.record(
                            owner,
                            key,
                            new IdempotencyKeys.Use(requestDigest, contactId, appended.getOrDefault(contactId, 0L)),
                            clock.instant()));
            return new AddedOnce(contactId, outcome.versionOf(contactId), false);
        } catch (DuplicateKeyException concurrentFirstUse) {
            return replay(idempotencyKeys.find(owner, key).orElseThrow(() -> concurrentFirstUse), requestDigest);
        }
    }

    private static AddedOnce replay(IdempotencyKeys.Use use, String requestDigest) {
        if (!use.requestDigest().equals(requestDigest)) {
            throw new IdempotencyKeys.KeyReused();
        }
        return new AddedOnce(use.contactId(), use.version(), true);
    }

    public Outcome updateDetails(
            ContactId contactId,
            Set<DetailField> fields,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Map<ChannelKind, String> channelChanges,
            Long expectedVersion) {
        return updateDetails(contactId, fields, personal, attributes, channelChanges, null, expectedVersion);
    }

    /** A merge patch that may also move when the relationship began ({@link DetailField#KNOWN_SINCE}). */
    public Outcome updateDetails(
            ContactId contactId,
            Set<DetailField> fields,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Map<ChannelKind, String> channelChanges,
            Instant knownSince,
            Long expectedVersion) {
        return write(
                List.of(contactId),
                (owner, at) -> List.of(new UpdateContactDetails(
                        contactId,
                        owner,
                        fields,
                        personal,
                        attributes,
                        channelChanges,
                        knownSince,
                        expectedVersion,
                        at)));
    }

    public Outcome setCadence(ContactId contactId, int everyDays) {
        return setCadence(contactId, everyDays, null, null);
    }

    /** A cadence in effect from {@code effectiveFrom} (null: now), first due at {@code firstDueAt} (null: then). */
    public Outcome setCadence(ContactId contactId, int everyDays, Instant effectiveFrom, Instant firstDueAt) {
        return write(
                List.of(contactId),
                (owner, at) -> List.of(new SetCadence(contactId, owner, everyDays, effectiveFrom, firstDueAt, at)));
    }

    /**
     * A bulk write (an import's chunk): every command {@code commands} gives for the caller, in one unit of work and
     * one transaction, with {@code metadata} added to every event's metadata and {@code inTransaction} run in the same
     * transaction (given the version each contact reached), all or nothing.
     *
     * <p>A contact the batch creates is not a command: the domain decides its events ({@link Contact#added}, the
     * rule its creation handler applies too) and they are published with the batch's other events, in order, as
     * its new stream's events 0, 1, … (docs/adr/0029-imports-append-created-contacts.md). Every other command goes
     * through the command bus as in any write.
     */
    public Outcome writeBatch(
            List<ContactId> contacts,
            Map<String, String> metadata,
            BiFunction<OwnerId, Instant, List<Object>> commands,
            java.util.function.Consumer<Map<ContactId, Long>> inTransaction) {
        return write(
                currentCaller.get(),
                contacts,
                () -> contactKeys.prepareForWriting(
                        contacts.stream().map(ContactId::value).toList()),
                commands::apply,
                inTransaction::accept,
                MetaData.from(metadata),
                true);
    }

    public Outcome clearCadence(ContactId contactId) {
        return write(List.of(contactId), (owner, at) -> List.of(new ClearCadence(contactId, owner, at)));
    }

    public Outcome snooze(ContactId contactId, Instant until) {
        return write(List.of(contactId), (owner, at) -> List.of(new SnoozeContact(contactId, owner, until, at)));
    }

    public Outcome wake(ContactId contactId) {
        return write(List.of(contactId), (owner, at) -> List.of(new WakeContact(contactId, owner, at)));
    }

    public Outcome archive(ContactId contactId) {
        return write(List.of(contactId), (owner, at) -> List.of(new ArchiveContact(contactId, owner, at)));
    }

    /** Forgets a contact: its key is destroyed in the same transaction; forgetting twice appends nothing. */
    public Outcome forget(ContactId contactId) {
        OwnerId owner = currentCaller.get().ownerId();
        return write(
                List.of(contactId),
                (ownerId, at) -> List.of(new ForgetContact(contactId, ownerId, at)),
                appended -> idempotencyKeys.forget(owner, contactId));
    }

    /**
     * Forgets contacts of another owner on an admin's behalf (deleting a user): {@code caller} names the owner whose
     * network it is and the admin as the actor, so every {@code ContactForgotten} says who did it. Each contact is
     * forgotten as {@link #forget} does it (key destroyed, idempotency keys dropped), a batch per transaction.
     */
    public Outcome forgetOnBehalf(Caller caller, List<ContactId> contactIds) {
        return write(
                caller,
                contactIds,
                (ownerId, at) -> contactIds.stream()
                        .map(contactId -> (Object) new ForgetContact(contactId, ownerId, at))
                        .toList(),
                appended -> contactIds.forEach(contactId -> idempotencyKeys.forget(caller.ownerId(), contactId)),
                MetaData.emptyInstance());
    }

    public Outcome restore(ContactId contactId) {
        return write(List.of(contactId), (owner, at) -> List.of(new RestoreContact(contactId, owner, at)));
    }

    /**
     * Logs one interaction with every listed contact, all or nothing. Sending the same id with the same
     * content again appends nothing ({@link Outcome#changed()} is false); with other content it is a conflict.
     */
    public Outcome logInteraction(
            InteractionId interactionId, List<ContactId> contactIds, InteractionRecord interaction) {
        List<FieldViolation> violations = interactionViolations(contactIds, interaction);
        if (!violations.isEmpty()) {
            throw DomainRuleViolation.invalid(violations);
        }
        List<ContactId> participants = participants(contactIds);
        return write(participants, (owner, at) -> participants.stream()
                .map(contactId ->
                        (Object) new LogInteraction(contactId, owner, interactionId, participants, interaction, at))
                .toList());
    }

    /**
     * What a correction changes: each non-null field replaces the current value, a null one keeps it; an empty
     * note clears the note. (Not an {@link InteractionRecord}: that one defaults a missing favour to NONE, which
     * would turn a correction of the note into a correction of the favour as well.)
     */
    public record Correction(Instant occurredAt, Channel channel, InitiatedBy initiatedBy, Favor favor, String note) {}

    public Outcome correctInteraction(InteractionId interactionId, Correction changes) {
        List<ContactId> participants = knownParticipants(interactionId);
        return write(participants, (owner, at) -> participants.stream()
                .map(contactId -> (Object) new CorrectInteraction(
                        contactId,
                        owner,
                        interactionId,
                        changes.occurredAt(),
                        changes.channel(),
                        changes.initiatedBy(),
                        changes.favor(),
                        changes.note(),
                        at))
                .toList());
    }

    public Outcome retractInteraction(InteractionId interactionId, String reason) {
        List<ContactId> participants = knownParticipants(interactionId);
        return write(participants, (owner, at) -> participants.stream()
                .map(contactId -> (Object) new RetractInteraction(contactId, owner, interactionId, reason, at))
                .toList());
    }

    private List<ContactId> knownParticipants(InteractionId interactionId) {
        List<ContactId> participants =
                interactionRegistry.participants(currentCaller.get().ownerId(), interactionId);
        if (participants.isEmpty()) {
            throw OperationRefused.notFound("interaction.not-found", "interaction " + interactionId + " not found");
        }
        return participants;
    }

    /**
     * Every bad field of an interaction to log, all at once: its contacts (1–50, none repeated) and the domain's
     * rules for its fields ({@link InteractionRules}), judged at the current instant.
     */
    public List<FieldViolation> interactionViolations(List<ContactId> contactIds, InteractionRecord interaction) {
        List<FieldViolation> violations = new ArrayList<>();
        if (contactIds == null || contactIds.isEmpty()) {
            violations.add(new FieldViolation("contactIds", "at least one contact is required"));
        } else if (contactIds.size() > LogInteraction.MAX_CONTACTS) {
            violations.add(new FieldViolation(
                    "contactIds", "at most " + LogInteraction.MAX_CONTACTS + " contacts per interaction"));
        } else if (new java.util.HashSet<>(contactIds).size() != contactIds.size()) {
            violations.add(new FieldViolation("contactIds", "must not repeat a contact"));
        }
        violations.addAll(InteractionRules.violations(interaction, clock.instant()));
        return violations;
    }

    /** Sorted and distinct: a stable order keeps concurrent multi-contact writes from deadlocking each other. */
    private static List<ContactId> participants(List<ContactId> contactIds) {
        TreeSet<ContactId> sorted = new TreeSet<>(java.util.Comparator.comparing(ContactId::value));
        sorted.addAll(contactIds);
        return List.copyOf(sorted);
    }

    @FunctionalInterface
    private interface Commands {
        List<Object> forCaller(OwnerId ownerId, Instant at);
    }

    /** Work done in a write's transaction after its commands ran, given the version each contact reached. */
    @FunctionalInterface
    private interface InTransaction {
        void run(Map<ContactId, Long> appended);
    }

    private Outcome write(List<ContactId> contacts, Commands commands) {
        return write(contacts, commands, appended -> {});
    }

    private Outcome write(List<ContactId> contacts, Commands commands, InTransaction inTransaction) {
        return write(currentCaller.get(), contacts, commands, inTransaction, MetaData.emptyInstance());
    }

    private Outcome write(
            Caller caller, List<ContactId> contacts, Commands commands, InTransaction inTransaction, MetaData extra) {
        return write(caller, contacts, () -> {}, commands, inTransaction, extra, false);
    }

    /**
     * {@code first} runs in the write's transaction before its commands; {@code bulk}: created contacts are appended
     * without a command each ({@link #writeBatch}).
     */
    private Outcome write(
            Caller caller,
            List<ContactId> contacts,
            Runnable first,
            Commands commands,
            InTransaction inTransaction,
            MetaData extra,
            boolean bulk) {
        MetaData metaData = extra.and(
                        EventStoreConfiguration.OWNER_ID, caller.ownerId().toString())
                .and(EventStoreConfiguration.ACTOR_ID, caller.actorId().toString())
                .and(EventStoreConfiguration.CORRELATION_ID, caller.correlationId());
        Instant at = clock.instant();
        List<Object> toSend = commands.forCaller(caller.ownerId(), at);
        Map<ContactId, Long> appended = new ConcurrentHashMap<>();
        Map<String, Long> served = new ConcurrentHashMap<>();
        retrying(attempt -> {
            appended.clear();
            served.clear();
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.resources().put(APPENDED, appended);
            unitOfWork.resources().put(ContactAggregateCache.SERVED, served);
            unitOfWork.attachTransaction(transactionManager);
            try {
                unitOfWork.execute(() -> {
                    first.run();
                    if (bulk) {
                        sendBulk(toSend, metaData);
                    } else {
                        for (Object command : toSend) {
                            send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
                        }
                    }
                    requireCurrent(served, true);
                    inTransaction.run(appended);
                });
            } catch (ConcurrencyException | ConcurrencyFailureException conflict) {
                throw conflict;
            } catch (RuntimeException refused) {
                // a refusal decided on a cached contact stands only if the store has not moved past it
                requireCurrent(served, false);
                throw refused;
            }
            return null;
        });
        // The version each contact reached by this write; a contact it left unchanged is at its stored version.
        Map<ContactId, Long> after = new HashMap<>(appended);
        List<ContactId> unchanged = contacts.stream()
                .filter(contact -> !appended.containsKey(contact))
                .toList();
        if (!unchanged.isEmpty()) {
            after.putAll(versionsOf(unchanged));
        }
        // Whether this write appended anything is what it appended, not inferred from versions: others move those.
        return new Outcome(Map.copyOf(after), !appended.isEmpty());
    }

    /**
     * Refuses to believe a command's outcome for a contact that {@link ContactAggregateCache} served and whose
     * events it did not append to, if the store holds events the cached aggregate has not seen (another node
     * appended them): such a contact is dropped from the cache and the write is retried on the stored events
     * (docs/adr/0031). A contact the command appended to needs no check: a stale one breaks the unique (aggregate,
     * sequence) key at the append. Costs a query only when a cached contact was left unchanged or refused.
     */
    private void requireCurrent(Map<String, Long> served, boolean afterCommands) {
        // After the commands, a contact whose entry moved past the version it was served with was appended to (the
        // events themselves reach the event bus only at the commit); after a refusal, every served contact counts.
        List<ContactId> unchanged = served.entrySet().stream()
                .filter(entry -> !afterCommands || !appendedTo(entry.getKey(), entry.getValue()))
                .map(entry -> ContactId.of(entry.getKey()))
                .toList();
        if (unchanged.isEmpty()) {
            return;
        }
        cachedContactChecks.incrementAndGet();
        Map<ContactId, Long> stored = versionsOf(unchanged);
        List<ContactId> behind = unchanged.stream()
                .filter(contact -> stored.getOrDefault(contact, -1L) != served.get(contact.toString()))
                .toList();
        if (!behind.isEmpty()) {
            behind.forEach(contact -> aggregates.remove(contact.toString()));
            throw new CachedContactBehind(behind);
        }
    }

    private boolean appendedTo(String contactId, long servedVersion) {
        Long now = aggregates.cachedVersion(contactId);
        return now != null && now > servedVersion;
    }

    /** A cached contact is behind the store: retried like a lost concurrency conflict. */
    static final class CachedContactBehind extends ConcurrencyFailureException {

        CachedContactBehind(List<ContactId> contacts) {
            super("cached contacts behind the event store: " + contacts);
        }
    }

    /** The current version (last sequence number) of each contact, from the event store's own index. */
    private Map<ContactId, Long> versionsOf(List<ContactId> contactIds) {
        String[] ids = contactIds.stream().map(ContactId::toString).toArray(String[]::new);
        Map<ContactId, Long> versions = new HashMap<>();
        jdbc.sql("""
                        SELECT aggregate_identifier, max(sequence_number) AS version
                        FROM domain_event_entry WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier""").param(ids).query(rs -> {
            versions.put(ContactId.of(rs.getString(1)), rs.getLong(2));
        });
        return versions;
    }

    /**
     * A bulk write's commands, in order: each {@link AddContact} becomes the events the domain decides for a new
     * contact ({@link Contact#added}), as the domain event messages its aggregate would have applied (type, stream,
     * sequence numbers from 0, the command's metadata), published in one call per run of consecutive adds; every
     * other command is sent. The unit of work holds the published events until it prepares its commit, where the
     * event store appends the whole batch and the inline read models get it; a later command of the same batch on a
     * contact created here finds its events among those staged.
     */
    private void sendBulk(List<Object> toSend, MetaData metaData) {
        List<DomainEventMessage<?>> created = new ArrayList<>();
        for (Object command : toSend) {
            if (command instanceof AddContact add) {
                List<ContactEvent> events = Contact.added(add);
                for (int sequence = 0; sequence < events.size(); sequence++) {
                    created.add(new GenericDomainEventMessage<>(
                            CONTACT_AGGREGATE, add.contactId().toString(), sequence, events.get(sequence), metaData));
                }
            } else {
                publish(created);
                send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            }
        }
        publish(created);
    }

    private void publish(List<DomainEventMessage<?>> events) {
        if (!events.isEmpty()) {
            eventBus.publish(List.copyOf(events));
            events.clear();
        }
    }

    private void send(CommandMessage<?> command) {
        try {
            commandGateway.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw OperationRefused.notFound(
                    "contact.not-found", "contact " + e.getAggregateIdentifier() + " not found");
        }
    }

    private void retrying(Function<Integer, Object> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.apply(attempt);
                return;
            } catch (ConcurrencyException | ConcurrencyFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                retriedConflicts.incrementAndGet();
                backOff(attempt);
            }
        }
    }

    /** How many times this node has compared cached contacts' versions with the store's, since it started. */
    public long cachedContactChecks() {
        return cachedContactChecks.get();
    }

    /** How many writes this node has retried after losing a concurrency conflict, since it started. */
    public long retriedConflicts() {
        return retriedConflicts.get();
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
