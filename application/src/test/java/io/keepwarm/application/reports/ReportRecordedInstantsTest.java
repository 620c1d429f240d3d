package io.keepwarm.application.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportRecordedInstantsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-01T09:30:00.123Z",
                "2026-03-01T09:30:00Z",
                "2026-03-01T09:30:00.1Z",
                "2026-03-01T09:30:00.123456Z",
                "2026-03-01T09:30:00.123456789Z",
                "2026-03-01T10:30:00.123+01:00",
                "1969-12-31T23:59:59.999Z",
                "2024-02-29T23:59:59.000Z",
                "0001-01-01T00:00:00.000Z"
            })
    void reads_every_iso_8601_shape_as_axon_does(String text) {
        assertThat(RecordedInstants.parse(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @Test
    void reads_what_axon_writes_exactly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-5_000_000_000_000L, 10_000_000_000_000L));
            String written = DateTimeUtils.formatInstant(instant);
            assertThat(RecordedInstants.parse(written)).as(written).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T09:30:00.123Z", "2026-03-01T24:30:00.123Z", "2026-03-01T09:30:0x.123Z"})
    void rejects_what_axon_would_reject(String text) {
        assertThatThrownBy(() -> RecordedInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
