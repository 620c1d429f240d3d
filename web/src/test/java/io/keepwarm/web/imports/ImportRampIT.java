package io.keepwarm.web.imports;

import static io.keepwarm.web.imports.ImportSupport.CSV;
import static io.keepwarm.web.imports.ImportSupport.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The import's ramp (SPEC §8): 500 never-contacted contacts imported with a cadence and {@code rampPerDay=5} become
 * due at most five a day, oldest relationships first, instead of all at once.
 */
class ImportRampIT extends IntegrationTest {

    @Test
    void five_hundred_imported_contacts_become_due_at_most_five_a_day_oldest_first() {
        Api owner = newOwner();
        StringBuilder csv =
                new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);
        for (int i = 0; i < 500; i++) {
            // person i connected i days after 2020-01-01: person 0 is the oldest relationship
            csv.append("Ramp,Person")
                    .append(i)
                    .append(",https://www.linkedin.com/in/ramp-person-")
                    .append(i)
                    .append(",,Example,Engineer,")
                    .append(LocalDate.of(2020, 1, 1).plusDays(i).format(day))
                    .append("\r\n");
        }
        Instant start = Instant.now();
        JsonNode report =
                commit(owner, csv.toString().getBytes(StandardCharsets.UTF_8), CSV, "cadenceDays=30&rampPerDay=5");
        assertThat(report.get("counts").get("CREATE").asInt()).isEqualTo(500);
        ImportSupport.awaitGoingCold(owner, 500);

        Set<String> due = new HashSet<>();
        for (int d = 0; d <= 100; d++) {
            Instant at = start.plus(Duration.ofDays(d)).plus(Duration.ofHours(1));
            JsonNode view = owner.get("/api/going-cold?status=OVERDUE,COLD&limit=1000&at=" + at)
                    .json();
            Set<String> now = new HashSet<>();
            view.get("items").forEach(row -> now.add(row.get("displayName").asText()));
            Set<String> newlyDue = new HashSet<>(now);
            newlyDue.removeAll(due);
            assertThat(newlyDue).as("newly due on day %d", d).hasSizeLessThanOrEqualTo(5);
            if (d < 100) {
                assertThat(newlyDue)
                        .as(
                                "newly due on day %d (view at %s: %s)",
                                d,
                                at,
                                owner.get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=2&at=" + at)
                                        .body())
                        .hasSize(5);
            }
            if (d == 0) {
                assertThat(newlyDue)
                        .containsExactlyInAnyOrder(
                                "Ramp Person0", "Ramp Person1", "Ramp Person2", "Ramp Person3", "Ramp Person4");
            }
            due.addAll(now);
        }
        assertThat(due).hasSize(500);
        JsonNode today = owner.get("/api/going-cold?limit=1000&status=WARM,DUE_SOON,OVERDUE,COLD")
                .json();
        assertThat(today.get("items"))
                .allSatisfy(row ->
                        assertThat(row.get("ratio").decimalValue().signum()).isGreaterThanOrEqualTo(0));
    }
}
