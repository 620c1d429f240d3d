package io.keepwarm.domain.contact;

import static io.keepwarm.domain.contact.ViolationMatchers.notFound;

import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.CorrectInteraction;
import io.keepwarm.domain.contact.api.ForgetContact;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.RetractInteraction;
import io.keepwarm.domain.contact.api.SetCadence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given/when/then tests of {@link ForgetContact}. */
class ForgetContactTest {

    static final OwnerId OWNER = OwnerId.of("0a000000-0000-4000-8000-000000000001");
    static final OwnerId STRANGER = OwnerId.of("0b000000-0000-4000-8000-000000000002");
    static final ContactId ID = ContactId.of("c0000000-0000-4000-8000-00000000000a");
    static final Instant ADDED_AT = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");

    private FixtureConfiguration<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
    }

    private static ContactAdded added() {
        return new ContactAdded(
                ID,
                OWNER,
                new ContactPersonalData("Ada Lovelace", null, null, null, null, Map.of()),
                ContactAttributes.none(),
                ADDED_AT);
    }

    @Test
    void forgetting_a_contact_records_that_it_was_forgotten() {
        fixture.given(added(), new CadenceSet(ID, OWNER, 21, ADDED_AT))
                .when(new ForgetContact(ID, OWNER, NOW))
                .expectEvents(new ContactForgotten(ID, OWNER, NOW));
    }

    @Test
    void forgetting_a_forgotten_contact_appends_nothing() {
        fixture.given(added(), new ContactForgotten(ID, OWNER, NOW))
                .when(new ForgetContact(ID, OWNER, NOW.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void another_owner_cannot_forget_the_contact() {
        fixture.given(added())
                .when(new ForgetContact(ID, STRANGER, NOW))
                .expectNoEvents()
                .expectException(notFound("contact.not-found"));
    }

    @Test
    void a_forgotten_contact_answers_every_other_command_as_not_found() {
        fixture.given(added(), new ContactForgotten(ID, OWNER, NOW))
                .when(new SetCadence(ID, OWNER, 30, NOW.plusSeconds(5)))
                .expectNoEvents()
                .expectException(notFound("contact.not-found"));
    }

    @Test
    void no_interaction_can_be_logged_with_a_forgotten_contact() {
        fixture.given(added(), new ContactForgotten(ID, OWNER, NOW))
                .when(new LogInteraction(
                        ID,
                        OWNER,
                        InteractionId.random(),
                        List.of(ID),
                        new InteractionRecord(NOW, Channel.CALL, InitiatedBy.ME, null, Note.of("hi")),
                        NOW))
                .expectNoEvents()
                .expectException(notFound("contact.not-found"));
    }

    static final ContactId OTHER = ContactId.of("c0000000-0000-4000-8000-00000000000b");
    static final InteractionId SHARED = InteractionId.of("d0000000-0000-4000-8000-00000000000c");
    static final InteractionRecord MET = new InteractionRecord(
            Instant.parse("2025-03-05T10:00:00Z"), Channel.CALL, InitiatedBy.ME, null, Note.of("shared secret"));

    private static InteractionLogged sharedLogged() {
        return new InteractionLogged(ID, OWNER, SHARED, List.of(ID, OTHER), MET, ADDED_AT);
    }

    @Test
    void a_forgotten_participant_answers_a_resend_of_a_shared_interaction_as_a_success() {
        fixture.given(added(), sharedLogged(), new ContactForgotten(ID, OWNER, NOW))
                .when(new LogInteraction(ID, OWNER, SHARED, List.of(ID, OTHER), MET, NOW.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_forgotten_participant_lets_the_others_correct_and_retract_a_shared_interaction() {
        fixture.given(added(), sharedLogged(), new ContactForgotten(ID, OWNER, NOW))
                .when(new CorrectInteraction(ID, OWNER, SHARED, null, Channel.VIDEO, null, null, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(added(), sharedLogged(), new ContactForgotten(ID, OWNER, NOW))
                .when(new RetractInteraction(ID, OWNER, SHARED, "wrong day", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_interaction_that_was_the_forgotten_contacts_alone_is_not_found() {
        InteractionId alone = InteractionId.random();
        fixture.given(
                        added(),
                        new InteractionLogged(ID, OWNER, alone, List.of(ID), MET, ADDED_AT),
                        new ContactForgotten(ID, OWNER, NOW))
                .when(new CorrectInteraction(ID, OWNER, alone, null, Channel.VIDEO, null, null, null, NOW))
                .expectNoEvents()
                .expectException(notFound("contact.not-found"));
    }

    @Test
    void a_resend_whose_stored_note_was_removed_with_a_participant_matches_on_every_other_field() {
        InteractionRecord removed = new InteractionRecord(
                MET.occurredAt(), MET.channel(), MET.initiatedBy(), MET.favor(), Note.REMOVED_WITH_PARTICIPANT);
        InteractionLogged stored = new InteractionLogged(ID, OWNER, SHARED, List.of(ID, OTHER), removed, ADDED_AT);
        fixture.given(added(), stored)
                .when(new LogInteraction(ID, OWNER, SHARED, List.of(ID, OTHER), MET, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        InteractionRecord otherChannel =
                new InteractionRecord(MET.occurredAt(), Channel.EMAIL, MET.initiatedBy(), MET.favor(), MET.note());
        fixture.given(added(), stored)
                .when(new LogInteraction(ID, OWNER, SHARED, List.of(ID, OTHER), otherChannel, NOW))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }
}
