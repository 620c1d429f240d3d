package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input: every request of the corpus in {@code hostile-requests.json} (kept as data) gets a 4xx RFC 9457
 * problem response — never a 5xx — and appends no event. Unicode text round-trips exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(.):(\\d+)}}");
    private static final Pattern CONTACTS = Pattern.compile("\"\\{\\{contacts:(\\d+)}}\"");

    private String ownerToken;
    private String userToken;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final List<String> contacts = new ArrayList<>();

    /** An owner with 51 contacts (one with a cadence and an interaction), an archived one, and a stranger's. */
    @BeforeAll
    void anOwnerWithContacts() {
        Api admin = new Api(port, TestDatabase.ADMIN_TOKEN);
        ownerToken = token(admin);
        userToken = token(admin);
        Api owner = admin.as(ownerToken);
        for (int i = 0; i < 51; i++) {
            contacts.add(created(owner.post("/api/contacts", Map.of("displayName", "Contact " + i))));
        }
        String contact = contacts.get(0);
        assertThat(owner.put("/api/contacts/" + contact + "/cadence", Map.of("everyDays", 30))
                        .status())
                .isEqualTo(200);
        String archived = created(owner.post("/api/contacts", Map.of("displayName", "Archived")));
        assertThat(owner.post("/api/contacts/" + archived + "/archive", null).status())
                .isEqualTo(200);
        String stranger = created(admin.as(userToken).post("/api/contacts", Map.of("displayName", "Someone else's")));
        String interaction = UUID.randomUUID().toString();
        assertThat(owner.post(
                                "/api/interactions",
                                Map.of(
                                        "interactionId",
                                        interaction,
                                        "contactIds",
                                        List.of(contact),
                                        "occurredAt",
                                        "2026-01-15T12:00:00Z",
                                        "channel",
                                        "CALL",
                                        "initiatedBy",
                                        "ME"))
                        .status())
                .isEqualTo(201);
        placeholders.put("{{contact}}", contact);
        placeholders.put("{{archived}}", archived);
        placeholders.put("{{stranger}}", stranger);
        placeholders.put("{{interaction}}", interaction);
    }

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile-requests.json")) {
            JsonNode requests = JSON.readTree(in).get("requests");
            List<Arguments> cases = new ArrayList<>();
            requests.forEach(
                    request -> cases.add(Arguments.of(request.get("name").asText(), request)));
            return cases.stream();
        }
    }

    @Test
    void the_corpus_holds_at_least_sixty_hostile_requests() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void a_hostile_request_gets_a_4xx_problem_and_appends_nothing(String name, JsonNode request) {
        long before = eventCount();

        HttpResponse<String> response = send(request);

        String expect = request.get("expect").asText();
        int status = response.statusCode();
        String answer =
                status + " " + response.headers().firstValue("Content-Type").orElse("(no content type)") + " "
                        + abbreviate(response.body());
        if (expect.equals("4xx")) {
            assertThat(status).as(answer).isBetween(400, 499);
        } else {
            assertThat(status).as(answer).isEqualTo(Integer.parseInt(expect));
        }
        assertThat(response.headers().firstValue("Content-Type")).as(answer).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        JsonNode problem = parse(response.body(), answer);
        assertThat(problem.path("status").asInt())
                .as("the problem's status field: " + answer)
                .isEqualTo(status);
        assertThat(problem.path("type").asText())
                .as("the problem's type: " + answer)
                .isNotEmpty();
        assertThat(problem.path("title").asText())
                .as("the problem's title: " + answer)
                .isNotEmpty();
        assertThat(eventCount()).as("events appended by: " + name).isEqualTo(before);
    }

    @Test
    void unicode_names_and_notes_round_trip_exactly() {
        Api owner = api.as(ownerToken);
        List<String> names = List.of(
                "张伟",
                "محمد بن عبد الله",
                "👩🏽‍💻 Ada 🚀",
                "Zoë Ångström-Ørsted",
                "e\u0301 (e + combining acute)",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ½ ™",
                "שָׁלוֹם",
                "Ελένη Παπαδοπούλου",
                "🦊".repeat(200));
        for (String name : names) {
            var created = owner.post(
                    "/api/contacts",
                    Map.of(
                            "displayName",
                            name,
                            "city",
                            name.substring(0, Math.min(2, name.length())),
                            "howWeMet",
                            name + "\n" + name));
            assertThat(created.status()).as(name).isEqualTo(201);
            String id = created.json().get("contactId").asText();
            JsonNode read = owner.get("/api/contacts/" + id).json();
            assertThat(read.get("displayName").asText()).isEqualTo(name);
            assertThat(read.get("howWeMet").asText()).isEqualTo(name + "\n" + name);
            String interaction = UUID.randomUUID().toString();
            assertThat(owner.post(
                                    "/api/interactions",
                                    Map.of(
                                            "interactionId",
                                            interaction,
                                            "contactIds",
                                            List.of(id),
                                            "occurredAt",
                                            Instant.now().minusSeconds(3600).toString(),
                                            "channel",
                                            "MESSAGE",
                                            "initiatedBy",
                                            "THEM",
                                            "note",
                                            "note: " + name))
                            .status())
                    .isEqualTo(201);
            JsonNode history =
                    owner.get("/api/contacts/" + id + "/history").json().get("items");
            assertThat(history.get(0)
                            .get("data")
                            .get("personal")
                            .get("displayName")
                            .asText())
                    .isEqualTo(name);
            assertThat(history.get(1)
                            .get("data")
                            .get("interaction")
                            .get("note")
                            .get("text")
                            .asText())
                    .isEqualTo("note: " + name);
        }
        assertThat(owner.post("/api/contacts", Map.of("displayName", "🦊".repeat(201)))
                        .status())
                .as("201 code points are one too many, though they are 402 UTF-16 units")
                .isEqualTo(400);
    }

    @Test
    void injection_strings_where_text_is_allowed_are_stored_verbatim_as_data() {
        Api owner = api.as(ownerToken);
        List<String> names = List.of(
                "Robert'); DROP TABLE contact_view;--",
                "<script>alert('x')</script>",
                "' OR '1'='1",
                "${jndi:ldap://example.org/a}",
                "{{7*7}}",
                "%00%27");
        for (String name : names) {
            var created = owner.post("/api/contacts", Map.of("displayName", name));
            assertThat(created.status()).as(name).isEqualTo(201);
            JsonNode read = owner.get(
                            "/api/contacts/" + created.json().get("contactId").asText())
                    .json();
            assertThat(read.get("displayName").asText()).isEqualTo(name);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_view", Long.class))
                .isPositive();
        assertThat(owner.get("/api/contacts?q=" + "Robert%27%29%3B")
                        .json()
                        .get("items")
                        .get(0)
                        .get("displayName")
                        .asText())
                .isEqualTo(names.get(0));
    }

    private HttpResponse<String> send(JsonNode request) {
        byte[] body = body(request);
        String path = substitute(request.get("path").asText());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        String auth = request.path("auth").asText("owner");
        switch (auth) {
            case "owner" -> builder.header("Authorization", "Bearer " + ownerToken);
            case "user-on-admin" -> builder.header("Authorization", "Bearer " + userToken);
            case "invalid" -> builder.header("Authorization", "Bearer kw_this-token-was-never-issued-0000000000");
            case "none" -> {}
            default -> throw new IllegalArgumentException("unknown auth " + auth);
        }
        for (Iterator<Map.Entry<String, JsonNode>> headers =
                        request.path("headers").fields();
                headers.hasNext(); ) {
            var header = headers.next();
            builder.header(header.getKey(), header.getValue().asText());
        }
        if (body != null) {
            JsonNode contentType = request.get("contentType");
            if (contentType == null) {
                builder.header("Content-Type", "application/json");
            } else if (!contentType.isNull()) {
                builder.header("Content-Type", contentType.asText());
            }
        }
        String method = request.get("method").asText();
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : request.path("chunked").asBoolean()
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        try {
            return HTTP.send(builder.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] body(JsonNode request) {
        try {
            if (request.has("base64")) {
                return Base64.getDecoder().decode(request.get("base64").asText());
            }
            if (request.has("raw")) {
                return substitute(request.get("raw").asText()).getBytes(StandardCharsets.UTF_8);
            }
            if (request.has("json")) {
                return substitute(JSON.writeValueAsString(request.get("json"))).getBytes(StandardCharsets.UTF_8);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String substitute(String text) {
        String result = text;
        for (var placeholder : placeholders.entrySet()) {
            result = result.replace(placeholder.getKey(), placeholder.getValue());
        }
        while (result.contains("{{random}}")) {
            result = result.replaceFirst(
                    Pattern.quote("{{random}}"), UUID.randomUUID().toString());
        }
        result = result.replace(
                        "{{future}}", Instant.now().plus(Duration.ofDays(1)).toString())
                .replace("{{past}}", Instant.now().minus(Duration.ofDays(1)).toString());
        Matcher contactsMatcher = CONTACTS.matcher(result);
        StringBuilder withContacts = new StringBuilder();
        while (contactsMatcher.find()) {
            List<String> ids = contacts.subList(0, Integer.parseInt(contactsMatcher.group(1)));
            contactsMatcher.appendReplacement(
                    withContacts,
                    Matcher.quoteReplacement(
                            ids.stream().map(id -> "\"" + id + "\"").toList().toString()));
        }
        contactsMatcher.appendTail(withContacts);
        Matcher repeat = REPEAT.matcher(withContacts.toString());
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(
                    expanded, Matcher.quoteReplacement(repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        repeat.appendTail(expanded);
        return expanded.toString();
    }

    private static String token(Api admin) {
        var created = admin.post(
                "/api/admin/users",
                Map.of("username", "h" + UUID.randomUUID().toString().substring(0, 18), "role", "USER"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("token").asText();
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("contactId").asText();
    }

    private static JsonNode parse(String body, String answer) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
