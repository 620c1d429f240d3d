package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.unknownId;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code If-Match} on {@code PATCH /api/contacts/{id}} as RFC 9110 §13.1.1 says: the strong comparison; a
 * well-formed tag that does not match (whatever it holds) is 412; only a header that is not an entity-tag list is
 * 400. Neither appends an event.
 */
class ConditionalRequestsIT extends IntegrationTest {

    @Test
    void a_well_formed_etag_that_does_not_match_is_412_not_400() {
        Api owner = newOwner();
        String id = addContact(owner, "Ada Lovelace");
        long before = eventCount();

        for (String tag : List.of("\"stale-0\"", "\"\"", "\"7\"", "\"stale-0\", \"also-not\"")) {
            assertProblem(owner.with("If-Match", tag).patch("/api/contacts/" + id, Map.of("city", "London")), 412);
        }

        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts/" + id).json().path("city").isNull())
                .isTrue();
    }

    @Test
    void a_weak_etag_never_matches_under_the_strong_comparison() {
        Api owner = newOwner();
        String id = addContact(owner, "Grace Hopper");
        String current = owner.get("/api/contacts/" + id).header("ETag");
        assertThat(current).isEqualTo("\"0\"");
        long before = eventCount();

        var weak = owner.with("If-Match", "W/" + current).patch("/api/contacts/" + id, Map.of("role", "Admiral"));

        assertThat(assertProblem(weak, 412).path("code").asText()).isNotBlank();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_unquoted_or_otherwise_malformed_if_match_is_400_naming_the_header() {
        Api owner = newOwner();
        String id = addContact(owner, "Katherine Johnson");
        long before = eventCount();

        for (String malformed : List.of("0", "5", "W/5", "\"0", "\"0\",", "\"0\" \"1\"")) {
            assertInvalid(
                    owner.with("If-Match", malformed).patch("/api/contacts/" + id, Map.of("role", "X")), "If-Match");
        }

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void the_current_strong_etag_alone_or_in_a_list_matches_and_a_star_matches_any() {
        Api owner = newOwner();
        String id = addContact(owner, "Dorothy Vaughan");

        var alone = owner.with("If-Match", "\"0\"").patch("/api/contacts/" + id, Map.of("role", "Supervisor"));
        assertThat(alone.status()).as(alone.toString()).isEqualTo(200);
        assertThat(alone.header("ETag")).isEqualTo("\"1\"");

        var listed = owner.with("If-Match", "\"0\", W/\"1\", \"1\"")
                .patch("/api/contacts/" + id, Map.of("role", "Mathematician"));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.header("ETag")).isEqualTo("\"2\"");

        var star = owner.with("If-Match", "*").patch("/api/contacts/" + id, Map.of("role", "Programmer"));
        assertThat(star.status()).as(star.toString()).isEqualTo(200);
    }

    @Test
    void a_precondition_on_a_missing_contact_is_still_404() {
        Api owner = newOwner();

        assertProblem(
                owner.with("If-Match", "\"stale-0\"").patch("/api/contacts/" + unknownId(), Map.of("role", "X")), 404);
    }
}
