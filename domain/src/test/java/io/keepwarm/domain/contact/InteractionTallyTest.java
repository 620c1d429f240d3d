package io.keepwarm.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.domain.contact.api.Favor;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionTallyTest {

    private static final Instant EARLY = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-02-01T10:00:00Z");

    @Test
    void a_backfilled_touch_never_moves_the_latest_back_and_each_favour_counts_once() {
        InteractionTally tally = InteractionTally.NONE
                .plus(LATE, Favor.ASKED)
                .plus(EARLY, Favor.GAVE)
                .plus(EARLY, Favor.NONE);

        assertThat(tally).isEqualTo(new InteractionTally(LATE, 1, 1));
    }

    @Test
    void the_favours_set_based_sql_binds_are_read_off_the_fold() {
        assertThat(InteractionTally.asking()).isEqualTo(Set.of(Favor.ASKED));
        assertThat(InteractionTally.giving()).isEqualTo(Set.of(Favor.GAVE));
    }
}
