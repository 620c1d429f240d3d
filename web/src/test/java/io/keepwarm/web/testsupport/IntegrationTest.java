package io.keepwarm.web.testsupport;

import io.keepwarm.web.KeepwarmApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the tests that drive the real server over HTTP against a real PostgreSQL ({@link TestDatabase}).
 * All such test classes share one Spring context and one database; each test works with its own data.
 */
@SpringBootTest(classes = KeepwarmApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    static {
        SharedDatabase.ensure();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port, null);
    }

    /**
     * A client acting as a brand-new owner with an empty network, so tests never see each other's data.
     */
    protected Api newOwner() {
        return newUser("USER");
    }

    /** A client acting as a new user with the given role (USER or ADMIN), created through the admin API. */
    protected Api newUser(String role) {
        var created = admin().post(
                        "/api/admin/users",
                        java.util.Map.of(
                                "username",
                                "u" + java.util.UUID.randomUUID().toString().substring(0, 18),
                                "role",
                                role));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create a test user: " + created);
        }
        return api.as(created.json().get("token").asText());
    }

    /** The bootstrap admin (its token comes from {@code keepwarm.admin-token}, set by {@link TestDatabase}). */
    protected Api admin() {
        return api.as(TestDatabase.ADMIN_TOKEN);
    }

    /** Every event in the store, for checking that a rejected request appended nothing. */
    protected long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** Points the shared Spring context at one fresh database, once per JVM. */
    static final class SharedDatabase {

        private static boolean done;

        static synchronized void ensure() {
            if (!done) {
                TestDatabase.useFreshDatabase();
                done = true;
            }
        }
    }
}
