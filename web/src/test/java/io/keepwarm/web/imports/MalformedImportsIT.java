package io.keepwarm.web.imports;

import static io.keepwarm.web.imports.ImportSupport.CSV;
import static io.keepwarm.web.imports.ImportSupport.VCARD;
import static io.keepwarm.web.imports.ImportSupport.commit;
import static io.keepwarm.web.imports.ImportSupport.contacts;
import static io.keepwarm.web.imports.ImportSupport.dryRun;
import static io.keepwarm.web.imports.ImportSupport.fixture;
import static io.keepwarm.web.imports.ImportSupport.outcomes;
import static io.keepwarm.web.imports.ImportSupport.row;
import static io.keepwarm.web.imports.ImportSupport.send;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Files that are not what they claim: each gets a clear whole-file problem (400 naming the body) or a per-row
 * ERROR, and appends nothing it should not.
 */
class MalformedImportsIT extends IntegrationTest {

    private static final String HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n";

    private static String message(JsonNode problem) {
        return problem.get("errors").get(0).get("message").asText();
    }

    @Test
    void a_truncated_csv_is_refused_whole_naming_where_it_breaks_off() {
        Api owner = newOwner();
        long before = eventCount();

        JsonNode problem = assertInvalid(send(owner, fixture("truncated-linkedin.csv"), CSV, "dryRun=false"), "body");

        assertThat(message(problem)).contains("truncated");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(contacts(owner)).isEmpty();
    }

    @Test
    void a_truncated_vcard_file_is_refused_whole() {
        Api owner = newOwner();
        long before = eventCount();

        JsonNode problem = assertInvalid(send(owner, fixture("truncated-contacts.vcf"), VCARD, "dryRun=false"), "body");

        assertThat(message(problem)).contains("line 6").contains("truncated");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_file_in_another_encoding_is_refused_unless_its_charset_is_named() {
        Api owner = newOwner();
        byte[] latin1 =
                (HEADER + "José,Ñúñez,,,Café Ltd,Barista,01 Jan 2024\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long before = eventCount();

        JsonNode problem = assertInvalid(send(owner, latin1, CSV, "dryRun=false"), "body");
        assertThat(message(problem)).contains("not UTF-8");
        assertThat(eventCount()).isEqualTo(before);

        JsonNode plan = dryRun(owner, latin1, "text/csv; charset=ISO-8859-1", "");
        assertThat(row(plan, 2).get("displayName").asText()).isEqualTo("José Ñúñez");
    }

    @Test
    void ten_megabytes_in_one_cell_fail_that_row_only() {
        Api owner = newOwner();
        String huge = "x".repeat(10 * 1024 * 1024);
        byte[] file = (HEADER + "Big,Cell,,,\"" + huge + "\",Engineer,01 Jan 2024\r\n"
                        + "Small,Row,,,Acme,Engineer,02 Jan 2024\r\n")
                .getBytes(StandardCharsets.UTF_8);
        long before = eventCount();

        JsonNode report = commit(owner, file, CSV, "");

        assertThat(outcomes(report)).containsExactly(entry(2L, "ERROR"), entry(3L, "CREATE"));
        assertThat(row(report, 2).get("reason").asText()).contains("organization");
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(contacts(owner)).hasSize(1);
    }

    @Test
    void a_million_empty_rows_are_refused_whole_without_reading_them_into_contacts() {
        Api owner = newOwner();
        long before = eventCount();
        byte[] bomb = (HEADER + ",,,,,,\r\n".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);

        JsonNode problem = assertInvalid(send(owner, bomb, CSV, "dryRun=false"), "body");
        assertThat(message(problem)).contains("more than 50000 rows");

        byte[] blank = (HEADER + "\r\n".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);
        JsonNode empty = assertInvalid(send(owner, blank, CSV, "dryRun=false"), "body");
        assertThat(message(empty)).contains("no rows");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_file_that_is_not_an_export_or_not_text_is_refused() {
        Api owner = newOwner();
        long before = eventCount();

        assertInvalid(send(owner, "a,b,c\r\n1,2,3\r\n".getBytes(StandardCharsets.UTF_8), CSV, ""), "body");
        assertInvalid(send(owner, "no cards here".getBytes(StandardCharsets.UTF_8), VCARD, ""), "body");
        assertInvalid(send(owner, new byte[] {'F', 0, 'N'}, CSV, ""), "body");
        assertThat(send(owner, "{}".getBytes(StandardCharsets.UTF_8), "application/json", "")
                        .status())
                .isEqualTo(415);
        assertInvalid(
                send(owner, fixture("contacts-v4.vcf"), VCARD, "dryRun=maybe&cadenceDays=0&rampPerDay=-1"),
                "dryRun",
                "cadenceDays",
                "rampPerDay");
        assertThat(eventCount()).isEqualTo(before);
    }
}
