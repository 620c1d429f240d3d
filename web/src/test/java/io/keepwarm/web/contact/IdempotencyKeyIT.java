package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/contacts} with an {@code Idempotency-Key}: the same key and body again answer the first response
 * and append nothing; the same key with another body is 409; keys are per owner; concurrent duplicates add once.
 */
class IdempotencyKeyIT extends IntegrationTest {

    private static final String KEY = "Idempotency-Key";

    @Test
    void the_same_key_and_body_again_answer_the_first_response_and_append_nothing() {
        Api owner = newOwner();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("displayName", "Ada Lovelace", "city", "London", "tags", List.of("math"));

        Api.Response first = owner.with(KEY, key).post("/api/contacts", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long after = eventCount();

        // The same content with other whitespace and key order is the same body.
        Api.Response again = owner.with(KEY, key)
                .send(
                        "POST",
                        "/api/contacts",
                        "{ \"tags\": [\"math\"], \"city\": \"London\",\n \"displayName\": \"Ada Lovelace\" }",
                        "application/json");

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount()).isEqualTo(after);
        assertThat(owner.get("/api/contacts").json().path("items")).hasSize(1);
    }

    @Test
    void the_same_key_with_another_body_is_a_409_and_appends_nothing() {
        Api owner = newOwner();
        String key = UUID.randomUUID().toString();
        assertThat(owner.with(KEY, key)
                        .post("/api/contacts", Map.of("displayName", "Grace Hopper"))
                        .status())
                .isEqualTo(201);
        long before = eventCount();

        Api.Response other = owner.with(KEY, key).post("/api/contacts", Map.of("displayName", "Grace Murray Hopper"));

        assertThat(assertProblem(other, 409).path("code").asText()).isEqualTo("idempotency-key.reused");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void keys_are_per_owner_and_a_new_key_adds_a_new_contact() {
        Api ada = newOwner();
        Api bob = newOwner();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("displayName", "Same Name");

        Api.Response adas = ada.with(KEY, key).post("/api/contacts", body);
        Api.Response bobs = bob.with(KEY, key).post("/api/contacts", body);
        Api.Response adasSecond = ada.with(KEY, UUID.randomUUID().toString()).post("/api/contacts", body);

        assertThat(List.of(adas.status(), bobs.status(), adasSecond.status())).containsOnly(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(bobs.json().path("contactId")).isNotEqualTo(adas.json().path("contactId"));
        assertThat(adasSecond.json().path("contactId")).isNotEqualTo(adas.json().path("contactId"));
        assertThat(ada.get("/api/contacts").json().path("items")).hasSize(2);
    }

    @Test
    void concurrent_requests_with_one_key_add_one_contact_and_all_answer_it() throws Exception {
        Api owner = newOwner();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("displayName", "Katherine Johnson");
        int clients = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<Api.Response> send = () -> {
                    go.await();
                    return owner.with(KEY, key).post("/api/contacts", body);
                };
                answers.add(pool.submit(send));
            }
            go.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                ids.add(response.json().path("contactId").asText());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(owner.get("/api/contacts").json().path("items")).hasSize(1);
        Long rows =
                jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void a_key_that_is_not_visible_ascii_or_too_long_is_a_400_naming_the_header() {
        Api owner = newOwner();
        long before = eventCount();

        assertInvalid(owner.with(KEY, "x".repeat(256)).post("/api/contacts", Map.of("displayName", "A")), KEY);
        assertInvalid(owner.with(KEY, "two words").post("/api/contacts", Map.of("displayName", "A")), KEY);

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_rejected_request_does_not_use_up_its_key() {
        Api owner = newOwner();
        String key = UUID.randomUUID().toString();

        assertInvalid(owner.with(KEY, key).post("/api/contacts", Map.of("displayName", "")), "displayName");
        Api.Response fixed = owner.with(KEY, key).post("/api/contacts", Map.of("displayName", "Mary Jackson"));

        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void forgetting_the_contact_deletes_its_key() {
        Api owner = newOwner();
        String key = UUID.randomUUID().toString();
        String id = owner.with(KEY, key)
                .post("/api/contacts", Map.of("displayName", "Annie Easley"))
                .json()
                .path("contactId")
                .asText();

        assertThat(owner.delete("/api/contacts/" + id).status()).isEqualTo(204);

        Long rows =
                jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key);
        assertThat(rows).isZero();
    }
}
