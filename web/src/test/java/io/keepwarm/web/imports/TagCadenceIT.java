package io.keepwarm.web.imports;

import static io.keepwarm.web.imports.ImportSupport.CSV;
import static io.keepwarm.web.imports.ImportSupport.commit;
import static io.keepwarm.web.imports.ImportSupport.dryRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Fixtures;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cadences by tag on import (SPEC §8, {@code tagCadence=tag:days}), end to end: a row's own cadence wins, else the
 * shortest cadence of its tags (the file's, the import's {@code tags=} and, for a contact already in keepwarm, the
 * ones it has), else {@code cadenceDays}; the contacts it starts tracking are ramped like any others, and the
 * going-cold view shows each contact with its cadence.
 */
class TagCadenceIT extends IntegrationTest {

    private static final String FILE = """
            displayName,email,tags,knownSince,cadenceDays
            Mentor Alumna,mentor.alumna@example.com,mentor;alumni,2016-01-01,
            Only Alumnus,only.alumnus@example.com,alumni,2017-01-01,
            Untagged Person,untagged@example.com,,2018-01-01,
            Own Cadence,own@example.com,mentor,2019-01-01,7
            Existing Mentor,existing@example.com,,,
            """;

    @Test
    void each_contact_gets_its_own_cadence_else_its_tags_shortest_else_the_imports_and_is_ramped() {
        Api owner = newOwner();
        // already in keepwarm, tagged mentor, not tracked: the file names it without tags
        String existing = Fixtures.addContact(
                owner,
                Map.of(
                        "displayName",
                        "Existing Mentor",
                        "tags",
                        List.of("mentor"),
                        "channels",
                        Map.of("email", "existing@example.com"),
                        "knownSince",
                        "2015-01-01T00:00:00Z"));
        String query = "tagCadence=mentor:21&tagCadence=alumni:180&cadenceDays=60&rampPerDay=1";
        byte[] file = FILE.getBytes(StandardCharsets.UTF_8);

        JsonNode plan = dryRun(owner, file, CSV, query);
        assertThat(ImportSupport.outcomes(plan).values())
                .containsExactly("CREATE", "CREATE", "CREATE", "CREATE", "UPDATE");
        assertThat(ImportSupport.row(plan, 6).get("changes").toString()).isEqualTo("[\"cadence\"]");

        Instant committedAt = Instant.now();
        JsonNode report = commit(owner, file, CSV, query);
        assertThat(report.get("counts").get("ERROR").asInt()).isZero();

        String all = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=100&at=2999-01-01T00:00:00Z";
        Map<String, JsonNode> rows = new HashMap<>();
        owner.get(all)
                .json()
                .get("items")
                .forEach(row -> rows.put(row.get("displayName").asText(), row));
        assertThat(rows).hasSize(5);
        assertThat(rows.get("Mentor Alumna").get("cadenceDays").asInt())
                .as("the shortest of its tags")
                .isEqualTo(21);
        assertThat(rows.get("Only Alumnus").get("cadenceDays").asInt()).isEqualTo(180);
        assertThat(rows.get("Untagged Person").get("cadenceDays").asInt())
                .as("no tag with a cadence: the import's")
                .isEqualTo(60);
        assertThat(rows.get("Own Cadence").get("cadenceDays").asInt())
                .as("the row's own")
                .isEqualTo(7);
        assertThat(rows.get("Existing Mentor").get("cadenceDays").asInt())
                .as("the tag it already had")
                .isEqualTo(21);
        assertThat(owner.get("/api/contacts/" + existing)
                        .json()
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(21);

        // never contacted, so ramped one a day, the oldest relationship first: Existing Mentor (2015) due now,
        // Mentor Alumna (2016) tomorrow, … Own Cadence (2019) in four days
        List<String> oldestFirst =
                List.of("Existing Mentor", "Mentor Alumna", "Only Alumnus", "Untagged Person", "Own Cadence");
        for (int day = 0; day < oldestFirst.size(); day++) {
            Instant dueAt =
                    Instant.parse(rows.get(oldestFirst.get(day)).get("dueAt").asText());
            assertThat(dueAt)
                    .as("%s due on day %d", oldestFirst.get(day), day)
                    .isBetween(
                            committedAt.plus(Duration.ofDays(day)).minusSeconds(5),
                            Instant.now().plus(Duration.ofDays(day)).plusSeconds(5));
        }

        // tags given to the whole import count too, and a second import of the same file appends nothing
        JsonNode tagged = dryRun(
                owner,
                "displayName,email\nConference Friend,conf@example.com\n".getBytes(StandardCharsets.UTF_8),
                CSV,
                "tags=conference&tagCadence=conference:90&cadenceDays=60");
        assertThat(ImportSupport.row(tagged, 2).get("changes").toString()).contains("tags", "cadence");
        long events = eventCount();
        JsonNode again = commit(owner, file, CSV, query);
        assertThat(again.get("counts").get("UNCHANGED").asInt()).isEqualTo(5);
        assertThat(eventCount()).isEqualTo(events);
        JsonNode conference = commit(
                owner,
                "displayName,email\nConference Friend,conf@example.com\n".getBytes(StandardCharsets.UTF_8),
                CSV,
                "tags=conference&tagCadence=conference:90&cadenceDays=60");
        assertThat(conference.get("counts").get("CREATE").asInt()).isEqualTo(1);
        assertThat(ImportSupport.contactNamed(owner, "Conference Friend")
                        .get("cadenceDays")
                        .asInt())
                .isEqualTo(90);
    }
}
