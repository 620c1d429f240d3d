package io.keepwarm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sending import files and waiting for their jobs, for the import tests. */
final class ImportSupport {

    static final String CSV = "text/csv";
    static final String VCARD = "text/vcard";

    private ImportSupport() {}

    /** A file of {@code web/src/test/resources/imports/}. */
    static byte[] fixture(String name) {
        try (InputStream in = ImportSupport.class.getResourceAsStream("/imports/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Api.Response send(Api owner, byte[] file, String type, String query) {
        return owner.send("POST", "/api/imports" + (query.isEmpty() ? "" : "?" + query), file, type);
    }

    /** The dry run's plan (200). */
    static JsonNode dryRun(Api owner, byte[] file, String type, String query) {
        Api.Response answer = send(owner, file, type, query);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    /** Commits the file (202, Location) and waits until its job has finished; answers the job's last status. */
    static JsonNode commit(Api owner, byte[] file, String type, String query) {
        Api.Response answer = send(owner, file, type, "dryRun=false" + (query.isEmpty() ? "" : "&" + query));
        assertThat(answer.status()).as("%s", answer).isEqualTo(202);
        String location = answer.header("Location");
        assertThat(location).startsWith("/api/imports/");
        return awaitFinished(owner, location);
    }

    static JsonNode awaitFinished(Api owner, String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            Api.Response status = owner.get(location);
            assertThat(status.status()).as("%s", status).isEqualTo(200);
            String state = status.json().get("state").asText();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return status.json();
            }
            assertThat(Instant.now()).as("import %s still %s", location, state).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until the going-cold view (every status, far in the future) holds {@code contacts} rows. */
    static void awaitGoingCold(Api owner, int contacts) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String all = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000&at=2999-01-01T00:00:00Z";
        while (owner.get(all).json().get("items").size() < contacts) {
            assertThat(Instant.now())
                    .as("going-cold shows %d contacts", contacts)
                    .isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Line → outcome, in file order. */
    static Map<Long, String> outcomes(JsonNode planOrReport) {
        Map<Long, String> outcomes = new LinkedHashMap<>();
        planOrReport
                .get("rows")
                .forEach(row -> outcomes.put(
                        row.get("line").asLong(), row.get("outcome").asText()));
        return outcomes;
    }

    static JsonNode row(JsonNode planOrReport, long line) {
        for (JsonNode row : planOrReport.get("rows")) {
            if (row.get("line").asLong() == line) {
                return row;
            }
        }
        throw new AssertionError("no row for line " + line + " in " + planOrReport);
    }

    static List<JsonNode> contacts(Api owner) {
        Api.Response list = owner.get("/api/contacts?limit=200");
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        list.json().get("items").forEach(items::add);
        return items;
    }

    static JsonNode contactNamed(Api owner, String displayName) {
        return contacts(owner).stream()
                .filter(c -> c.get("displayName").asText().equals(displayName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contact " + displayName + " in " + contacts(owner)));
    }
}
