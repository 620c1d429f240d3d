package io.keepwarm.web.goingcold;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/going-cold} pages like every other list: an opaque cursor, and how many rows match (issue 12). */
class GoingColdPagingIT extends IntegrationTest {

    private static final String ALL = "/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD";

    @Test
    void paging_through_the_view_gives_every_row_once_in_the_views_order_with_the_total_on_every_page() {
        Api owner = newOwner();
        Instant now = Instant.now();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // ties: every third shares a cadence and a last touch, and some share a name as well
            String name = "Paged " + (char) ('A' + (i % 7)) + " " + (i % 5 == 0 ? "same" : i);
            names.add(name);
            String id = owner.post("/api/contacts", Map.of("displayName", name))
                    .json()
                    .get("contactId")
                    .asText();
            owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", i % 2 == 0 ? 21 : 60));
            if (i % 4 != 3) {
                log(
                        owner,
                        id,
                        now.minus(Duration.ofDays(i % 3 == 0 ? 30 : i * 2L))
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
        }
        JsonNode everything = owner.get(ALL + "&limit=1000").json();
        List<String> expected = everything.get("items").findValuesAsText("contactId");
        assertThat(expected).hasSize(23);
        assertThat(everything.get("total").asLong()).isEqualTo(23);
        assertThat(everything.get("nextCursor").isNull()).isTrue();

        List<String> paged = new ArrayList<>();
        String cursor = null;
        String at = null;
        int pages = 0;
        do {
            JsonNode page = owner.get(ALL + "&limit=4" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            assertThat(page.get("total").asLong()).as("total on page " + pages).isEqualTo(23);
            if (at == null) {
                at = page.get("at").asText();
            } else {
                assertThat(page.get("at").asText())
                        .as("every page ranks at the first page's instant")
                        .isEqualTo(at);
            }
            paged.addAll(page.get("items").findValuesAsText("contactId"));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            if (cursor != null) {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
                for (String name : names) {
                    assertThat(decoded).as("a cursor carries no name").doesNotContain(name, "Paged");
                }
            }
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(pages).isEqualTo(6);
        assertThat(paged).isEqualTo(expected);
        assertThat(new HashSet<>(paged)).hasSize(23);
    }

    @Test
    void the_total_counts_what_the_filters_match_and_a_short_view_has_no_cursor() {
        Api owner = newOwner();
        for (int i = 0; i < 5; i++) {
            String id = owner.post("/api/contacts", Map.of("displayName", "Due " + i, "city", i < 3 ? "Oslo" : "Rome"))
                    .json()
                    .get("contactId")
                    .asText();
            owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", 21));
        }
        JsonNode oslo = owner.get("/api/going-cold?city=Oslo&limit=2").json();
        assertThat(oslo.get("total").asLong()).isEqualTo(3);
        assertThat(oslo.get("items")).hasSize(2);
        JsonNode rest = owner.get("/api/going-cold?city=Oslo&limit=2&cursor="
                        + oslo.get("nextCursor").asText())
                .json();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(owner.get("/api/going-cold?status=WARM").json().get("total").asLong())
                .isZero();
    }

    @Test
    void a_cursor_that_this_api_did_not_issue_is_a_400() {
        Api owner = newOwner();
        var bad = owner.get("/api/going-cold?cursor=bm90LWEtY3Vyc29y");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");
    }

    private static void log(Api owner, String contactId, Instant occurredAt) {
        var logged = owner.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        UUID.randomUUID().toString(),
                        "contactIds",
                        List.of(contactId),
                        "occurredAt",
                        occurredAt.toString(),
                        "channel",
                        "CALL",
                        "initiatedBy",
                        "ME"));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
    }
}
