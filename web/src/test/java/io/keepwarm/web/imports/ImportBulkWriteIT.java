package io.keepwarm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CallerScope;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.api.AddContact;
import io.keepwarm.domain.contact.api.CadenceStart;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.SnoozeContact;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An import's bulk write appends a created contact's events without a command per contact (ADR 0029): what it
 * appends must be what the aggregate's creation handler would have appended for the same command, event by event,
 * and a chunk stays all or nothing.
 */
class ImportBulkWriteIT extends IntegrationTest {

    @Autowired
    ContactCommands commands;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    EventStore eventStore;

    @Test
    void a_created_contact_appends_what_its_command_would_have_event_by_event() {
        Caller caller = callerOf(newOwner());
        Map<String, String> importMetadata = Map.of(
                EventStoreConfiguration.IMPORT_ID,
                UUID.randomUUID().toString(),
                EventStoreConfiguration.IMPORT_SOURCE,
                "LinkedIn");
        ContactId bulk = ContactId.random();
        ContactId viaCommand = ContactId.random();
        AtomicReference<Instant> at = new AtomicReference<>();

        ContactCommands.Outcome outcome = CallerScope.run(
                caller,
                () -> commands.writeBatch(
                        List.of(bulk),
                        importMetadata,
                        (owner, now) -> {
                            at.set(now);
                            return List.of(add(bulk, owner, now));
                        },
                        versions -> {}));
        assertThat(outcome.versionOf(bulk)).isEqualTo(1);
        assertThat(outcome.changed()).isTrue();
        MetaData commandMetadata = MetaData.from(importMetadata)
                .and(EventStoreConfiguration.OWNER_ID, caller.ownerId().toString())
                .and(EventStoreConfiguration.ACTOR_ID, caller.actorId().toString())
                .and(EventStoreConfiguration.CORRELATION_ID, caller.correlationId());
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(add(viaCommand, caller.ownerId(), at.get()))
                .andMetaData(commandMetadata));

        List<? extends DomainEventMessage<?>> appended = events(bulk);
        List<? extends DomainEventMessage<?>> expected = events(viaCommand);
        assertThat(appended).hasSize(2).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            DomainEventMessage<?> got = appended.get(i);
            DomainEventMessage<?> want = expected.get(i);
            assertThat(got.getType()).as("aggregate type of event %d", i).isEqualTo(want.getType());
            assertThat(got.getAggregateIdentifier()).isEqualTo(bulk.toString());
            assertThat(got.getSequenceNumber()).as("sequence of event %d", i).isEqualTo(want.getSequenceNumber());
            assertThat(got.getPayloadType()).isEqualTo(want.getPayloadType());
            assertThat(got.getPayload().toString().replace(bulk.toString(), viaCommand.toString()))
                    .as("payload of event %d", i)
                    .isEqualTo(want.getPayload().toString());
            assertThat(got.getMetaData()).as("metadata of event %d", i).isEqualTo(want.getMetaData());
        }
        // and the inline read models hold the same rows for both
        for (String table : List.of("contact_view", "going_cold")) {
            assertThat(row(table, bulk)).as(table).isNotNull().isEqualTo(row(table, viaCommand));
        }
        assertThat(historyEntries(bulk)).isEqualTo(historyEntries(viaCommand)).isEqualTo(2);
    }

    @Test
    void a_chunk_with_a_refused_created_contact_appends_nothing_and_the_rest_then_go_in() {
        Caller caller = callerOf(newOwner());
        ContactId good = ContactId.random();
        ContactId nameless = ContactId.random();
        long before = eventCount();

        assertThatThrownBy(() -> CallerScope.run(
                        caller,
                        () -> commands.writeBatch(
                                List.of(good, nameless),
                                Map.of(),
                                (owner, now) -> List.of(
                                        add(good, owner, now),
                                        new AddContact(
                                                nameless, owner, personal(" "), attributes(), null, cadence(now), now)),
                                versions -> {})))
                .isInstanceOf(DomainRuleViolation.class);
        assertThat(eventCount()).as("nothing of the chunk").isEqualTo(before);
        assertThat(row("contact_view", good)).isNull();
        assertThat(row("going_cold", good)).isNull();

        CallerScope.run(
                caller,
                () -> commands.writeBatch(
                        List.of(good), Map.of(), (owner, now) -> List.of(add(good, owner, now)), versions -> {}));
        assertThat(events(good)).hasSize(2);
        assertThat(eventCount()).isEqualTo(before + 2);
        assertThat(row("going_cold", good)).isNotNull();
    }

    @Test
    void a_command_after_a_created_contact_in_the_same_chunk_finds_it() {
        Caller caller = callerOf(newOwner());
        ContactId snoozed = ContactId.random();
        Instant until = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.SECONDS);

        ContactCommands.Outcome outcome = CallerScope.run(
                caller,
                () -> commands.writeBatch(
                        List.of(snoozed),
                        Map.of(),
                        (owner, now) ->
                                List.of(add(snoozed, owner, now), new SnoozeContact(snoozed, owner, until, now)),
                        versions -> {}));

        assertThat(outcome.versionOf(snoozed)).isEqualTo(2);
        assertThat(events(snoozed).stream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
        assertThat(jdbc.queryForObject(
                        "SELECT snoozed_until IS NOT NULL FROM going_cold WHERE contact_id = ?",
                        Boolean.class,
                        snoozed.value()))
                .isTrue();
    }

    private static AddContact add(ContactId contactId, OwnerId owner, Instant at) {
        return new AddContact(
                contactId,
                owner,
                personal("  Ada   Lovelace "),
                attributes(),
                at.minus(Duration.ofDays(400)),
                cadence(at),
                at);
    }

    private static ContactPersonalData personal(String name) {
        return new ContactPersonalData(name, "met at a conference", "Analytical Engines", "Analyst", "London", null);
    }

    private static ContactAttributes attributes() {
        return new ContactAttributes("GB", "Europe/London", List.of("work", "Maths", "work"));
    }

    private static CadenceStart cadence(Instant at) {
        return new CadenceStart(30, at.minus(Duration.ofDays(10)), at.plus(Duration.ofDays(3)));
    }

    private List<? extends DomainEventMessage<?>> events(ContactId contactId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(contactId.toString()).forEachRemaining(events::add);
        return events;
    }

    private String row(String table, ContactId contactId) {
        List<String> rows = jdbc.queryForList(
                "SELECT (to_jsonb(t) - 'contact_id')::text FROM " + table + " t WHERE contact_id = ?",
                String.class,
                contactId.value());
        return rows.isEmpty() ? null : rows.get(0);
    }

    private int historyEntries(ContactId contactId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM history_entry WHERE contact_id = ?", Integer.class, contactId.value());
        return count == null ? 0 : count;
    }

    private static Caller callerOf(Api owner) {
        UUID userId = UUID.fromString(owner.get("/api/me").json().get("userId").asText());
        return new Caller(new OwnerId(userId), userId, "bulk-write-" + UUID.randomUUID());
    }
}
