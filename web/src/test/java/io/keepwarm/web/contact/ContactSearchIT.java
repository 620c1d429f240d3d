package io.keepwarm.web.contact;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.ProblemAssert.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.ContactView;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/contacts?q=} on a network of German, Portuguese, Polish, Turkish, Vietnamese, Chinese and emoji
 * names: a search finds whom a person expects, best match first, and every list is in ICU root collation order
 * (docs/search.md, docs/adr/0018-search-and-name-order.md).
 */
class ContactSearchIT extends IntegrationTest {

    private static final List<Map<String, Object>> NETWORK = List.of(
            Map.of("displayName", "Jürgen Müller", "organization", "Siemens", "city", "München"),
            Map.of("displayName", "Thomas Mueller", "city", "Berlin"),
            Map.of("displayName", "Anna Groß", "city", "Köln", "role", "CTO"),
            Map.of("displayName", "João Gonçalves", "city", "São Paulo", "tags", List.of("open-source")),
            Map.of("displayName", "Łukasz Wiśniewski", "city", "Łódź"),
            Map.of("displayName", "Zoë Kowalczyk", "organization", "Żabka"),
            Map.of("displayName", "Işık Yılmaz", "city", "Ankara"),
            Map.of("displayName", "İbrahim Çelik", "city", "İstanbul"),
            Map.of("displayName", "Nguyễn Thị Ánh", "city", "Hà Nội"),
            Map.of("displayName", "Đặng Văn Lâm", "city", "Hải Phòng"),
            Map.of("displayName", "王伟", "organization", "阿里巴巴", "city", "杭州"),
            Map.of("displayName", "李娜", "city", "北京"),
            Map.of("displayName", "Rocket Team 🚀", "channels", Map.of("email", "crew@rocket.example")),
            Map.of("displayName", "Émile Zola", "channels", Map.of("email", "emile@example.org", "phone", "+33 1 23")),
            Map.of("displayName", "Eve Adams", "channels", Map.of("linkedin", "https://linkedin.com/in/eve-adams")));

    @Autowired
    ContactQueries contacts;

    private Api networkOwner() {
        Api owner = newOwner();
        NETWORK.forEach(contact -> addContact(owner, contact));
        return owner;
    }

    @Test
    void searches_ignore_case_and_diacritics_in_every_language_of_the_network() {
        Api owner = networkOwner();

        assertThat(search(owner, "muller")).containsExactly("Jürgen Müller");
        assertThat(search(owner, "MÜLLER")).containsExactly("Jürgen Müller");
        assertThat(search(owner, "mueller")).containsExactly("Thomas Mueller");
        assertThat(search(owner, "gross")).containsExactly("Anna Groß");
        assertThat(search(owner, "koln")).containsExactly("Anna Groß");
        assertThat(search(owner, "munchen")).containsExactly("Jürgen Müller");
        assertThat(search(owner, "Sao Paulo")).containsExactly("João Gonçalves");
        assertThat(search(owner, "joao goncalves")).containsExactly("João Gonçalves");
        assertThat(search(owner, "lukasz")).containsExactly("Łukasz Wiśniewski");
        assertThat(search(owner, "lodz")).containsExactly("Łukasz Wiśniewski");
        assertThat(search(owner, "zabka")).containsExactly("Zoë Kowalczyk");
        assertThat(search(owner, "zoe")).containsExactly("Zoë Kowalczyk");
        // Turkish: dotless ı and dotted İ are both an i to a searcher, whichever keyboard they type on
        assertThat(search(owner, "isik")).containsExactly("Işık Yılmaz");
        assertThat(search(owner, "IŞIK")).containsExactly("Işık Yılmaz");
        assertThat(search(owner, "yilmaz")).containsExactly("Işık Yılmaz");
        assertThat(search(owner, "ibrahim")).containsExactly("İbrahim Çelik");
        assertThat(search(owner, "İBRAHİM")).containsExactly("İbrahim Çelik");
        assertThat(search(owner, "istanbul")).containsExactly("İbrahim Çelik");
        assertThat(search(owner, "celik")).containsExactly("İbrahim Çelik");
        // Vietnamese: stacked diacritics and đ
        assertThat(search(owner, "nguyen thi anh")).containsExactly("Nguyễn Thị Ánh");
        assertThat(search(owner, "ha noi")).containsExactly("Nguyễn Thị Ánh");
        assertThat(search(owner, "dang van lam")).containsExactly("Đặng Văn Lâm");
        assertThat(search(owner, "hai phong")).containsExactly("Đặng Văn Lâm");
        // Chinese: characters match as typed, in the name and in other fields
        assertThat(search(owner, "王")).containsExactly("王伟");
        assertThat(search(owner, "伟")).containsExactly("王伟");
        assertThat(search(owner, "阿里")).containsExactly("王伟");
        assertThat(search(owner, "北京")).containsExactly("李娜");
        // emoji
        assertThat(search(owner, "🚀")).containsExactly("Rocket Team 🚀");
        assertThat(search(owner, "rocket")).containsExactly("Rocket Team 🚀");
    }

    @Test
    void searches_reach_organization_role_city_tags_and_every_handle() {
        Api owner = networkOwner();

        assertThat(search(owner, "siemens")).containsExactly("Jürgen Müller");
        assertThat(search(owner, "cto")).containsExactly("Anna Groß");
        assertThat(search(owner, "open-source")).containsExactly("João Gonçalves");
        assertThat(search(owner, "open source")).containsExactly("João Gonçalves");
        assertThat(search(owner, "emile@example.org")).containsExactly("Émile Zola");
        assertThat(search(owner, "crew@rocket")).containsExactly("Rocket Team 🚀");
        assertThat(search(owner, "+33 1 23")).containsExactly("Émile Zola");
        assertThat(search(owner, "eve-adams")).containsExactly("Eve Adams");
        assertThat(search(owner, "nobody at all")).isEmpty();
    }

    @Test
    void matches_come_best_first_a_name_that_starts_with_the_query_then_a_word_then_inside_then_other_fields() {
        Api owner = newOwner();
        for (Map<String, Object> contact : List.of(
                Map.<String, Object>of("displayName", "Yuki Tanaka", "role", "Hannah's assistant"),
                Map.<String, Object>of("displayName", "Zed Zimmer", "organization", "Annapurna Labs"),
                Map.<String, Object>of("displayName", "Joanna Kowalska"),
                Map.<String, Object>of("displayName", "Maria Annan"),
                Map.<String, Object>of("displayName", "Annabel Lee"),
                Map.<String, Object>of("displayName", "Änna Schmidt"),
                Map.<String, Object>of("displayName", "Bob Builder"))) {
            addContact(owner, contact);
        }

        assertThat(search(owner, "anna"))
                .containsExactly(
                        "Änna Schmidt", // the name starts with it (the space sorts before letters)
                        "Annabel Lee",
                        "Maria Annan", // a word of the name starts with it
                        "Joanna Kowalska", // the name holds it
                        "Zed Zimmer", // a word of the organization starts with it
                        "Yuki Tanaka"); // inside the role
    }

    @Test
    void the_list_is_in_the_root_collation_order_not_code_point_order() {
        Api owner = networkOwner();

        List<String> listed = names(owner.get("/api/contacts").json());

        List<String> expected = new ArrayList<>(
                NETWORK.stream().map(c -> (String) c.get("displayName")).toList());
        expected.sort(Collator.getInstance(ULocale.ROOT));
        assertThat(listed).isEqualTo(expected);
        // what a person expects of an address book
        assertThat(listed.indexOf("Émile Zola")).isLessThan(listed.indexOf("Eve Adams"));
        assertThat(listed.indexOf("Łukasz Wiśniewski")).isLessThan(listed.indexOf("Zoë Kowalczyk"));
        assertThat(listed.indexOf("İbrahim Çelik")).isLessThan(listed.indexOf("Jürgen Müller"));
        assertThat(listed.indexOf("Đặng Văn Lâm")).isLessThan(listed.indexOf("Émile Zola"));
        assertThat(listed.indexOf("Zoë Kowalczyk"))
                .as("Latin letters before Han characters")
                .isLessThan(listed.indexOf("王伟"));
    }

    @Test
    void search_results_page_with_cursors_that_carry_no_name_and_stop_at_a_forgotten_contact() {
        Api owner = newOwner();
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Anna Ä", "Anna B", "Anna C", "Joanna D", "Joanna E")) {
            ids.add(addContact(owner, name));
        }
        List<String> whole = search(owner, "anna");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        List<String> cursors = new ArrayList<>();
        do {
            JsonNode page = owner.get("/api/contacts?limit=2&q=anna" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            paged.addAll(names(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null && paged.size() < 20);

        assertThat(paged).isEqualTo(whole).hasSize(5);
        for (String issued : cursors) {
            byte[] decoded = Base64.getUrlDecoder().decode(issued.substring(issued.indexOf('.') + 1));
            assertThat(decoded).as("a contact id's 16 bytes, nothing of a name").hasSize(16);
            assertThat(new String(decoded, StandardCharsets.ISO_8859_1)).doesNotContain("nna");
        }

        // the first page's cursor points after "Anna B"; once Anna B is forgotten it leads nowhere
        String afterAnnaB = cursors.get(0);
        assertThat(owner.delete("/api/contacts/" + ids.get(1)).status()).isEqualTo(204);
        var stale = owner.get("/api/contacts?limit=2&q=anna&cursor=" + afterAnnaB);
        assertInvalid(stale, "cursor");
        assertThat(stale.body()).doesNotContain("Anna");
        // a cursor of another owner's contact is as unknown as a made-up one
        assertInvalid(newOwner().get("/api/contacts?cursor=" + afterAnnaB), "cursor");
    }

    @Test
    void forgetting_clears_the_search_columns_too() {
        Api owner = newOwner();
        String id = addContact(
                owner, Map.of("displayName", "Sérgio Forgettable", "organization", "Vanishing Ltda", "city", "Évora"));

        assertThat(owner.delete("/api/contacts/" + id).status()).isEqualTo(204);

        assertThat(search(owner, "sergio")).isEmpty();
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT search_name, search_text, sort_key FROM contact_view WHERE contact_id = ?",
                UUID.fromString(id));
        assertThat(row.get("search_name")).isEqualTo("");
        assertThat(row.get("search_text")).isEqualTo("");
        assertThat((byte[]) row.get("sort_key")).isEmpty();
        assertThat((byte[]) jdbc.queryForObject(
                        "SELECT sort_key FROM going_cold WHERE contact_id = ?", byte[].class, UUID.fromString(id)))
                .isEmpty();
    }

    @Test
    void the_contact_picker_matches_and_ranks_as_the_list_does_and_leaves_archived_contacts_out() {
        Api owner = networkOwner();
        archive(owner, addContact(owner, "Müller Archived"));
        OwnerId ownerId = new OwnerId(
                UUID.fromString(owner.get("/api/me").json().get("userId").asText()));

        List<String> picked = contacts.pick(ownerId, "mu", 10).stream()
                .map(ContactView::displayName)
                .toList();

        assertThat(picked).containsExactly("Jürgen Müller", "Thomas Mueller");
        assertThat(search(owner, "mu")).containsExactly("Müller Archived", "Jürgen Müller", "Thomas Mueller");
    }

    private static List<String> search(Api owner, String q) {
        var response = owner.get("/api/contacts?limit=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return names(response.json());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("displayName").asText()));
        return names;
    }
}
