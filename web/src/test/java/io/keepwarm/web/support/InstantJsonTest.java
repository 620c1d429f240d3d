package io.keepwarm.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's instants are written exactly as {@link Instant#toString} (and so Jackson's own serializer) wrote them. */
class InstantJsonTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z",
                "1900-02-28T23:59:59.5Z",
                "2000-02-29T12:00:00.000001Z",
                "2026-12-04T03:37:28.123456Z",
                "2026-12-04T03:37:28.120Z",
                "2026-12-04T03:37:28.100200300Z",
                "2026-12-04T03:37:28.000000001Z",
                "9999-12-31T23:59:59.999999999Z",
                // outside 0000–9999: left to Instant.toString (a sign, more digits)
                "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z",
                "-1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z"
            })
    void an_instant_reads_as_instant_to_string_writes_it(String iso) {
        Instant instant = Instant.parse(iso);

        assertThat(InstantJson.text(instant)).isEqualTo(instant.toString());
    }

    @Test
    void random_instants_of_every_precision_read_as_instant_to_string_writes_them() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(InstantJson.FIRST_SECOND - 1_000_000, InstantJson.LAST_SECOND + 1_000_000);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantJson.text(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void the_mapper_writes_the_same_json_as_jacksons_own_instant_serializer() throws Exception {
        ObjectMapper jacksons = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        ObjectMapper ours = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule().addSerializer(Instant.class, new InstantJson.Serializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        List<Instant> instants = new ArrayList<>();
        instants.add(Instant.parse("2026-12-04T03:37:28.123456Z"));
        instants.add(null);
        instants.add(Instant.parse("+10000-01-01T00:00:00Z"));
        Map<String, Object> value = Map.of("at", Instant.EPOCH, "list", instants);

        assertThat(ours.writeValueAsString(value)).isEqualTo(jacksons.writeValueAsString(value));
    }
}
