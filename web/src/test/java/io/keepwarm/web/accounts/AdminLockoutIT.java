package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import io.keepwarm.web.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Admins cannot lock themselves out: the last working token of the last enabled admin cannot be revoked (409),
 * and an operator on the server's machine gets a new admin token with {@code --issue-admin-token}. Its own
 * database, where the bootstrap admin starts as the only admin, and its own Spring context; the lock-out test runs
 * first, while that is so.
 */
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminLockoutIT extends IntegrationTest {

    private static final String URL = TestDatabase.newDatabase();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
    }

    @Test
    @Order(1)
    void the_last_token_of_the_last_enabled_admin_cannot_be_revoked_but_any_other_can() {
        Api admin = admin();
        String bootstrapToken = tokenIds(admin).get(0);

        var refused = admin.delete("/api/me/tokens/" + bootstrapToken);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("token.last-admin-token");
        assertThat(admin.get("/api/me").status()).as("the token still works").isEqualTo(200);

        String second = admin.post("/api/me/tokens", Map.of("name", "spare"))
                .json()
                .get("token")
                .asText();
        assertThat(admin.delete("/api/me/tokens/" + bootstrapToken).status())
                .as("not the last one any more")
                .isEqualTo(204);
        Api spare = api.as(second);
        String spareId = tokenIds(spare).stream()
                .filter(id -> !id.equals(bootstrapToken))
                .findFirst()
                .orElseThrow();
        assertThat(spare.delete("/api/me/tokens/" + spareId).status()).isEqualTo(409);

        Api otherAdmin = api.as(spare.post("/api/admin/users", Map.of("username", "second-admin", "role", "ADMIN"))
                .json()
                .get("token")
                .asText());
        assertThat(otherAdmin.get("/api/me").status()).isEqualTo(200);
        assertThat(spare.delete("/api/me/tokens/" + spareId).status())
                .as("another enabled admin still has a token")
                .isEqualTo(204);
        assertThat(spare.get("/api/me").status()).isEqualTo(401);

        Api user = api.as(otherAdmin
                .post("/api/admin/users", Map.of("username", "plain-user", "role", "USER"))
                .json()
                .get("token")
                .asText());
        assertThat(user.delete("/api/me/tokens/" + tokenIds(user).get(0)).status())
                .as("a user's last token is theirs to revoke")
                .isEqualTo(204);
    }

    @Test
    @Order(2)
    void an_operator_issues_a_new_admin_token_from_the_command_line() throws Exception {
        Run run = issueAdminToken("--issue-admin-token");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("standard output is the token alone").hasSize(1);
        String token = lines.get(0);
        assertThat(token).startsWith("kw_").hasSizeGreaterThanOrEqualTo(40);
        JsonNode me = api.as(token).get("/api/me").json();
        assertThat(me.get("username").asText()).isEqualTo("admin");
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(api.as(token).get("/api/admin/users").status()).isEqualTo(200);

        Run named = issueAdminToken("--issue-admin-token=rescue");
        assertThat(named.exitCode()).as(named.stderr()).isZero();
        assertThat(api.as(named.stdout().strip())
                        .get("/api/me")
                        .json()
                        .get("username")
                        .asText())
                .isEqualTo("rescue");

        assertThat(api.as(token)
                        .post("/api/admin/users", Map.of("username", "not-an-admin", "role", "USER"))
                        .status())
                .isEqualTo(201);
        Run refused = issueAdminToken("--issue-admin-token=not-an-admin");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stdout()).isBlank();
        assertThat(refused.stderr()).contains("not-an-admin is not an admin");
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    /** The server's own main class in a JVM of its own, configured for this test's database. */
    private static Run issueAdminToken(String option) throws Exception {
        TestDatabase.Server database = TestDatabase.server();
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KeepwarmApplication.class.getName(),
                        option,
                        "--spring.datasource.url=" + URL,
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password())
                .start();
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        new Thread(() -> out.complete(new String(readAll(stdout), StandardCharsets.UTF_8))).start();
        new Thread(() -> err.complete(new String(readAll(stderr), StandardCharsets.UTF_8))).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as("the command finished")
                .isTrue();
        return new Run(process.exitValue(), out.get(30, TimeUnit.SECONDS), err.get(30, TimeUnit.SECONDS));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    private static List<String> tokenIds(Api caller) {
        List<String> ids = new java.util.ArrayList<>();
        caller.get("/api/me/tokens").json().forEach(t -> {
            if (t.get("revokedAt").isNull()) {
                ids.add(t.get("tokenId").asText());
            }
        });
        return ids;
    }
}
