package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Per-user write rate limiting: past {@code keepwarm.rate-limit.writes-per-minute} (5 here, 600 by default) a
 * user's writes get 429 with {@code Retry-After}; reads and other users are unaffected. Its own application
 * context (closed afterwards), so the other tests keep the generous default.
 */
@SpringBootTest(
        classes = KeepwarmApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "keepwarm.rate-limit.writes-per-minute=5")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WriteRateLimitIT extends IntegrationTest {

    private static final int ALLOWANCE = 5;

    @Test
    void writes_past_the_allowance_get_429_with_retry_after_and_append_nothing() {
        Api owner = newOwner();
        List<Integer> statuses = new ArrayList<>();
        Api.Response limited = null;
        long eventsBeforeLimit = 0;
        // The bucket refills one write every 12 s, so a slow machine may see one extra write pass; not more.
        for (int attempt = 0; attempt < ALLOWANCE + 3 && limited == null; attempt++) {
            eventsBeforeLimit = eventCount();
            Api.Response response = owner.post("/api/contacts", Map.of("displayName", "Write " + attempt));
            statuses.add(response.status());
            if (response.status() == 429) {
                limited = response;
            }
        }

        assertThat(statuses.subList(0, ALLOWANCE)).as("the allowance").containsOnly(201);
        assertThat(limited)
                .as("a 429 after the allowance, statuses " + statuses)
                .isNotNull();
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);
        assertThat(limited.json().path("instance").asText()).isEqualTo("/api/contacts");
        assertThat(limited.json().get("code").asText()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(eventCount()).as("the refused write appended nothing").isEqualTo(eventsBeforeLimit);
    }

    @Test
    void a_limited_user_can_still_read_and_other_users_can_still_write() {
        Api owner = newOwner();
        int writes = 0;
        while (owner.post("/api/contacts", Map.of("displayName", "Busy")).status() != 429) {
            assertThat(++writes).as("writes before the limit").isLessThan(ALLOWANCE + 3);
        }
        assertThat(owner.put("/api/contacts/" + java.util.UUID.randomUUID() + "/cadence", Map.of("everyDays", 7))
                        .status())
                .as("every write method counts")
                .isEqualTo(429);

        assertThat(owner.get("/api/contacts").status()).isEqualTo(200);
        assertThat(owner.get("/api/going-cold").status()).isEqualTo(200);
        assertThat(newOwner()
                        .post("/api/contacts", Map.of("displayName", "Unaffected"))
                        .status())
                .isEqualTo(201);
    }
}
