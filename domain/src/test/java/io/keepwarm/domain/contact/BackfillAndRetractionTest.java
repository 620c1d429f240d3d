package io.keepwarm.domain.contact;

import static io.keepwarm.domain.contact.ContactTest.ADA_ID;
import static io.keepwarm.domain.contact.ContactTest.OWNER;
import static io.keepwarm.domain.contact.ContactTest.adaAdded;
import static io.keepwarm.domain.contact.ViolationMatchers.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.CorrectInteraction;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.RetractInteraction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "A backfilled older interaction never moves lastInteractionAt backwards; retracting the latest moves it back to
 * the one before" (SPEC §2).
 *
 * <p>lastInteractionAt itself is computed by the read side (the latest occurredAt of the non-retracted
 * interactions). The domain's share is twofold, and that is what is tested here: the aggregate accepts a backfill
 * and a retraction as the right events, and {@link GoingColdRules#assess} judges by exactly the lastInteractionAt
 * it is given.
 */
class BackfillAndRetractionTest {

    private static final Instant CADENCE_SET_AT = Instant.parse("2024-12-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-16T00:00:00Z");
    private static final InteractionId LATEST_ID = InteractionId.of("1a000000-0000-4000-8000-000000000001");
    private static final InteractionId EARLIER_ID = InteractionId.of("1a000000-0000-4000-8000-000000000002");
    private static final InteractionRecord LATEST = new InteractionRecord(
            Instant.parse("2025-03-01T00:00:00Z"), Channel.CALL, InitiatedBy.ME, Favor.NONE, null);
    private static final InteractionRecord EARLIER = new InteractionRecord(
            Instant.parse("2025-01-01T00:00:00Z"),
            Channel.IN_PERSON,
            InitiatedBy.THEM,
            Favor.GAVE,
            new Note("forgot to log the new-year drinks"));

    private FixtureConfiguration<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
    }

    private static InteractionLogged logged(InteractionId id, InteractionRecord interaction, Instant loggedAt) {
        return new InteractionLogged(ADA_ID, OWNER, id, List.of(ADA_ID), interaction, loggedAt);
    }

    @Test
    void an_interaction_older_than_the_latest_is_backfilled_as_logged() {
        fixture.given(
                        adaAdded(),
                        new CadenceSet(ADA_ID, OWNER, 30, CADENCE_SET_AT),
                        logged(LATEST_ID, LATEST, LATEST.occurredAt()))
                .when(new LogInteraction(ADA_ID, OWNER, EARLIER_ID, List.of(ADA_ID), EARLIER, NOW))
                .expectEvents(logged(EARLIER_ID, EARLIER, NOW));
    }

    @Test
    void retracting_the_latest_interaction_retracts_only_that_one() {
        fixture.given(
                        adaAdded(),
                        new CadenceSet(ADA_ID, OWNER, 30, CADENCE_SET_AT),
                        logged(LATEST_ID, LATEST, LATEST.occurredAt()),
                        logged(EARLIER_ID, EARLIER, NOW))
                .when(new RetractInteraction(ADA_ID, OWNER, LATEST_ID, "that call never happened", NOW))
                .expectEvents(
                        new InteractionRetracted(ADA_ID, OWNER, LATEST_ID, new Note("that call never happened"), NOW));
    }

    @Test
    void after_retracting_the_latest_the_one_before_still_counts_and_can_be_corrected() {
        var corrected = new InteractionRecord(
                EARLIER.occurredAt(), Channel.VIDEO, EARLIER.initiatedBy(), EARLIER.favor(), EARLIER.note());

        fixture.given(
                        adaAdded(),
                        logged(LATEST_ID, LATEST, LATEST.occurredAt()),
                        logged(EARLIER_ID, EARLIER, NOW),
                        new InteractionRetracted(ADA_ID, OWNER, LATEST_ID, null, NOW))
                .when(new CorrectInteraction(ADA_ID, OWNER, EARLIER_ID, null, Channel.VIDEO, null, null, null, NOW))
                .expectEvents(new InteractionCorrected(ADA_ID, OWNER, EARLIER_ID, EARLIER, corrected, NOW));
    }

    @Test
    void after_retracting_the_latest_the_latest_can_no_longer_be_corrected() {
        fixture.given(
                        adaAdded(),
                        logged(LATEST_ID, LATEST, LATEST.occurredAt()),
                        logged(EARLIER_ID, EARLIER, NOW),
                        new InteractionRetracted(ADA_ID, OWNER, LATEST_ID, null, NOW))
                .when(new CorrectInteraction(ADA_ID, OWNER, LATEST_ID, null, Channel.VIDEO, null, null, null, NOW))
                .expectException(conflict("interaction.retracted"))
                .expectNoEvents();
    }

    @Test
    void the_rules_judge_by_the_last_interaction_they_are_given() {
        // While the latest stands (a backfill does not change it), lastInteractionAt is 1 March: 15 of 30 days.
        GoingCold whileTheLatestStands =
                GoingColdRules.assess(new Relationship(30, CADENCE_SET_AT, LATEST.occurredAt(), 0, 1, null), NOW);
        // Once it is retracted, the read side passes the one before, 1 January: 74 of 30 days.
        GoingCold afterRetractingIt =
                GoingColdRules.assess(new Relationship(30, CADENCE_SET_AT, EARLIER.occurredAt(), 0, 1, null), NOW);

        assertThat(whileTheLatestStands.lastInteractionAt()).isEqualTo(LATEST.occurredAt());
        assertThat(whileTheLatestStands.dueAt()).isEqualTo(LATEST.occurredAt().plus(Duration.ofDays(30)));
        assertThat(whileTheLatestStands.ratio()).isEqualTo(0.5);
        assertThat(whileTheLatestStands.status()).isEqualTo(GoingColdStatus.WARM);
        assertThat(whileTheLatestStands.warmth()).isEqualTo(71);

        assertThat(afterRetractingIt.lastInteractionAt()).isEqualTo(EARLIER.occurredAt());
        assertThat(afterRetractingIt.dueAt()).isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
        assertThat(afterRetractingIt.ratio()).isEqualTo(74.0 / 30);
        assertThat(afterRetractingIt.status()).isEqualTo(GoingColdStatus.COLD);
        assertThat(afterRetractingIt.warmth()).isEqualTo(18);
    }
}
