package io.keepwarm.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionLogTest {

    private static final ContactId ADA = ContactId.random();
    private static final OwnerId OWNER = OwnerId.random();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static InteractionRecord record(String occurredAt, Favor favor) {
        return new InteractionRecord(Instant.parse(occurredAt), Channel.CALL, InitiatedBy.ME, favor, Note.of("hi"));
    }

    private static InteractionLogged logged(InteractionId id, InteractionRecord interaction) {
        return new InteractionLogged(ADA, OWNER, id, List.of(ADA), interaction, NOW);
    }

    @Test
    void the_tally_counts_standing_interactions_after_corrections_and_never_moves_the_last_one_back() {
        InteractionLog log = new InteractionLog();
        InteractionId recent = InteractionId.random();
        InteractionId backfill = InteractionId.random();
        InteractionId asked = InteractionId.random();
        InteractionId retracted = InteractionId.random();
        log.apply(logged(recent, record("2026-05-20T10:00:00Z", Favor.GAVE)));
        log.apply(logged(backfill, record("2025-01-01T10:00:00Z", Favor.NONE)));
        log.apply(logged(asked, record("2026-05-01T10:00:00Z", Favor.NONE)));
        log.apply(new InteractionCorrected(
                ADA,
                OWNER,
                asked,
                record("2026-05-01T10:00:00Z", Favor.NONE),
                record("2026-05-02T10:00:00Z", Favor.ASKED),
                NOW));
        log.apply(logged(retracted, record("2026-05-30T10:00:00Z", Favor.ASKED)));
        log.apply(new InteractionRetracted(ADA, OWNER, retracted, Note.of("wrong person"), NOW));

        assertThat(log.tally()).isEqualTo(new InteractionTally(Instant.parse("2026-05-20T10:00:00Z"), 1, 1));
        LoggedInteraction correctedOne = log.find(asked).orElseThrow();
        assertThat(correctedOne.corrections()).isEqualTo(1);
        assertThat(correctedOne.logged().favor()).isEqualTo(Favor.NONE);
        assertThat(correctedOne.current().favor()).isEqualTo(Favor.ASKED);
        LoggedInteraction retractedOne = log.find(retracted).orElseThrow();
        assertThat(retractedOne.retracted()).isTrue();
        assertThat(retractedOne.retractionReason().text()).isEqualTo("wrong person");
        assertThat(log.all()).hasSize(4);
    }

    @Test
    void retracting_the_latest_moves_the_last_interaction_back_and_forgetting_clears_everything() {
        InteractionLog log = new InteractionLog();
        InteractionId older = InteractionId.random();
        InteractionId latest = InteractionId.random();
        log.apply(logged(older, record("2026-01-01T10:00:00Z", Favor.NONE)));
        log.apply(logged(latest, record("2026-03-01T10:00:00Z", Favor.NONE)));
        log.apply(new InteractionRetracted(ADA, OWNER, latest, null, NOW));

        assertThat(log.tally().lastInteractionAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));

        log.apply(new ContactForgotten(ADA, OWNER, NOW));
        assertThat(log.all()).isEmpty();
        assertThat(log.tally()).isEqualTo(InteractionTally.NONE);
    }
}
