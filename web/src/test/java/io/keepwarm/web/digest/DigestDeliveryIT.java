package io.keepwarm.web.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.Fixtures;
import io.keepwarm.web.testsupport.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The weekly digest received by a real SMTP server (GreenMail) from real nodes: two Spring contexts on one
 * database, polling every 200 ms, then a restart. The account's digest is due today at the current hour in its
 * zone, so it is due the moment the nodes start.
 */
class DigestDeliveryIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void two_nodes_send_exactly_one_digest_per_period_and_a_restart_sends_no_second() throws Exception {
        String url = TestDatabase.newDatabase();
        int smtp = MAIL.getSmtp().getPort();
        Api adminA = new Api(start(url, "digest-a", smtp), TestDatabase.ADMIN_TOKEN);
        Api adminB = new Api(start(url, "digest-b", smtp), TestDatabase.ADMIN_TOKEN);
        Api owner = owner(adminA, "digest-owner");
        String olga = tracked(owner, "Olga Owed", "Acme", Instant.now().minus(Duration.ofDays(30)), "ASKED");
        // 45 days: COLD now (r = 2.14), not a week ago (r = 1.81): it went cold since
        tracked(owner, "Colin Cold", null, Instant.now().minus(Duration.ofDays(45)), "NONE");
        // warm: touched two days ago with a give, so last week's activity has something in it
        tracked(owner, "Wendy Warm", null, Instant.now().minus(Duration.ofDays(2)), "GAVE");
        String fiona = tracked(owner, "Fiona Forgotten", null, Instant.now().minus(Duration.ofDays(40)), "NONE");
        assertThat(owner.delete("/api/contacts/" + fiona).status()).isEqualTo(204);
        Api disabled = owner(adminA, "digest-disabled");
        tracked(disabled, "Dora Disabled", null, Instant.now().minus(Duration.ofDays(40)), "NONE");
        String disabledId = disabled.get("/api/me").json().get("userId").asText();
        assertThat(disabled.patch("/api/me/settings", Map.of("timeZone", "Europe/Paris"))
                        .status())
                .isEqualTo(200);
        assertThat(adminA.post("/api/admin/users/" + disabledId + "/disable", null)
                        .status())
                .isEqualTo(204);
        // a disabled user cannot change settings any more; their digest is switched on behind their back
        JdbcTemplate database = nodes.get(0).getBean(JdbcTemplate.class);
        ZonedDateTime paris = ZonedDateTime.now(PARIS);
        database.update(
                "UPDATE account_settings SET digest = 'WEEKLY', digest_day = ?, digest_hour = ?, digest_email = ? "
                        + "WHERE user_id = ?::uuid",
                paris.getDayOfWeek().name(),
                paris.getHour(),
                "disabled@example.com",
                disabledId);

        weeklyNow(owner, "owner@example.com");

        Eventually.until("the digest to arrive", () -> MAIL.getReceivedMessages().length >= 1);
        Thread.sleep(3000); // fifteen more polls on each node
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received)
                .as("one mail for one account and period, though two nodes poll")
                .hasSize(1);
        MimeMessage digest = received[0];
        assertThat(digest.getAllRecipients()[0].toString()).isEqualTo("owner@example.com");
        assertThat(digest.getSubject()).isEqualTo("keepwarm: 2 people to reach out to");
        String body = GreenMailUtil.getBody(digest).replace("\r\n", "\n");
        assertThat(body)
                .contains("Hello digest-owner,")
                .contains("1. Colin Cold: last spoke 45 days ago, every 21 days: reconnect")
                .contains("2. Olga Owed (Acme): last spoke 30 days ago, every 21 days; you asked once and never "
                        + "gave: offer help")
                .contains("Went cold since a week ago")
                .contains("  - Colin Cold: every 21 days, due since")
                .contains("Last week (")
                .contains("): 1 interaction, 0 asks, 1 give.")
                .doesNotContain("Fiona", "note", "Dora");
        Files.writeString(Path.of("target", "sample-digest.txt"), "Subject: " + digest.getSubject() + "\n\n" + body);

        assertThat(database.queryForList(
                        "SELECT state || ' ' || attempts FROM digest_delivery ORDER BY state", String.class))
                .as("sent once, in one attempt; nothing for the disabled user")
                .containsExactly("SENT 1");
        JsonNode status = adminB.get("/api/admin/digests").json();
        assertThat(status.get("mailConfigured").asBoolean()).isTrue();
        assertThat(status.get("byState").get("SENT").asLong()).isEqualTo(1);
        assertThat(status.get("unsent")).isEmpty();
        assertThat(olga).isNotBlank();

        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
        start(url, "digest-c", smtp);
        Thread.sleep(3000);
        assertThat(MAIL.getReceivedMessages()).as("after a restart, still one").hasSize(1);
    }

    @Test
    void a_digest_that_cannot_be_sent_is_retried_with_back_off_and_shown_to_admins() throws Exception {
        String url = TestDatabase.newDatabase();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Api admin = new Api(start(url, "digest-down", closed), TestDatabase.ADMIN_TOKEN);
        Api owner = owner(admin, "digest-unlucky");
        tracked(owner, "Una Unsent", null, Instant.now().minus(Duration.ofDays(30)), "NONE");
        weeklyNow(owner, "unlucky@example.com");

        JsonNode failing = Eventually.until(
                "a failed attempt to show",
                () -> admin.get("/api/admin/digests").json(),
                status -> status.get("unsent").size() == 1
                        && status.get("unsent").get(0).get("attempts").asInt() >= 2);
        JsonNode delivery = failing.get("unsent").get(0);
        assertThat(delivery.get("username").asText()).isEqualTo("digest-unlucky");
        assertThat(delivery.get("state").asText()).isIn("PENDING", "SENDING");
        assertThat(delivery.get("lastError").asText()).containsIgnoringCase("mail");
        assertThat(failing.get("byState").has("SENT")).isFalse();
        JdbcTemplate database = nodes.get(0).getBean(JdbcTemplate.class);
        Instant next =
                database.queryForObject("SELECT next_attempt_at FROM digest_delivery", (rs, n) -> rs.getTimestamp(1)
                        .toInstant());
        Instant created =
                database.queryForObject("SELECT created_at FROM digest_delivery", (rs, n) -> rs.getTimestamp(1)
                        .toInstant());
        int attempts = database.queryForObject("SELECT attempts FROM digest_delivery", Integer.class);
        assertThat(Duration.between(created, next))
                .as("after %d attempts the next waits 1 s × 2^(attempts − 1) from the last", attempts)
                .isGreaterThanOrEqualTo(Duration.ofSeconds((1L << (attempts - 1)) - 1));
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    private static void weeklyNow(Api owner, String email) {
        ZonedDateTime now = ZonedDateTime.now(PARIS);
        var patched = owner.patch(
                "/api/me/settings",
                Map.of(
                        "timeZone",
                        PARIS.getId(),
                        "digest",
                        Map.of(
                                "frequency",
                                "WEEKLY",
                                "day",
                                now.getDayOfWeek().name(),
                                "hour",
                                now.getHour(),
                                "email",
                                email)));
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    }

    private static Api owner(Api admin, String username) {
        var user = admin.post("/api/admin/users", Map.of("username", username, "role", "USER"));
        assertThat(user.status()).isEqualTo(201);
        return admin.as(user.json().get("token").asText());
    }

    private static String tracked(Api owner, String name, String organization, Instant last, String favor) {
        String id = Fixtures.addContact(
                owner,
                organization == null
                        ? Map.of("displayName", name)
                        : Map.of("displayName", name, "organization", organization));
        Fixtures.setCadence(owner, id, 21);
        Map<String, Object> touch = Fixtures.interaction(last, id);
        touch.put("favor", favor);
        touch.put("note", "a private note about " + name);
        Fixtures.logInteraction(owner, touch);
        return id;
    }

    private int start(String url, String nodeId, int smtpPort) {
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
                        "--keepwarm.node-id=" + nodeId,
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                        "--keepwarm.digest.poll-interval=200ms",
                        "--keepwarm.digest.retry-base=1s");
        nodes.add(context);
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
