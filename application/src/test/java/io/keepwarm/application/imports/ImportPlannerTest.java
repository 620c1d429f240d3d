package io.keepwarm.application.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static ImportFile linkedIn(int rows) {
        StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for (int i = 0; i < rows; i++) {
            // the last row is the oldest relationship
            csv.append("P,Number")
                    .append(i)
                    .append(",https://www.linkedin.com/in/p-")
                    .append(i)
                    .append(",,Co,Eng,")
                    .append(String.format("%02d Jan %d", 1 + i % 28, 2024 - i))
                    .append('\n');
        }
        return ImportFile.read(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv", null);
    }

    private static ImportPlan plan(ImportFile file, ImportOptions options) {
        return new ImportPlanner(options, List.of(), Map.of(), id -> false, NOW, UUID.randomUUID(), UUID.randomUUID())
                .plan(file);
    }

    @Test
    void the_ramp_makes_at_most_ramp_per_day_due_each_day_oldest_relationships_first() {
        ImportPlan plan = plan(linkedIn(12), new ImportOptions(30, Map.of(), List.of(), 5));

        // line 2 + i is person i; person 11 connected in 2013, the oldest
        assertThat(plan.actions().get(13L).firstDueAt()).isEqualTo(NOW);
        assertThat(plan.actions().get(13L).cadenceEffectiveFrom()).isEqualTo(Instant.parse("2013-01-12T00:00:00Z"));
        assertThat(plan.actions().get(2L).firstDueAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        long dueToday = plan.actions().values().stream()
                .filter(a -> a.firstDueAt().equals(NOW))
                .count();
        assertThat(dueToday).isEqualTo(5);
    }

    @Test
    void without_a_cadence_nothing_is_ramped_or_tracked() {
        ImportPlan plan = plan(linkedIn(3), ImportOptions.defaults());

        assertThat(plan.actions().values())
                .allSatisfy(a -> assertThat(a.cadenceDays()).isNull());
        assertThat(plan.counts().get(ImportOutcome.CREATE)).isEqualTo(3);
    }

    @Test
    void names_fold_case_diacritics_whitespace_and_emoji() {
        assertThat(Names.fold("  Zoë 🚀  Müller-Beispiel ")).isEqualTo(Names.fold("zoe muller beispiel"));
        assertThat(Names.displayName("  Jonas ", "  Fictivus  ")).isEqualTo("Jonas Fictivus");
        assertThat(Names.linkedInProfile("https://www.linkedin.com/in/Marco-Esempio/?trk=x"))
                .isEqualTo("in/marco-esempio");
        assertThat(Names.linkedInProfile("https://example.com/in/x")).isNull();
    }
}
