package io.keepwarm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactLifecycleIT extends IntegrationTest {

    @Test
    void an_added_contact_can_be_read_back_at_once_with_its_etag() {
        Api owner = newOwner();
        var created =
                owner.post("/api/contacts", Map.of("displayName", "Grace Hopper", "tags", List.of("Navy", "cobol")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("contactId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/contacts/" + id);

        var read = owner.get("/api/contacts/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("displayName").asText()).isEqualTo("Grace Hopper");
        assertThat(read.json().get("tags").toString()).isEqualTo("[\"cobol\",\"navy\"]");
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void a_contact_without_a_name_is_rejected_naming_the_field_and_appends_nothing() {
        Api owner = newOwner();
        long before = eventCount();
        var rejected = owner.post("/api/contacts", Map.of("city", "Paris"));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rejected.json().get("errors").get(0).get("field").asText()).isEqualTo("displayName");
        assertThat(eventCount()).isEqualTo(before);
    }
}
