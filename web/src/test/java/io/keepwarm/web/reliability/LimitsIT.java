package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Limits: the request body size (1 MiB) and the page-size caps of every list. Write rate: {@link WriteRateLimitIT}. */
class LimitsIT extends IntegrationTest {

    private static final int MIB = 1024 * 1024;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_body_of_exactly_one_mebibyte_is_accepted_and_one_byte_more_is_413() throws Exception {
        Api owner = newOwner();
        String token = owner.token();
        long before = eventCount();

        HttpResponse<String> atLimit = post(token, padded(MIB), false);
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(before + 1);

        for (boolean chunked : List.of(false, true)) {
            HttpResponse<String> over = post(token, padded(MIB + 1), chunked);
            assertThat(over.statusCode())
                    .as("chunked: " + chunked + " " + over.body())
                    .isEqualTo(413);
            assertThat(over.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(new ObjectMapper().readTree(over.body()).get("status").asInt())
                    .isEqualTo(413);
        }
        assertThat(eventCount()).as("nothing appended by the refused bodies").isEqualTo(before + 1);
    }

    /** One cap for every list (PageLimit.MAX), said once in the README. */
    @ParameterizedTest(name = "{0}: limit {1} is served, {2} is refused")
    @CsvSource({
        "/api/contacts, 1000, 1001",
        "/api/going-cold, 1000, 1001",
        "/api/today, 1000, 1001",
        "/api/history, 1000, 1001",
        "/api/contacts/{contact}/history, 1000, 1001",
        "/api/contacts/{contact}/interactions, 1000, 1001"
    })
    void every_list_caps_its_page_size(String path, int max, int overMax) {
        Api owner = newOwner();
        String contact = owner.post("/api/contacts", Map.of("displayName", "Paged"))
                .json()
                .get("contactId")
                .asText();
        String list = path.replace("{contact}", contact);

        assertThat(owner.get(list + "?limit=" + max).status()).isEqualTo(200);
        Api.Response refused = owner.get(list + "?limit=" + overMax);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("limit");
        assertThat(error.get("message").asText()).contains(String.valueOf(max));
    }

    /** A valid contact whose JSON is padded with whitespace to exactly the given number of bytes. */
    private static byte[] padded(int size) {
        String json = "{\"displayName\": \"Padded\"}";
        return (" ".repeat(size - json.length()) + json).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String token, byte[] body, boolean chunked) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
