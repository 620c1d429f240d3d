package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredInstantsTest {

    private final ObjectMapper mapper = StoredMessageMapper.create();

    record Stamped(Instant at) {}

    @Test
    void every_shape_instant_to_string_writes_reads_back_exactly() throws Exception {
        for (Instant instant : List.of(
                Instant.parse("2026-03-01T09:30:00Z"),
                Instant.parse("2026-03-01T09:30:00.100Z"),
                Instant.parse("2026-03-01T09:30:00.123Z"),
                Instant.parse("2024-02-29T23:59:59.123456Z"),
                Instant.parse("1970-01-01T00:00:00.000000001Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"))) {
            assertThat(StoredInstants.parse(instant.toString())).isEqualTo(instant);
            assertThat(mapper.readValue(mapper.writeValueAsString(new Stamped(instant)), Stamped.class)
                            .at())
                    .isEqualTo(instant);
        }
    }

    @Test
    void other_shapes_are_left_to_jacksons_parser_and_read_as_before() throws Exception {
        for (String text : List.of(
                "2026-03-01T10:30:00+01:00",
                "2026-03-01T09:30:00.Z",
                "+10000-01-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-03-01T24:00:00Z",
                "2026-03-01 09:30:00Z",
                "2026-03-01T09:30:00.1234567890Z")) {
            assertThat(StoredInstants.parse(text)).as(text).isNull();
        }
        assertThat(mapper.readValue("{\"at\":\"2026-03-01T10:30:00+01:00\"}", Stamped.class)
                        .at())
                .isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(mapper.readValue("{\"at\":1772357400.5}", Stamped.class).at())
                .isEqualTo(Instant.ofEpochSecond(1772357400, 500_000_000));
        assertThat(mapper.readValue("{\"at\":null}", Stamped.class).at()).isNull();
    }
}
