package io.keepwarm.web.error;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.RawHttp;
import io.keepwarm.web.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input that used to get through (issue 12, "Bad input that still gets through"): each is a 400 (or the
 * right 4xx) RFC 9457 problem naming what was wrong, never a 500, and appends no event.
 */
class BadInputIT extends IntegrationTest {

    // --- NUL characters -----------------------------------------------------------------------------------------

    @Test
    void a_nul_in_a_query_value_is_a_400_naming_the_parameter_on_contacts_and_going_cold() {
        Api owner = newOwner();
        addTracked(owner, "Ada Lovelace", 21);
        Map<String, String> fieldByPath = Map.of(
                "/api/contacts?q=a%00b",
                "q",
                "/api/contacts?tag=a%00b",
                "tag",
                "/api/contacts?city=Lon%00don",
                "city",
                "/api/going-cold?tag=x%00",
                "tag",
                "/api/going-cold?city=%00",
                "city",
                "/api/contacts?cursor=%00",
                "cursor",
                "/api/interactions/" + UUID.randomUUID() + "?reason=a%00",
                "reason");
        long before = eventCount();
        fieldByPath.forEach((path, field) -> {
            Api.Response answer = path.startsWith("/api/interactions") ? owner.delete(path) : owner.get(path);
            JsonNode problem = assertInvalid(answer, field);
            assertThat(problem.path("errors").get(0).path("message").asText()).contains("NUL");
            assertThat(problem.path("instance").asText()).isEqualTo(path.substring(0, path.indexOf('?')));
        });
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_cursor_that_decodes_to_a_nul_is_a_400_naming_the_cursor() {
        Api owner = newOwner();
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((UUID.randomUUID() + ":a\0b").getBytes(StandardCharsets.UTF_8));

        assertInvalid(owner.get("/api/contacts?cursor=" + cursor), "cursor");
        assertThat(assertInvalid(owner.get("/api/contacts?cursor=not-a-cursor"), "cursor")
                        .path("code")
                        .asText())
                .isEqualTo("validation");
    }

    @Test
    void a_nul_in_a_body_string_is_a_400_naming_the_field() {
        Api owner = newOwner();
        String contact = addContact(owner, "Grace Hopper");
        long before = eventCount();

        assertInvalid(owner.post("/api/contacts", Map.of("displayName", "Gr\0ace")), "displayName");
        Map<String, Object> withNote = interaction(Instant.now().minus(1, ChronoUnit.DAYS), contact);
        withNote.put("note", "a\0b");
        assertInvalid(owner.post("/api/interactions", withNote), "note");
        assertInvalid(owner.patch("/api/contacts/" + contact, Map.of("city", "Ar\0lington")), "city");

        assertThat(eventCount()).isEqualTo(before);
    }

    /** Tomcat refuses the header before keepwarm sees it, so the problem cannot name it; it is still a problem. */
    @Test
    void a_nul_in_a_header_is_a_400_problem() {
        Api.Response answer = RawHttp.send(
                port,
                "GET /api/contacts HTTP/1.1\r\nAuthorization: Bearer " + TestDatabase.ADMIN_TOKEN
                        + "\r\nX-Note: a\0b\r\n");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isNotBlank();
        assertThat(answer.json().path("instance").asText()).isEqualTo("/api/contacts");
    }

    @Test
    void get_error_is_never_a_500() {
        for (Api client : List.of(api, newOwner(), admin())) {
            Api.Response answer = client.get("/error");
            assertProblem(answer, 404);
        }
    }

    @Test
    void a_nul_in_any_body_string_is_a_400_naming_that_field() {
        Api owner = newOwner();
        String contact = addContact(owner, "Hedy Lamarr");
        String logged = io.keepwarm.web.testsupport.Fixtures.logInteraction(
                owner, Instant.now().minus(1, ChronoUnit.DAYS), contact);
        long before = eventCount();

        for (String field : List.of("howWeMet", "organization", "role", "city", "countryCode", "timeZone")) {
            assertInvalid(owner.post("/api/contacts", Map.of("displayName", "Hedy", field, "x\0y")), field);
            assertInvalid(owner.patch("/api/contacts/" + contact, Map.of(field, "x\0y")), field);
        }
        assertInvalid(
                owner.post("/api/contacts", Map.of("displayName", "Hedy", "tags", List.of("ok", "a\0"))), "tags[1]");
        assertInvalid(owner.patch("/api/contacts/" + contact, Map.of("tags", List.of("a\0"))), "tags[0]");
        assertInvalid(
                owner.post("/api/contacts", Map.of("displayName", "Hedy", "channels", Map.of("email", "a\0@b.c"))),
                "channels.email");
        assertInvalid(owner.patch("/api/interactions/" + logged, Map.of("note", "a\0b")), "note");
        assertInvalid(owner.put("/api/contacts/" + contact + "/cadence", Map.of("preset", "A\0")), "preset");
        assertInvalid(owner.post("/api/me/tokens", Map.of("name", "laptop\0")), "name");
        assertInvalid(admin().post("/api/admin/users", Map.of("username", "nul\0user", "role", "USER")), "username");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_nul_in_any_query_parameter_is_a_400_naming_it() {
        Api owner = newOwner();
        String contact = addContact(owner, "Joan Clarke");
        Map<String, String> fieldByPath = Map.of(
                "/api/reports/network?asOf=2026-01-01T00:00:00Z%00",
                "asOf",
                "/api/reports/activity?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&zone=Europe/Paris%00",
                "zone",
                "/api/history?cursor=a%00",
                "cursor",
                "/api/contacts/" + contact + "/history?cursor=%00",
                "cursor",
                "/api/contacts/" + contact + "/interactions?cursor=%00",
                "cursor",
                "/api/going-cold?cursor=%00",
                "cursor",
                "/api/going-cold?status=COLD%00",
                "status");
        fieldByPath.forEach((path, field) -> assertInvalid(owner.get(path), field));
    }

    // --- instants are ISO-8601 only ------------------------------------------------------------------------------

    @Test
    void a_bare_number_is_not_an_instant_in_any_query_parameter() {
        Api owner = newOwner();
        String contact = addTracked(owner, "Katherine Johnson", 21);

        assertInvalid(owner.get("/api/going-cold?at=1796236110"), "at");
        assertInvalid(owner.get("/api/history?since=1700000000"), "since");
        assertInvalid(owner.get("/api/reports/network?asOf=1700000000"), "asOf");
        assertInvalid(owner.get("/api/going-cold?at="), "at");
        assertThat(owner.get("/api/going-cold?at=2026-03-01T09:30:00Z").status())
                .isEqualTo(200);
        assertThat(owner.get("/api/contacts/" + contact).status()).isEqualTo(200);
    }

    @Test
    void a_bare_number_is_not_an_instant_in_any_body() {
        Api owner = newOwner();
        String contact = addContact(owner, "Dorothy Vaughan");
        String logged = io.keepwarm.web.testsupport.Fixtures.logInteraction(
                owner, Instant.now().minus(2, ChronoUnit.DAYS), contact);
        long before = eventCount();

        Map<String, Object> body = interaction(Instant.now(), contact);
        body.put("occurredAt", 1700000000);
        assertInvalid(owner.post("/api/interactions", body), "occurredAt");
        body.put("occurredAt", "1700000000");
        assertInvalid(owner.post("/api/interactions", body), "occurredAt");
        assertInvalid(owner.post("/api/contacts/" + contact + "/snooze", Map.of("until", 1900000000L)), "until");
        assertInvalid(owner.patch("/api/interactions/" + logged, Map.of("occurredAt", 1700000000)), "occurredAt");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_bare_number_is_not_an_instant_in_a_report_range() {
        Api owner = newOwner();

        assertInvalid(owner.get("/api/reports/activity?from=1700000000&to=2026-02-01T00:00:00Z"), "from");
        assertInvalid(owner.get("/api/reports/activity?from=2026-01-01T00:00:00Z&to=1800000000"), "to");
        assertInvalid(owner.get("/api/reports/network?asOf=2026-01-01T00:00:00Z&knownAt=1700000000"), "knownAt");
    }

    // --- list filters ---------------------------------------------------------------------------------------------

    @Test
    void an_empty_status_or_tag_is_a_400_not_an_empty_list() {
        Api owner = newOwner();
        addTracked(owner, "Mary Jackson", 21);

        assertInvalid(owner.get("/api/going-cold?status="), "status");
        assertInvalid(owner.get("/api/going-cold?status=COLD,"), "status");
        assertInvalid(owner.get("/api/going-cold?tag="), "tag");
        assertInvalid(owner.get("/api/contacts?tag="), "tag");
        assertInvalid(owner.get("/api/contacts?tag=a,,b"), "tag");
    }

    @Test
    void several_tags_match_the_contacts_that_carry_all_of_them_on_contacts_and_going_cold() {
        Api owner = newOwner();
        String both = addTaggedAndTracked(owner, Map.of("displayName", "Both", "tags", List.of("mentor", "berlin")));
        addTaggedAndTracked(owner, Map.of("displayName", "Mentor only", "tags", List.of("mentor")));
        addTaggedAndTracked(owner, Map.of("displayName", "Berlin only", "tags", List.of("berlin")));
        String all = "&status=WARM,DUE_SOON,OVERDUE,COLD";

        for (String tags : List.of("tag=mentor,berlin", "tag=mentor&tag=berlin", "tag=Berlin&tag=MENTOR")) {
            assertThat(ids(owner.get("/api/contacts?" + tags))).as(tags).containsExactly(both);
            assertThat(ids(owner.get("/api/going-cold?" + tags + all))).as(tags).containsExactly(both);
        }
        assertThat(ids(owner.get("/api/contacts?tag=mentor"))).hasSize(2);
        assertThat(ids(owner.get("/api/going-cold?tag=berlin" + all))).hasSize(2);
    }

    private static String addTaggedAndTracked(Api owner, Map<String, ?> body) {
        String id = addContact(owner, body);
        io.keepwarm.web.testsupport.Fixtures.setCadence(owner, id, 21);
        return id;
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("contactId").asText()));
        return ids;
    }

    // --- every bad field at once ----------------------------------------------------------------------------------

    @Test
    void logging_an_interaction_reports_every_bad_field_at_once() {
        Api owner = newOwner();
        long before = eventCount();

        Map<String, Object> unreadable = new HashMap<>();
        unreadable.put("contactIds", List.of());
        unreadable.put("occurredAt", 1700000000);
        unreadable.put("channel", "SMOKE_SIGNAL");
        unreadable.put("note", 5);
        assertInvalid(
                owner.post("/api/interactions", unreadable),
                "contactIds",
                "occurredAt",
                "channel",
                "initiatedBy",
                "note");

        Map<String, Object> readable = new HashMap<>();
        readable.put("contactIds", List.of());
        readable.put("occurredAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        readable.put("note", "x".repeat(4001));
        assertInvalid(
                owner.post("/api/interactions", readable),
                "contactIds",
                "occurredAt",
                "channel",
                "initiatedBy",
                "note");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void creating_a_user_reports_every_bad_field_at_once() {
        assertInvalid(admin().post("/api/admin/users", Map.of("username", "x", "role", "ROOT")), "username", "role");
        assertInvalid(admin().post("/api/admin/users", Map.of()), "username", "role");
    }

    // --- every error is problem+json with code and instance -------------------------------------------------------

    @Test
    void not_found_method_not_allowed_and_too_large_are_problems_with_code_and_instance() {
        Api owner = newOwner();

        JsonNode notFound = assertProblem(owner.get("/api/no-such-thing"), 404);
        assertThat(notFound.path("code").asText()).isNotBlank();
        assertThat(notFound.path("instance").asText()).isEqualTo("/api/no-such-thing");

        JsonNode notAllowed = assertProblem(owner.delete("/api/going-cold"), 405);
        assertThat(notAllowed.path("code").asText()).isNotBlank();
        assertThat(notAllowed.path("instance").asText()).isEqualTo("/api/going-cold");

        JsonNode tooLarge = assertProblem(
                owner.post("/api/contacts", Map.of("displayName", "Big", "howWeMet", "x".repeat(1_048_577))), 413);
        assertThat(tooLarge.path("code").asText()).isEqualTo("body-too-large");
        assertThat(tooLarge.path("instance").asText()).isEqualTo("/api/contacts");
    }

    @Test
    void unsupported_media_types_unacceptable_answers_and_firewall_refusals_are_problems_with_code_and_instance() {
        Api owner = newOwner();

        JsonNode unsupported = assertProblem(owner.send("POST", "/api/contacts", "displayName=Ada", "text/plain"), 415);
        assertThat(unsupported.path("code").asText()).isNotBlank();
        assertThat(unsupported.path("instance").asText()).isEqualTo("/api/contacts");

        JsonNode unacceptable = assertProblem(owner.get("/api/reports/network", "application/xml"), 406);
        assertThat(unacceptable.path("code").asText()).isNotBlank();
        assertThat(unacceptable.path("instance").asText()).isEqualTo("/api/reports/network");

        Api.Response refused = RawHttp.send(
                port, "GET /api//contacts HTTP/1.1\r\nAuthorization: Bearer " + TestDatabase.ADMIN_TOKEN + "\r\n");
        JsonNode firewall = assertProblem(refused, 400);
        assertThat(firewall.path("code").asText()).isNotBlank();
        assertThat(firewall.path("instance").asText()).isEqualTo("/api//contacts");
    }

    @Test
    void unauthenticated_and_forbidden_are_problems_with_code_and_instance() {
        JsonNode unauthenticated = assertProblem(api.get("/api/contacts?limit=5"), 401);
        assertThat(unauthenticated.path("code").asText()).isEqualTo("unauthenticated");
        assertThat(unauthenticated.path("instance").asText()).isEqualTo("/api/contacts");

        JsonNode forbidden = assertProblem(newOwner().get("/api/admin/users"), 403);
        assertThat(forbidden.path("code").asText()).isEqualTo("forbidden");
        assertThat(forbidden.path("instance").asText()).isEqualTo("/api/admin/users");
    }

    @Test
    void the_error_path_is_never_a_500_whatever_the_method_or_accept_header() {
        Api owner = newOwner();
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            assertProblem(owner.send(method, "/error", method.equals("GET") ? null : "{}", "application/json"), 404);
        }
        assertProblem(owner.get("/error?status=500"), 404);
        assertThat(owner.get("/error", "text/html").status()).isEqualTo(404);
        assertThat(api.get("/error").status()).isEqualTo(404);
    }

    @Test
    void tomcat_level_400s_are_problems_with_code_and_instance() {
        String auth = "Authorization: Bearer " + TestDatabase.ADMIN_TOKEN + "\r\n";
        List<Api.Response> answers = List.of(
                RawHttp.send(port, "GET /api/contacts/%ZZ HTTP/1.1\r\n" + auth),
                RawHttp.send(port, "GET /api/contacts/%C0%AF HTTP/1.1\r\n" + auth),
                RawHttp.send(port, "GET /api/contacts HTTP/1.1\r\n" + auth + "X-Big: " + "x".repeat(20_000) + "\r\n"));
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 431);
            assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
            JsonNode problem = answer.json();
            assertThat(problem.path("status").asInt()).isEqualTo(answer.status());
            assertThat(problem.path("code").asText()).as(answer.toString()).isNotBlank();
            assertThat(problem.path("instance").asText()).as(answer.toString()).startsWith("/api/contacts");
        }
    }

    @Test
    void no_detail_names_an_internal_class() {
        Api owner = newOwner();
        String contact = addContact(owner, "Annie Easley");
        List<Api.Response> answers = List.of(
                owner.send("POST", "/api/contacts", "[]", "application/json"),
                owner.send("POST", "/api/contacts", "\"Ada\"", "application/json"),
                owner.send("PUT", "/api/contacts/" + contact + "/cadence", "[1]", "application/json"),
                owner.send("POST", "/api/contacts/" + contact + "/snooze", "7", "application/json"),
                admin().send("POST", "/api/admin/users", "[]", "application/json"),
                owner.send("POST", "/api/contacts", "{\"channels\": []}", "application/json"));
        for (Api.Response answer : answers) {
            JsonNode problem = assertProblem(answer, 400);
            assertThat(problem.toString()).doesNotContainPattern("[A-Z][a-z]+(Request|Data|Attributes|Kind)\\b");
        }
    }

    // --- UTF-8 -----------------------------------------------------------------------------------------------------

    @Test
    void an_overlong_utf8_sequence_is_refused_not_decoded() {
        Api owner = newOwner();
        long before = eventCount();
        byte[] body = "{\"displayName\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8);
        body[16] = (byte) 0xC0; // C0 AF: an overlong "/"
        byte[] overlong = new byte[body.length + 1];
        System.arraycopy(body, 0, overlong, 0, 17);
        overlong[17] = (byte) 0xAF;
        System.arraycopy(body, 17, overlong, 18, body.length - 17);

        assertInvalid(owner.send("POST", "/api/contacts", overlong, "application/json"), "body");
        assertInvalid(owner.get("/api/contacts?q=%C0%AF"), "q");
        assertThat(eventCount()).isEqualTo(before);
    }
}
