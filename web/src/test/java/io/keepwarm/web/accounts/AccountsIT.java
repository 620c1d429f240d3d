package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Users and tokens as SPEC §3 "Access" and issue 3 describe them, over HTTP against the real server. */
class AccountsIT extends IntegrationTest {

    @Test
    void a_revoked_token_stops_working_on_the_very_next_request_while_the_others_go_on() {
        Api first = newOwner();
        var created = first.post("/api/me/tokens", Map.of("name", "laptop"));
        assertThat(created.status()).isEqualTo(201);
        Api second = first.as(created.json().get("token").asText());
        assertThat(second.get("/api/me").status()).isEqualTo(200);

        assertThat(first.delete("/api/me/tokens/"
                                + created.json().get("tokenId").asText())
                        .status())
                .isEqualTo(204);

        var refused = second.get("/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(first.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void a_token_can_revoke_itself_and_revoking_twice_is_harmless() {
        Api owner = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "one-off"));
        Api oneOff = owner.as(created.json().get("token").asText());
        String tokenId = created.json().get("tokenId").asText();

        assertThat(oneOff.delete("/api/me/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(oneOff.get("/api/me").status()).isEqualTo(401);
        assertThat(owner.delete("/api/me/tokens/" + tokenId).status()).isEqualTo(204);
        JsonNode listed = token(owner, tokenId);
        assertThat(listed.get("revokedAt").isNull()).isFalse();
    }

    @Test
    void a_disabled_users_tokens_all_stop_at_once_and_work_again_when_re_enabled() {
        var created = admin().post("/api/admin/users", Map.of("username", unique("dis"), "role", "USER"));
        String userId = created.json().get("userId").asText();
        Api user = api.as(created.json().get("token").asText());
        Api secondToken = user.as(user.post("/api/me/tokens", Map.of("name", "phone"))
                .json()
                .get("token")
                .asText());
        assertThat(user.get("/api/me").status()).isEqualTo(200);

        assertThat(admin().post("/api/admin/users/" + userId + "/disable", null).status())
                .isEqualTo(204);
        assertThat(user.get("/api/me").status()).isEqualTo(401);
        assertThat(secondToken.get("/api/contacts").status()).isEqualTo(401);
        assertThat(admin().get("/api/admin/users/" + userId)
                        .json()
                        .get("disabled")
                        .asBoolean())
                .isTrue();

        assertThat(admin().post("/api/admin/users/" + userId + "/enable", null).status())
                .isEqualTo(204);
        assertThat(user.get("/api/me").status()).isEqualTo(200);
        assertThat(secondToken.get("/api/contacts").status()).isEqualTo(200);
    }

    @Test
    void a_disabled_admin_loses_admin_access_at_once() {
        var created = admin().post("/api/admin/users", Map.of("username", unique("adm"), "role", "ADMIN"));
        Api otherAdmin = api.as(created.json().get("token").asText());
        assertThat(otherAdmin.get("/api/admin/users").status()).isEqualTo(200);

        admin().post("/api/admin/users/" + created.json().get("userId").asText() + "/disable", null);

        assertThat(otherAdmin.get("/api/admin/users").status()).isEqualTo(401);
    }

    @Test
    void the_last_enabled_admin_cannot_be_disabled() {
        var created = admin().post("/api/admin/users", Map.of("username", unique("last"), "role", "ADMIN"));
        Api last = api.as(created.json().get("token").asText());
        String lastId = created.json().get("userId").asText();
        List<String> disabledHere = new ArrayList<>();
        try {
            for (JsonNode user : last.get("/api/admin/users").json()) {
                if (user.get("role").asText().equals("ADMIN")
                        && !user.get("disabled").asBoolean()
                        && !user.get("userId").asText().equals(lastId)) {
                    assertThat(last.post(
                                            "/api/admin/users/"
                                                    + user.get("userId").asText() + "/disable",
                                            null)
                                    .status())
                            .isEqualTo(204);
                    disabledHere.add(user.get("userId").asText());
                }
            }

            var refused = last.post("/api/admin/users/" + lastId + "/disable", null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("user.last-admin");
            assertThat(last.get("/api/admin/users").status()).isEqualTo(200);
        } finally {
            // Straight in the table: should the guard fail, no admin would be left to re-enable anyone.
            disabledHere.add(lastId);
            disabledHere.forEach(id -> jdbc.update("UPDATE app_user SET disabled = FALSE WHERE user_id = ?::uuid", id));
        }
        assertThat(admin().get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void a_user_cannot_revoke_another_users_token_which_is_answered_like_a_missing_one() {
        Api owner = newOwner();
        Api other = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "mine"));
        String tokenId = created.json().get("tokenId").asText();
        String random = UUID.randomUUID().toString();

        var onTheirs = other.delete("/api/me/tokens/" + tokenId);
        var onMissing = other.delete("/api/me/tokens/" + random);

        assertThat(onTheirs.status()).isEqualTo(404);
        assertThat(onTheirs.body().replace(tokenId, "<id>"))
                .isEqualTo(onMissing.body().replace(random, "<id>"));
        assertThat(owner.as(created.json().get("token").asText()).get("/api/me").status())
                .isEqualTo(200);
        assertThat(token(owner, tokenId).get("revokedAt").isNull()).isTrue();
        assertThat(other.get("/api/me/tokens").body()).doesNotContain(tokenId);
    }

    @Test
    void listing_tokens_shows_names_and_hints_but_never_a_secret() {
        Api owner = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "ci runner"));
        String secret = created.json().get("token").asText();

        var listed = owner.get("/api/me/tokens");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain(secret.substring(3, 20));
        JsonNode token = token(owner, created.json().get("tokenId").asText());
        assertThat(token.get("name").asText()).isEqualTo("ci runner");
        assertThat(token.get("hint").asText()).isEqualTo("kw_…" + secret.substring(secret.length() - 4));
        for (JsonNode each : listed.json()) {
            List<String> fields = new ArrayList<>();
            each.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .containsExactlyInAnyOrder(
                            "tokenId", "name", "hint", "createdAt", "expiresAt", "lastUsedAt", "revokedAt");
        }
        assertThat(listed.json()).hasSize(2);
    }

    @Test
    void a_token_name_with_control_characters_or_too_long_is_rejected_naming_the_field() {
        Api owner = newOwner();
        var rejected = owner.post("/api/me/tokens", Map.of("name", "x".repeat(101)));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(owner.post("/api/me/tokens", Map.of("name", "a\u0007b")).status())
                .isEqualTo(400);
    }

    @Test
    void me_says_who_the_token_belongs_to() {
        String username = unique("me");
        var created = admin().post("/api/admin/users", Map.of("username", username, "role", "USER"));
        Api user = api.as(created.json().get("token").asText());

        var me = user.get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("userId").asText())
                .isEqualTo(created.json().get("userId").asText());
        assertThat(me.json().get("username").asText()).isEqualTo(username);
        assertThat(me.json().get("role").asText()).isEqualTo("USER");
        assertThat(me.json().get("createdAt").asText()).isNotBlank();
        assertThat(admin().get("/api/me").json().get("role").asText()).isEqualTo("ADMIN");
    }

    @Test
    void an_admin_creates_a_user_whose_first_token_is_shown_once() {
        String username = unique("new");
        var created = admin().post("/api/admin/users", Map.of("username", username, "role", "USER"));

        assertThat(created.status()).isEqualTo(201);
        String userId = created.json().get("userId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + userId);
        assertThat(created.json().get("username").asText()).isEqualTo(username);
        assertThat(created.json().get("role").asText()).isEqualTo("USER");
        String token = created.json().get("token").asText();
        var read = admin().get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("username").asText()).isEqualTo(username);
        assertThat(read.body()).doesNotContain(token);
        assertThat(admin().get("/api/admin/users").body()).contains(username).doesNotContain(token);
        assertThat(admin().get("/api/admin/users/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void a_duplicate_username_is_a_conflict_whatever_its_case() {
        String username = unique("dup");
        assertThat(admin().post("/api/admin/users", Map.of("username", username, "role", "USER"))
                        .status())
                .isEqualTo(201);

        var again = admin().post("/api/admin/users", Map.of("username", username.toUpperCase(), "role", "ADMIN"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.body()).doesNotContain("\"token\"");
    }

    @Test
    void a_bad_username_or_role_is_rejected_naming_the_field_and_creates_nobody() {
        int users = admin().get("/api/admin/users").json().size();
        long events = eventCount();
        Map<String, Object> missingRole = new HashMap<>(Map.of("username", unique("norole")));
        List<Object[]> cases = List.of(
                new Object[] {Map.of("username", "x", "role", "USER"), "username"},
                new Object[] {Map.of("username", "has space", "role", "USER"), "username"},
                new Object[] {Map.of("username", "é" + unique("u"), "role", "USER"), "username"},
                new Object[] {Map.of("username", "u".repeat(65), "role", "USER"), "username"},
                new Object[] {Map.of("role", "USER"), "username"},
                new Object[] {Map.of("username", unique("root"), "role", "ROOT"), "role"},
                new Object[] {missingRole, "role"},
                new Object[] {Map.of("username", unique("extra"), "role", "USER", "admin", true), "admin"});
        for (Object[] c : cases) {
            var rejected = admin().post("/api/admin/users", c[0]);
            assertThat(rejected.status()).as("%s", c[0]).isEqualTo(400);
            assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
            assertThat(rejected.json().get("errors").get(0).get("field").asText())
                    .as("%s", c[0])
                    .isEqualTo(c[1]);
        }
        var noBody = admin().send("POST", "/api/admin/users", null, null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(admin().get("/api/admin/users").json().size()).isEqualTo(users);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void tokens_carry_the_kw_prefix_and_at_least_128_random_bits() {
        var created = admin().post("/api/admin/users", Map.of("username", unique("bits"), "role", "USER"));
        Api user = api.as(created.json().get("token").asText());
        List<String> tokens =
                new ArrayList<>(List.of(created.json().get("token").asText()));
        for (int i = 0; i < 5; i++) {
            tokens.add(user.post("/api/me/tokens", Map.of("name", "t" + i))
                    .json()
                    .get("token")
                    .asText());
        }
        for (String token : tokens) {
            assertThat(token).matches("kw_[A-Za-z0-9_-]+");
            byte[] secret = Base64.getUrlDecoder().decode(token.substring(3));
            assertThat(secret.length * 8).as("random bits of %s", token).isGreaterThanOrEqualTo(128);
        }
        assertThat(tokens).doesNotHaveDuplicates();
    }

    @Test
    void the_authenticated_user_is_the_actor_of_the_events_they_cause() {
        Api owner = newOwner();
        String userId = owner.get("/api/me").json().get("userId").asText();
        String contactId = owner.with("X-Request-Id", "actor-test-1")
                .post("/api/contacts", Map.of("displayName", "Actor Check"))
                .json()
                .get("contactId")
                .asText();

        JsonNode entry = owner.get("/api/contacts/" + contactId + "/history")
                .json()
                .get("items")
                .get(0);

        assertThat(entry.get("actorId").asText()).isEqualTo(userId);
        assertThat(entry.get("correlationId").asText()).isEqualTo("actor-test-1");
        String metadata = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                contactId);
        assertThat(metadata).contains("\"actorId\":\"" + userId + "\"").contains("\"ownerId\":\"" + userId + "\"");
    }

    @Test
    void a_malformed_or_unknown_authorization_is_a_401_never_a_500() {
        for (String header : List.of(
                "Bearer",
                "Bearer ",
                "Basic dXNlcjpwYXNz",
                "kw_no_scheme",
                "Bearer kw_unknown",
                "Bearer " + "x".repeat(2000))) {
            var response = api.with("Authorization", header).get("/api/me");
            assertThat(response.status()).as(header).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(header).startsWith("application/problem+json");
        }
    }

    private static JsonNode token(Api owner, String tokenId) {
        for (JsonNode token : owner.get("/api/me/tokens").json()) {
            if (token.get("tokenId").asText().equals(tokenId)) {
                return token;
            }
        }
        throw new AssertionError("token " + tokenId + " not listed");
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
