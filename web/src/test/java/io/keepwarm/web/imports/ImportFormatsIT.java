package io.keepwarm.web.imports;

import static io.keepwarm.web.imports.ImportSupport.CSV;
import static io.keepwarm.web.imports.ImportSupport.VCARD;
import static io.keepwarm.web.imports.ImportSupport.commit;
import static io.keepwarm.web.imports.ImportSupport.contactNamed;
import static io.keepwarm.web.imports.ImportSupport.contacts;
import static io.keepwarm.web.imports.ImportSupport.dryRun;
import static io.keepwarm.web.imports.ImportSupport.fixture;
import static io.keepwarm.web.imports.ImportSupport.outcomes;
import static io.keepwarm.web.imports.ImportSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/imports} with a realistic file of every layout keepwarm reads (SPEC §8): the dry run's plan per
 * row, nothing appended by it; the commit's job and report; a second import of the same file appends nothing.
 */
class ImportFormatsIT extends IntegrationTest {

    @Test
    void a_dry_run_of_the_current_linkedin_export_plans_each_row_and_appends_nothing() {
        Api owner = newOwner();
        long before = eventCount();

        JsonNode plan = dryRun(owner, fixture("linkedin-connections-current.csv"), CSV, "");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(plan.get("format").asText()).isEqualTo("LinkedIn");
        // the preamble takes lines 1-3, the header line 4
        assertThat(outcomes(plan))
                .containsExactly(
                        entry(5L, "CREATE"),
                        entry(6L, "CREATE"),
                        entry(7L, "CREATE"),
                        entry(8L, "ERROR"),
                        entry(9L, "CREATE"));
        assertThat(row(plan, 6).get("displayName").asText()).isEqualTo("Jonas Fictivus");
        assertThat(row(plan, 7).get("displayName").asText()).isEqualTo("Zoë 🚀 Müller-Beispiel");
        assertThat(row(plan, 8).get("reason").asText()).contains("no name");
        assertThat(plan.get("counts").get("CREATE").asInt()).isEqualTo(4);
        assertThat(plan.get("counts").get("ERROR").asInt()).isEqualTo(1);
        assertThat(contacts(owner)).isEmpty();
    }

    @Test
    void a_committed_linkedin_import_adds_each_person_known_since_connected_on_and_a_second_import_appends_nothing() {
        Api owner = newOwner();
        byte[] file = fixture("linkedin-connections-current.csv");

        JsonNode report = commit(owner, file, CSV, "");

        assertThat(report.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("progressPercent").asDouble()).isEqualTo(100.0);
        assertThat(report.get("counts").get("CREATE").asInt()).isEqualTo(4);
        assertThat(report.get("rows"))
                .allSatisfy(row -> assertThat(row.get("done").asBoolean()).isTrue());
        JsonNode priya = contactNamed(owner, "Priya Ramanathan");
        assertThat(Instant.parse(priya.get("knownSince").asText())).isEqualTo(Instant.parse("2019-03-14T00:00:00Z"));
        assertThat(priya.get("organization").asText()).isEqualTo("Northwind Traders");
        assertThat(priya.get("role").asText()).isEqualTo("Staff Engineer");
        assertThat(priya.get("channels").get("email").asText()).isEqualTo("priya.r@example.com");
        assertThat(priya.get("channels").get("linkedin").asText())
                .isEqualTo("https://www.linkedin.com/in/priya-ramanathan-fake");
        JsonNode history = owner.get("/api/contacts/" + priya.get("contactId").asText() + "/history")
                .json();
        assertThat(history.get("items").get(0).get("summary").asText()).contains("imported from LinkedIn");

        long before = eventCount();
        JsonNode again = dryRun(owner, file, CSV, "");
        assertThat(again.get("counts").get("UNCHANGED").asInt()).isEqualTo(4);
        assertThat(again.get("counts").get("CREATE").asInt()).isZero();
        JsonNode second = commit(owner, file, CSV, "");
        assertThat(second.get("counts").get("UNCHANGED").asInt()).isEqualTo(4);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(contacts(owner)).hasSize(4);
    }

    @Test
    void a_linkedin_export_without_the_preamble_and_one_without_urls_and_with_old_dates_are_read() {
        Api owner = newOwner();

        JsonNode plain = dryRun(owner, fixture("linkedin-connections-no-preamble.csv"), CSV, "");
        assertThat(outcomes(plain)).containsExactly(entry(2L, "CREATE"), entry(3L, "CREATE"));

        JsonNode old = commit(owner, fixture("linkedin-connections-old.csv"), CSV, "");
        assertThat(outcomes(old)).containsExactly(entry(2L, "CREATE"), entry(3L, "CREATE"), entry(4L, "ERROR"));
        assertThat(Instant.parse(contactNamed(owner, "Olu Samplewright")
                        .get("knownSince")
                        .asText()))
                .isEqualTo(Instant.parse("2017-03-14T14:05:00Z"));
        assertThat(Instant.parse(contactNamed(owner, "Hanna Mustermann")
                        .get("knownSince")
                        .asText()))
                .isEqualTo(Instant.parse("2018-11-02T09:41:00Z"));
    }

    @Test
    void a_newer_linkedin_export_updates_the_people_it_matches_by_profile_and_adds_the_new_ones() {
        Api owner = newOwner();
        commit(owner, fixture("linkedin-connections-no-preamble.csv"), CSV, "");
        String moved = """
                First Name,Last Name,URL,Email Address,Company,Position,Connected On
                Aaliyah,Placeholder,https://www.linkedin.com/in/aaliyah-placeholder,,Margie's Travel,Head of Talent,05 Feb 2020
                Marco,Esempio,https://www.linkedin.com/in/marco-esempio,marco@example.net,Wide World Importers,Engineering Manager,18 Aug 2022
                Nia,Newcomer,https://www.linkedin.com/in/nia-newcomer,,Woodgrove Bank,Analyst,01 Oct 2026
                """;

        JsonNode plan = dryRun(owner, moved.getBytes(java.nio.charset.StandardCharsets.UTF_8), CSV, "");

        assertThat(outcomes(plan)).containsExactly(entry(2L, "UPDATE"), entry(3L, "UNCHANGED"), entry(4L, "CREATE"));
        assertThat(row(plan, 2).get("changes")).extracting(JsonNode::asText).containsExactly("organization", "role");
        commit(owner, moved.getBytes(java.nio.charset.StandardCharsets.UTF_8), CSV, "");
        assertThat(contactNamed(owner, "Aaliyah Placeholder")
                        .get("organization")
                        .asText())
                .isEqualTo("Margie's Travel");
    }

    @Test
    void two_contacts_with_the_name_of_a_row_are_a_reported_conflict_never_a_merge() {
        Api owner = newOwner();
        io.keepwarm.web.testsupport.Fixtures.addContact(owner, "Marco Esempio");
        io.keepwarm.web.testsupport.Fixtures.addContact(owner, "marco ésempio");
        long before = eventCount();

        JsonNode report = commit(owner, fixture("linkedin-connections-no-preamble.csv"), CSV, "");

        assertThat(row(report, 3).get("outcome").asText()).isEqualTo("ERROR");
        assertThat(row(report, 3).get("reason").asText()).startsWith("conflict: its name matches 2 contacts");
        assertThat(row(report, 2).get("outcome").asText()).isEqualTo("CREATE");
        assertThat(eventCount()).isEqualTo(before + 1); // Aaliyah's ContactAdded only
    }

    @Test
    void google_apple_outlook_and_vcard_4_files_are_read_with_their_names_channels_and_uids() {
        Api owner = newOwner();

        JsonNode google = commit(owner, fixture("google-contacts.vcf"), VCARD, "");
        assertThat(google.get("format").asText()).isEqualTo("vCard");
        assertThat(google.get("counts").get("CREATE").asInt()).isEqualTo(2);
        JsonNode lena = contactNamed(owner, "Lena Vorbild");
        assertThat(lena.get("organization").asText()).isEqualTo("Blue Yonder Airlines");
        assertThat(lena.get("role").asText()).isEqualTo("Director of Operations");
        assertThat(lena.get("city").asText()).isEqualTo("Berlin");
        assertThat(lena.get("channels").get("linkedin").asText()).isEqualTo("https://www.linkedin.com/in/lena-vorbild");
        assertThat(contactNamed(owner, "Sam Q. Example")
                        .get("channels")
                        .get("email")
                        .asText())
                .isEqualTo("sam@example.org");

        JsonNode apple = commit(owner, fixture("apple-contacts.vcf"), VCARD, "");
        assertThat(apple.get("counts").get("CREATE").asInt()).isEqualTo(2);
        JsonNode theo = contactNamed(owner, "Theo Fakeington");
        assertThat(theo.get("channels").get("email").asText()).isEqualTo("theo@example.com");
        assertThat(theo.get("channels").get("linkedin").asText())
                .isEqualTo("https://www.linkedin.com/in/theo-fakeington");
        assertThat(theo.get("city").asText()).isEqualTo("Napa");
        assertThat(contactNamed(owner, "Only A Company Inc.")
                        .get("channels")
                        .get("email")
                        .asText())
                .isEqualTo("info@example.com");

        JsonNode outlook = commit(owner, fixture("outlook-contacts.vcf"), VCARD, "");
        assertThat(outlook.get("counts").get("CREATE").asInt()).isEqualTo(2);
        JsonNode juergen = contactNamed(owner, "Jürgen Müller");
        assertThat(juergen.get("city").asText()).isEqualTo("München");
        assertThat(juergen.get("organization").asText()).isEqualTo("Fourth Coffee");

        JsonNode v4 = commit(owner, fixture("contacts-v4.vcf"), VCARD, "");
        assertThat(v4.get("counts").get("CREATE").asInt()).isEqualTo(1);

        // the UIDs are kept: a second import of each file matches every card and appends nothing
        long before = eventCount();
        for (String file :
                new String[] {"google-contacts.vcf", "apple-contacts.vcf", "outlook-contacts.vcf", "contacts-v4.vcf"}) {
            JsonNode again = dryRun(owner, fixture(file), VCARD, "");
            assertThat(again.get("counts").get("UNCHANGED").asInt())
                    .as(file)
                    .isEqualTo(again.get("rows").size());
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void keepwarms_own_contacts_and_interactions_csv_bring_people_cadences_and_history() {
        Api owner = newOwner();

        JsonNode people = commit(owner, fixture("keepwarm-contacts.csv"), CSV, "");
        assertThat(people.get("format").asText()).isEqualTo("keepwarm contacts CSV");
        assertThat(outcomes(people))
                .containsExactly(entry(2L, "CREATE"), entry(3L, "CREATE"), entry(4L, "ERROR"), entry(5L, "ERROR"));
        JsonNode grace = contactNamed(owner, "Grace Exemplar");
        JsonNode tracked =
                owner.get("/api/contacts/" + grace.get("contactId").asText()).json();
        assertThat(tracked.get("cadenceDays").asInt()).isEqualTo(60);
        assertThat(grace.get("tags")).extracting(JsonNode::asText).containsExactly("mentor", "navy");

        JsonNode touches = commit(owner, fixture("keepwarm-interactions.csv"), CSV, "");
        assertThat(touches.get("format").asText()).isEqualTo("keepwarm interactions CSV");
        assertThat(outcomes(touches))
                .containsExactly(entry(2L, "CREATE"), entry(3L, "CREATE"), entry(4L, "ERROR"), entry(5L, "ERROR"));
        grace = contactNamed(owner, "Grace Exemplar");
        JsonNode one =
                owner.get("/api/contacts/" + grace.get("contactId").asText()).json();
        assertThat(Instant.parse(one.get("lastInteractionAt").asText()))
                .isEqualTo(Instant.parse("2025-06-10T15:30:00Z"));
        assertThat(one.get("asks").asInt()).isEqualTo(1);

        long before = eventCount();
        JsonNode again = commit(owner, fixture("keepwarm-interactions.csv"), CSV, "");
        assertThat(again.get("counts").get("UNCHANGED").asInt()).isEqualTo(2);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void another_owners_import_is_not_found() {
        Api owner = newOwner();
        Api other = newOwner();
        var answer = ImportSupport.send(owner, fixture("contacts-v4.vcf"), VCARD, "dryRun=false");
        assertThat(answer.status()).isEqualTo(202);
        String location = answer.header("Location");
        ImportSupport.awaitFinished(owner, location);

        assertThat(other.get(location).status()).isEqualTo(404);
    }
}
