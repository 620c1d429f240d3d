package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.keepwarm.application.accounts.ApiTokens;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * No token is ever stored or logged in plain text: after users and tokens are created and used (well and
 * badly), neither a dump of every table of the database nor the application's log holds any of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenSecrecyIT extends IntegrationTest {

    /** Loggers turned up to TRACE while the log is captured, so that debugging output is held to the rule too. */
    private static final List<String> VERBOSE = List.of(
            "io.keepwarm",
            "org.springframework.security",
            "org.springframework.web",
            "org.springframework.jdbc.core",
            "org.springframework.http");

    @Test
    void no_token_is_stored_in_plain_text_in_any_table() {
        List<String> tokens = useTokensWellAndBadly();

        String dump = dumpOfEveryTable();

        assertThat(dump).as("the dump must hold the token tables").contains("kw_…");
        for (String token : tokens) {
            for (String form : forms(token)) {
                assertThat(dump).as("the database holds %s of a token", form).doesNotContain(form);
            }
        }
    }

    @Test
    void a_token_is_stored_only_as_its_sha_256_and_a_four_character_hint() throws Exception {
        Api owner = newOwner();
        var created = owner.post("/api/me/tokens", Map.of("name", "hashed"));
        String token = created.json().get("token").asText();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT encode(token_hash, 'hex') AS hash, hint FROM api_token WHERE token_id = ?::uuid",
                created.json().get("tokenId").asText());

        assertThat(row.get("hash"))
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
        assertThat(row.get("hint")).isEqualTo("kw_…" + token.substring(token.length() - 4));
    }

    @Test
    void no_token_is_written_to_the_log_even_at_trace_level(CapturedOutput console) throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        captured.start();
        root.addAppender(captured);
        VERBOSE.forEach(name -> logging.setLogLevel(name, LogLevel.TRACE));
        List<String> tokens;
        try {
            tokens = useTokensWellAndBadly();
            Thread.sleep(300); // lines logged after the answer was sent, such as "Completed 401"
        } finally {
            VERBOSE.forEach(name -> logging.setLogLevel(name, null));
            root.detachAppender(captured);
            captured.stop();
        }

        StringBuilder log = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            log.append(event.getLoggerName())
                    .append(' ')
                    .append(event.getFormattedMessage())
                    .append(' ')
                    .append(event.getMDCPropertyMap())
                    .append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                log.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        assertThat(captured.list).as("the log was captured at trace level").hasSizeGreaterThan(50);
        assertThat(log).as("requests were logged").contains("/api/me/tokens");
        for (String token : tokens) {
            for (String form : forms(token)) {
                assertThat(log.toString())
                        .as("the log holds %s of a token", form)
                        .doesNotContain(form);
                assertThat(console.getAll())
                        .as("the console holds %s of a token", form)
                        .doesNotContain(form);
            }
        }
    }

    /**
     * Creates a user and tokens, calls the API with valid, revoked, disabled and made-up tokens; returns every
     * token involved (the admin's too).
     */
    private List<String> useTokensWellAndBadly() {
        List<String> tokens = new ArrayList<>(List.of(TestDatabase.ADMIN_TOKEN));
        var created = admin().post(
                        "/api/admin/users",
                        Map.of(
                                "username",
                                "secrecy" + UUID.randomUUID().toString().substring(0, 8),
                                "role",
                                "USER"));
        assertThat(created.status()).isEqualTo(201);
        String first = created.json().get("token").asText();
        tokens.add(first);
        Api user = api.as(first);
        var second = user.post("/api/me/tokens", Map.of("name", "second"));
        tokens.add(second.json().get("token").asText());
        var third = user.post("/api/me/tokens", Map.of("name", "to revoke"));
        tokens.add(third.json().get("token").asText());

        assertThat(user.get("/api/me").status()).isEqualTo(200);
        assertThat(user.post("/api/contacts", Map.of("displayName", "Secret Keeper"))
                        .status())
                .isEqualTo(201);
        assertThat(user.as(tokens.get(2)).get("/api/me/tokens").status()).isEqualTo(200);
        assertThat(user.delete("/api/me/tokens/" + third.json().get("tokenId").asText())
                        .status())
                .isEqualTo(204);
        assertThat(user.as(tokens.get(3)).get("/api/me").status()).isEqualTo(401);

        String madeUp = ApiTokens.generate();
        tokens.add(madeUp);
        assertThat(api.as(madeUp).get("/api/contacts").status()).isEqualTo(401);
        String notOurs = "ghp_" + UUID.randomUUID().toString().replace("-", "") + "0123";
        tokens.add(notOurs);
        assertThat(api.as(notOurs)
                        .post("/api/contacts", Map.of("displayName", "Nobody"))
                        .status())
                .isEqualTo(401);
        assertThat(api.with("Authorization", "Basic " + madeUp).get("/api/me").status())
                .isEqualTo(401);

        String userId = created.json().get("userId").asText();
        admin().post("/api/admin/users/" + userId + "/disable", null);
        assertThat(user.get("/api/me").status()).isEqualTo(401);
        admin().post("/api/admin/users/" + userId + "/enable", null);
        assertThat(user.get("/api/me").status()).isEqualTo(200);
        assertThat(user.get("/api/admin/users").status()).isEqualTo(403);
        return tokens;
    }

    /** A token as it could leak: whole, without its prefix, its first and last twelve characters, and in hex. */
    private static List<String> forms(String token) {
        String secret = token.substring(token.indexOf('_') + 1);
        HexFormat hex = HexFormat.of();
        return List.of(
                token,
                secret,
                secret.substring(0, 12),
                secret.substring(secret.length() - 12),
                hex.formatHex(token.getBytes(StandardCharsets.UTF_8)),
                hex.formatHex(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every row of every table outside PostgreSQL's own schemas, each cast to text (bytea shows as hex). */
    private String dumpOfEveryTable() {
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                ORDER BY 1, 2""");
        assertThat(tables).extracting(t -> t.get("table_name")).contains("api_token", "app_user", "domain_event_entry");
        StringBuilder dump = new StringBuilder();
        for (Map<String, Object> table : tables) {
            String name = "\"" + table.get("table_schema") + "\".\"" + table.get("table_name") + "\"";
            dump.append("== ").append(name).append('\n');
            jdbc.query("SELECT t::text FROM " + name + " t", rs -> {
                dump.append(rs.getString(1)).append('\n');
            });
        }
        return dump.toString();
    }
}
