package io.keepwarm.application.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.domain.contact.api.OwnerId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A search term shorter than a trigram is matched with {@code strpos}, which the GIN index (owner_id, search_text)
 * cannot serve, and a longer one with {@code LIKE}, which it can. pg_trgm extracts no trigram from {@code %li%}: under
 * a generic plan (a prepared statement run more than five times, as the pool's connections do) {@code LIKE} scanned
 * every owner's entries of the index, 15 s at a million contacts (docs/bench.md, scenario 5). The answers are
 * ContactSearchIT's; this says which form each term takes.
 */
class ShortSearchTermTest {

    private static final OwnerId OWNER = new OwnerId(UUID.randomUUID());

    @Test
    void a_term_shorter_than_a_trigram_is_matched_by_strpos_and_a_longer_one_by_like() {
        String longTerm = ContactQueries.firstPage(OWNER, "muller", 50).sql();
        assertThat(longTerm).contains("c.search_text LIKE :term0").doesNotContain("strpos");

        String shortTerm = ContactQueries.firstPage(OWNER, "li", 50).sql();
        assertThat(shortTerm).contains("strpos(c.search_text, :short0) > 0").doesNotContain("c.search_text LIKE");
        assertThat(ContactQueries.firstPage(OWNER, "li", 50).params()).containsEntry("short0", "li");

        assertThat(ContactQueries.firstPage(OWNER, "王", 50).sql()).contains("strpos(c.search_text, :short0)");
        assertThat(ContactQueries.firstPage(OWNER, "anna k", 50).sql())
                .contains("c.search_text LIKE :term0", "strpos(c.search_text, :short1) > 0");
    }
}
