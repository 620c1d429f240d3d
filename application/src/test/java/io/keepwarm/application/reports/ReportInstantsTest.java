package io.keepwarm.application.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportInstantsTest {

    @Test
    void instants_are_shown_to_the_microsecond_rounded_half_up_as_postgresql_keeps_them() {
        assertThat(NetworkState.stored(Instant.parse("2026-03-01T09:30:00.123456499Z")))
                .isEqualTo(Instant.parse("2026-03-01T09:30:00.123456Z"));
        assertThat(NetworkState.stored(Instant.parse("2026-03-01T09:30:00.123456500Z")))
                .isEqualTo(Instant.parse("2026-03-01T09:30:00.123457Z"));
        assertThat(NetworkState.stored(Instant.parse("2026-03-01T09:30:59.999999999Z")))
                .isEqualTo(Instant.parse("2026-03-01T09:31:00Z"));
        assertThat(NetworkState.stored(null)).isNull();
    }
}
