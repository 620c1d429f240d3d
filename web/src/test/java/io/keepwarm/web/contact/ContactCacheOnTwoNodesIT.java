package io.keepwarm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.contact.ContactAggregateCache;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each node keeps the contact aggregates it wrote (docs/adr/0031): two nodes on one database, each with a cached
 * copy of a contact that the other node then moves on. Whatever a node answers from its copy must be what it would
 * have answered from the store.
 */
class ContactCacheOnTwoNodesIT {

    private static final Instant OCCURRED =
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private Api ownerA;
    private Api ownerB;
    private ContactAggregateCache cacheA;

    @BeforeEach
    void twoNodes() {
        String url = TestDatabase.newDatabase();
        Api adminA = new Api(start(url, "cache-a"), TestDatabase.ADMIN_TOKEN);
        cacheA = nodes.get(0).getBean(ContactAggregateCache.class);
        Api adminB = new Api(start(url, "cache-b"), TestDatabase.ADMIN_TOKEN);
        String token = adminA.post("/api/admin/users", Map.of("username", "cached", "role", "USER"))
                .json()
                .get("token")
                .asText();
        ownerA = adminA.as(token);
        ownerB = adminB.as(token);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void a_second_write_on_the_same_node_loads_the_contact_from_the_cache() {
        String contact = addContact(ownerA, "Ada");
        ContactCommands commandsA = nodes.get(0).getBean(ContactCommands.class);
        long before = cacheA.hits();
        long checks = commandsA.cachedContactChecks();
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(cacheA.hits()).isGreaterThanOrEqualTo(before + 2);
        assertThat(commandsA.cachedContactChecks())
                .as("a write that appends needs no version check")
                .isEqualTo(checks);
        assertThat(interactions(ownerB, contact)).isEqualTo(2);

        // a resend appends nothing: its answer is checked against the store
        UUID resent = UUID.randomUUID();
        assertThat(log(ownerA, contact, resent).status()).isEqualTo(201);
        assertThat(log(ownerA, contact, resent).status()).isEqualTo(200);
        assertThat(commandsA.cachedContactChecks()).isEqualTo(checks + 1);
    }

    @Test
    void a_node_whose_cached_contact_is_behind_appends_after_what_the_other_node_appended() {
        String contact = addContact(ownerA, "Grace");
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(log(ownerB, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(log(ownerB, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(interactions(ownerA, contact)).isEqualTo(4);
        assertThat(ownerA.get("/api/history?limit=50").json().get("items")).hasSize(5);
    }

    @Test
    void a_node_corrects_an_interaction_its_cached_contact_has_not_seen() {
        String contact = addContact(ownerA, "Barbara");
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        UUID logged = UUID.randomUUID();
        assertThat(log(ownerB, contact, logged).status()).isEqualTo(201);

        // A's copy of the contact does not know the interaction: refusing would be an answer from stale state
        assertThat(ownerA.patch("/api/interactions/" + logged, Map.of("favor", "GAVE"))
                        .status())
                .isEqualTo(204);
        assertThat(ownerB.get("/api/interactions/" + logged).json().get("favor").asText())
                .isEqualTo("GAVE");
    }

    @Test
    void a_node_archives_a_contact_its_cached_copy_believes_archived_after_the_other_node_restored_it() {
        String contact = addContact(ownerA, "Edsger");
        assertThat(ownerA.post("/api/contacts/" + contact + "/archive", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(ownerB.post("/api/contacts/" + contact + "/restore", Map.of())
                        .status())
                .isEqualTo(200);

        // A's copy says archived already: appending nothing would leave the contact restored
        assertThat(ownerA.post("/api/contacts/" + contact + "/archive", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(ownerB.get("/api/contacts/" + contact).json().get("archived").asBoolean())
                .isTrue();
    }

    @Test
    void forgetting_a_contact_on_one_node_empties_the_other_nodes_cache() {
        String contact = addContact(ownerA, "Alan");
        assertThat(log(ownerA, contact, UUID.randomUUID()).status()).isEqualTo(201);
        assertThat(cacheA.containsKey(contact)).isTrue();

        assertThat(ownerB.delete("/api/contacts/" + contact).status()).isEqualTo(204);
        Eventually.until("node A to drop its copy of the forgotten contact", () -> !cacheA.containsKey(contact));
    }

    private static String addContact(Api owner, String name) {
        var added = owner.post("/api/contacts", Map.of("displayName", name));
        assertThat(added.status()).isEqualTo(201);
        return added.json().get("contactId").asText();
    }

    private static Api.Response log(Api owner, String contact, UUID interactionId) {
        return owner.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        interactionId.toString(),
                        "contactIds",
                        List.of(contact),
                        "occurredAt",
                        OCCURRED.toString(),
                        "channel",
                        "CALL",
                        "initiatedBy",
                        "ME",
                        "favor",
                        "ASKED"));
    }

    private static int interactions(Api owner, String contact) {
        return owner.get("/api/contacts/" + contact + "/interactions?limit=50")
                .json()
                .get("items")
                .size();
    }

    private int start(String url, String nodeId) {
        KeepwarmApplication.disableCallsHome();
        TestDatabase.Server server = TestDatabase.server();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KeepwarmApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + server.user(),
                        "--spring.datasource.password=" + server.password(),
                        "--spring.datasource.hikari.maximum-pool-size=8",
                        "--keepwarm.admin-token=" + TestDatabase.ADMIN_TOKEN,
                        "--keepwarm.node-id=" + nodeId);
        nodes.add(context);
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
