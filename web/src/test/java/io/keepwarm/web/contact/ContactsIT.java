package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.unknownId;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST/GET/PATCH /api/contacts…}: adding, reading, listing and patching contacts (SPEC §1, §3). */
class ContactsIT extends IntegrationTest {

    // --- POST /api/contacts ---------------------------------------------------------------------------------

    @Test
    void adding_a_contact_answers_201_with_location_version_and_etag_and_normalises_its_fields() {
        Api owner = newOwner();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", "  Ada Lovelace ");
        body.put("howWeMet", "Babbage's salon\nlong ago");
        body.put("organization", "Analytical Engines");
        body.put("role", "Programmer");
        body.put("city", "London");
        body.put("countryCode", "gb");
        body.put("timeZone", "Europe/London");
        body.put("tags", List.of("Math", "engines", "math"));
        body.put("channels", Map.of("email", "ada@example.org", "linkedin", "in/ada"));

        var created = owner.post("/api/contacts", body);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("contactId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/contacts/" + id);
        assertThat(created.json().get("version").asLong()).isZero();
        assertThat(created.header("ETag")).isEqualTo("\"0\"");

        var read = owner.get("/api/contacts/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        JsonNode contact = read.json();
        assertThat(contact.get("contactId").asText()).isEqualTo(id);
        assertThat(contact.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(contact.get("howWeMet").asText()).isEqualTo("Babbage's salon\nlong ago");
        assertThat(contact.get("organization").asText()).isEqualTo("Analytical Engines");
        assertThat(contact.get("role").asText()).isEqualTo("Programmer");
        assertThat(contact.get("city").asText()).isEqualTo("London");
        assertThat(contact.get("countryCode").asText()).isEqualTo("GB");
        assertThat(contact.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(contact.get("tags").toString()).isEqualTo("[\"engines\",\"math\"]");
        assertThat(contact.get("channels").get("email").asText()).isEqualTo("ada@example.org");
        assertThat(contact.get("channels").get("linkedin").asText()).isEqualTo("in/ada");
        assertThat(contact.get("archived").asBoolean()).isFalse();
        assertThat(contact.get("version").asLong()).isZero();
        assertThat(contact.get("cadenceDays").isNull()).as("not tracked yet").isTrue();
        assertThat(contact.get("status").isNull()).isTrue();
    }

    @Test
    void adding_a_contact_with_several_bad_fields_names_each_field_and_appends_nothing() {
        Api owner = newOwner();
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", "x".repeat(201));
        body.put("countryCode", "XX");
        body.put("timeZone", "Mars/Olympus_Mons");
        body.put("tags", List.of("fine", "not fine!"));
        body.put("channels", Map.of("email", "   "));
        long before = eventCount();

        var rejected = owner.post("/api/contacts", body);

        assertInvalid(rejected, "displayName", "countryCode", "timeZone", "tags[1]", "channels.email");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void adding_a_contact_with_a_blank_name_or_more_than_twenty_tags_is_rejected_and_appends_nothing() {
        Api owner = newOwner();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tags.add("t" + i);
        }
        long before = eventCount();

        assertInvalid(owner.post("/api/contacts", Map.of("displayName", "   ")), "displayName");
        assertInvalid(owner.post("/api/contacts", Map.of("displayName", "Many Tags", "tags", tags)), "tags");
        assertInvalid(
                owner.post("/api/contacts", Map.of("displayName", "Long Tag", "tags", List.of("t".repeat(41)))),
                "tags[0]");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void each_text_field_of_a_contact_is_held_to_its_length_and_single_line_fields_refuse_control_characters() {
        Api owner = newOwner();
        Map<String, Object> tooLong = new HashMap<>();
        tooLong.put("displayName", "Long Fields");
        tooLong.put("howWeMet", "h".repeat(1001));
        tooLong.put("organization", "o".repeat(201));
        tooLong.put("role", "r".repeat(201));
        tooLong.put("city", "c".repeat(101));
        tooLong.put("channels", Map.of("other", "x".repeat(321)));
        Map<String, Object> atTheLimit = new HashMap<>();
        atTheLimit.put("displayName", "\uD83D\uDE00".repeat(200));
        atTheLimit.put("howWeMet", "h".repeat(1000));
        atTheLimit.put("organization", "o".repeat(200));
        atTheLimit.put("role", "r".repeat(200));
        atTheLimit.put("city", "c".repeat(100));
        long before = eventCount();

        assertInvalid(
                owner.post("/api/contacts", tooLong), "howWeMet", "organization", "role", "city", "channels.other");
        assertInvalid(
                owner.post("/api/contacts", Map.of("displayName", "Line\nBreak", "role", "Tab\tbed")),
                "displayName",
                "role");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.post("/api/contacts", atTheLimit).status())
                .as("200 emoji are 200 characters")
                .isEqualTo(201);
    }

    @Test
    void adding_a_contact_with_an_unknown_field_a_wrong_type_or_an_unknown_channel_kind_names_the_field() {
        Api owner = newOwner();
        long before = eventCount();

        assertInvalid(owner.post("/api/contacts", Map.of("displayName", "Alan", "nickname", "Al")), "nickname");
        assertInvalid(owner.post("/api/contacts", Map.of("displayName", "Alan", "tags", Map.of("a", "b"))), "tags");
        var badKind = assertProblem(
                owner.post("/api/contacts", Map.of("displayName", "Alan", "channels", Map.of("fax", "+44 1"))), 400);
        assertThat(badKind.get("errors").get(0).get("field").asText()).startsWith("channels");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_is_a_400_naming_the_body_and_appends_nothing() {
        Api owner = newOwner();
        long before = eventCount();

        assertInvalid(owner.send("POST", "/api/contacts", "{\"displayName\": ", "application/json"), "body");
        assertInvalid(owner.send("POST", "/api/contacts", "", "application/json"), "body");
        assertInvalid(owner.post("/api/contacts", null), "body");

        assertThat(eventCount()).isEqualTo(before);
    }

    // --- GET /api/contacts/{id} ------------------------------------------------------------------------------

    @Test
    void reading_a_contact_that_does_not_exist_is_a_404_problem() {
        Api owner = newOwner();

        JsonNode problem = assertProblem(owner.get("/api/contacts/" + unknownId()), 404);

        assertThat(problem.get("title").asText()).isEqualTo("Not Found");
    }

    @Test
    void a_contact_id_that_is_not_a_uuid_is_a_400_naming_the_id() {
        Api owner = newOwner();

        assertInvalid(owner.get("/api/contacts/not-a-uuid"), "id");
    }

    // --- another owner ---------------------------------------------------------------------------------------

    private record Call(String method, String path, Object body) {}

    @Test
    void another_owners_contact_is_answered_404_exactly_like_a_missing_one_on_every_contact_endpoint() {
        Api alice = newOwner();
        Api mallory = newOwner();
        String alicesContact = addContact(alice, Map.of("displayName", "Alice's friend", "city", "Oslo"));
        String missing = unknownId();
        long before = eventCount();

        for (String id : List.of(alicesContact, missing)) {
            List<Call> calls = List.of(
                    new Call("GET", "/api/contacts/" + id, null),
                    new Call("PATCH", "/api/contacts/" + id, Map.of("displayName", "Stolen")),
                    new Call("PUT", "/api/contacts/" + id + "/cadence", Map.of("everyDays", 21)),
                    new Call("DELETE", "/api/contacts/" + id + "/cadence", null),
                    new Call("POST", "/api/contacts/" + id + "/snooze", Map.of("until", "2999-01-01T00:00:00Z")),
                    new Call("DELETE", "/api/contacts/" + id + "/snooze", null),
                    new Call("POST", "/api/contacts/" + id + "/archive", null),
                    new Call("POST", "/api/contacts/" + id + "/restore", null),
                    new Call("GET", "/api/contacts/" + id + "/history", null));
            for (Call call : calls) {
                var answer = mallory.send(
                        call.method(),
                        call.path(),
                        call.body(),
                        call.method().equals("PATCH") ? "application/merge-patch+json" : "application/json");
                JsonNode problem = assertProblem(answer, 404);
                assertThat(problem.get("detail").asText())
                        .as("%s %s", call.method(), call.path())
                        .isEqualTo("contact " + id + " not found");
                assertThat(problem.get("type").asText()).endsWith("/contact.not-found");
            }
        }

        assertThat(eventCount()).isEqualTo(before);
        var untouched = alice.get("/api/contacts/" + alicesContact).json();
        assertThat(untouched.get("displayName").asText()).isEqualTo("Alice's friend");
        assertThat(untouched.get("version").asLong()).isZero();
        assertThat(mallory.get("/api/contacts").json().get("items")).isEmpty();
    }

    // --- GET /api/contacts -----------------------------------------------------------------------------------

    @Test
    void the_list_holds_only_the_callers_own_contacts_in_name_order() {
        Api owner = newOwner();
        Api other = newOwner();
        addContact(owner, "charlie");
        addContact(owner, "Bob");
        addContact(owner, "alice");
        addContact(other, "Eve");

        var listed = owner.get("/api/contacts");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(names(listed.json())).containsExactly("alice", "Bob", "charlie");
        assertThat(listed.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void the_list_pages_through_every_contact_with_limit_and_cursor_without_gaps_or_repeats() {
        Api owner = newOwner();
        for (String name : List.of("Erin", "dave", "Carol", "bob", "Bob", "alice", "Alice")) {
            addContact(owner, name);
        }
        List<String> all = names(owner.get("/api/contacts").json());

        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var page = owner.get("/api/contacts?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            sizes.add(page.json().get("items").size());
            paged.addAll(names(page.json()));
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null && sizes.size() < 10);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(paged).isEqualTo(all);
        assertThat(paged).hasSize(7);
        assertThat(paged.subList(0, 2)).containsExactlyInAnyOrder("alice", "Alice");
        assertThat(paged.subList(2, 4)).containsExactlyInAnyOrder("bob", "Bob");
        assertThat(paged.subList(4, 7)).containsExactly("Carol", "dave", "Erin");
    }

    @Test
    void q_matches_name_or_organization_ignoring_case_name_matches_first_and_has_no_wildcards() {
        Api owner = newOwner();
        addContact(owner, Map.of("displayName", "Grace Hopper", "organization", "US Navy"));
        addContact(owner, Map.of("displayName", "Navya Rao"));
        addContact(owner, Map.of("displayName", "Linus", "organization", "Kernel_Org"));
        addContact(owner, Map.of("displayName", "Kernelxorg"));
        addContact(owner, Map.of("displayName", "100% Dev"));
        addContact(owner, Map.of("displayName", "1000 Devs"));

        assertThat(names(owner.get("/api/contacts?q=NAVY").json())).containsExactly("Navya Rao", "Grace Hopper");
        // punctuation is a word break to the search (ContactSearchIT), never a LIKE wildcard
        assertThat(names(owner.get("/api/contacts?q=l_O").json())).containsExactly("Kernelxorg", "Linus");
        assertThat(names(owner.get("/api/contacts?q=kernel_org").json())).containsExactly("Kernelxorg", "Linus");
        assertThat(names(owner.get("/api/contacts?q=100%25%20dev").json())).containsExactly("100% Dev", "1000 Devs");
        assertThat(names(owner.get("/api/contacts?q=x%25y").json())).isEmpty();
        assertThat(names(owner.get("/api/contacts?q=nobody").json())).isEmpty();
    }

    @Test
    void tag_and_city_filter_the_list_ignoring_case() {
        Api owner = newOwner();
        addContact(owner, Map.of("displayName", "Ada", "city", "London", "tags", List.of("math")));
        addContact(owner, Map.of("displayName", "Alan", "city", "london", "tags", List.of("crypto", "math")));
        addContact(owner, Map.of("displayName", "Grace", "city", "Arlington", "tags", List.of("navy")));

        assertThat(names(owner.get("/api/contacts?tag=MATH").json())).containsExactly("Ada", "Alan");
        assertThat(names(owner.get("/api/contacts?city=LONDON").json())).containsExactly("Ada", "Alan");
        assertThat(names(owner.get("/api/contacts?tag=crypto&city=London").json()))
                .containsExactly("Alan");
        assertThat(names(owner.get("/api/contacts?tag=navy&city=London").json()))
                .isEmpty();
    }

    @Test
    void a_bad_limit_or_cursor_on_the_list_is_a_400_naming_the_parameter() {
        Api owner = newOwner();

        assertInvalid(owner.get("/api/contacts?limit=0"), "limit");
        assertInvalid(owner.get("/api/contacts?limit=1001"), "limit");
        assertInvalid(owner.get("/api/contacts?limit=ten"), "limit");
        assertInvalid(owner.get("/api/contacts?cursor=not-a-cursor"), "cursor");
        assertInvalid(owner.get("/api/contacts?cursor=bm9jb2xvbg"), "cursor");
        assertThat(owner.get("/api/contacts?limit=200").status()).isEqualTo(200);
    }

    // --- PATCH /api/contacts/{id} ----------------------------------------------------------------------------

    @Test
    void patching_with_the_current_etag_answers_200_with_the_change_and_a_new_etag() {
        Api owner = newOwner();
        String id = addContact(owner, "Katherine Johnson");
        String etag = owner.get("/api/contacts/" + id).header("ETag");

        var patched = owner.with("If-Match", etag).patch("/api/contacts/" + id, Map.of("organization", "NASA"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        assertThat(patched.json().get("organization").asText()).isEqualTo("NASA");
        assertThat(patched.json().get("version").asLong()).isEqualTo(1);
        assertThat(owner.get("/api/contacts/" + id).header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void patching_with_a_stale_etag_is_a_412_problem_and_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Dorothy Vaughan");
        String stale = owner.get("/api/contacts/" + id).header("ETag");
        assertThat(owner.patch("/api/contacts/" + id, Map.of("role", "Supervisor"))
                        .status())
                .isEqualTo(200);
        long before = eventCount();

        var rejected = owner.with("If-Match", stale).patch("/api/contacts/" + id, Map.of("role", "Programmer"));

        assertProblem(rejected, 412);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().get("role").asText()).isEqualTo("Supervisor");
    }

    @Test
    void if_match_accepts_a_star_refuses_a_weak_etag_with_412_and_rejects_a_malformed_one_naming_the_header() {
        Api owner = newOwner();
        String id = addContact(owner, "Mary Jackson");

        assertThat(owner.with("If-Match", "*")
                        .patch("/api/contacts/" + id, Map.of("role", "Manager"))
                        .status())
                .isEqualTo(200);
        long before = eventCount();
        // If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag never matches, even the current one.
        assertProblem(owner.with("If-Match", "W/\"1\"").patch("/api/contacts/" + id, Map.of("role", "Engineer")), 412);
        assertInvalid(
                owner.with("If-Match", "yesterday").patch("/api/contacts/" + id, Map.of("role", "X")), "If-Match");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_merge_patch_leaves_absent_fields_clears_null_ones_and_merges_channels_per_kind() {
        Api owner = newOwner();
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", "Margaret Hamilton");
        body.put("organization", "MIT");
        body.put("role", "Lead");
        body.put("city", "Cambridge");
        body.put("countryCode", "US");
        body.put("timeZone", "America/New_York");
        body.put("tags", List.of("apollo"));
        body.put("channels", Map.of("email", "mh@example.org", "phone", "+1 555 0100"));
        String id = addContact(owner, body);
        Map<String, Object> patch = new HashMap<>();
        patch.put("city", null);
        patch.put("role", "Director");
        Map<String, Object> channels = new HashMap<>();
        channels.put("phone", null);
        channels.put("linkedin", "in/mh");
        patch.put("channels", channels);

        var patched = owner.patch("/api/contacts/" + id, patch);

        assertThat(patched.status()).isEqualTo(200);
        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("displayName").asText()).isEqualTo("Margaret Hamilton");
        assertThat(contact.get("organization").asText()).isEqualTo("MIT");
        assertThat(contact.get("role").asText()).isEqualTo("Director");
        assertThat(contact.get("city").isNull()).isTrue();
        assertThat(contact.get("countryCode").asText()).isEqualTo("US");
        assertThat(contact.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(contact.get("tags").toString()).isEqualTo("[\"apollo\"]");
        assertThat(contact.get("channels").toString())
                .isEqualTo("{\"email\":\"mh@example.org\",\"linkedin\":\"in/mh\"}");
    }

    @Test
    void null_channels_and_null_tags_in_a_merge_patch_clear_them_all() {
        Api owner = newOwner();
        String id = addContact(
                owner,
                Map.of(
                        "displayName",
                        "Hedy Lamarr",
                        "tags",
                        List.of("radio", "film"),
                        "channels",
                        Map.of("email", "hedy@example.org", "other", "fan mail")));
        Map<String, Object> patch = new HashMap<>();
        patch.put("channels", null);
        patch.put("tags", null);

        assertThat(owner.patch("/api/contacts/" + id, patch).status()).isEqualTo(200);

        JsonNode contact = owner.get("/api/contacts/" + id).json();
        assertThat(contact.get("channels")).isEmpty();
        assertThat(contact.get("tags")).isEmpty();
    }

    @Test
    void a_patch_that_changes_nothing_appends_nothing_and_keeps_the_etag() {
        Api owner = newOwner();
        String id = addContact(owner, Map.of("displayName", "Radia Perlman", "city", "Seattle"));
        long before = eventCount();

        var patched = owner.patch("/api/contacts/" + id, Map.of("city", "Seattle"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"0\"");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void patching_the_name_away_or_bad_values_is_a_400_naming_each_field_and_appends_nothing() {
        Api owner = newOwner();
        String id = addContact(owner, "Barbara Liskov");
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("displayName", null);
        long before = eventCount();

        assertInvalid(owner.patch("/api/contacts/" + id, nullName), "displayName");
        assertInvalid(owner.patch("/api/contacts/" + id, Map.of("displayName", "")), "displayName");
        assertInvalid(
                owner.patch("/api/contacts/" + id, Map.of("countryCode", "ZZ", "timeZone", "Nowhere/City")),
                "countryCode",
                "timeZone");
        assertInvalid(
                owner.patch("/api/contacts/" + id, Map.of("contactId", unknownId(), "city", 7)), "contactId", "city");
        assertInvalid(owner.patch("/api/contacts/" + id, Map.of("channels", Map.of("pager", "123"))), "channels.pager");
        assertInvalid(owner.patch("/api/contacts/" + id, Map.of("tags", "solo")), "tags");
        assertInvalid(owner.patch("/api/contacts/" + id, List.of("not", "an", "object")), "body");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().get("displayName").asText())
                .isEqualTo("Barbara Liskov");
    }

    @Test
    void a_patch_in_a_media_type_other_than_json_is_a_415_problem() {
        Api owner = newOwner();
        String id = addContact(owner, "Frances Allen");
        long before = eventCount();

        assertProblem(owner.send("PATCH", "/api/contacts/" + id, "role=Fellow", "text/plain"), 415);

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_renamed_contact_shows_in_the_list_and_the_contact_on_the_very_next_read() {
        Api owner = newOwner();
        String id = addContact(owner, "Jean Bartik");
        assertThat(owner.patch("/api/contacts/" + id, Map.of("displayName", "Jean Jennings Bartik"))
                        .status())
                .isEqualTo(200);

        assertThat(names(owner.get("/api/contacts").json())).containsExactly("Jean Jennings Bartik");
        assertThat(owner.get("/api/contacts/" + id).json().get("displayName").asText())
                .isEqualTo("Jean Jennings Bartik");
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("displayName").asText()));
        return names;
    }
}
