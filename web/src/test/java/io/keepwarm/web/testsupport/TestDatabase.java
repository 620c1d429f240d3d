package io.keepwarm.web.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL every integration test runs against: Testcontainers' PostgreSQL where a Docker engine
 * answers, otherwise an embedded PostgreSQL (real binaries from Maven Central). Never skipped, never H2.
 *
 * <p>One server per test JVM; {@link #newDatabase()} hands out a fresh, empty database on it.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** The first admin's token in every test application (as KEEPWARM_ADMIN_TOKEN would give it). */
    public static final String ADMIN_TOKEN = "kw_test-admin-token-0123456789abcdefghijklmnop";

    private static Server server;

    private TestDatabase() {}

    /** A JDBC URL, user and password of a running server. */
    public record Server(String host, int port, String user, String password, String kind, AutoCloseable handle) {

        public String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = dockerAvailable() ? container() : embedded();
            log.info("integration tests use {} PostgreSQL on port {}", server.kind(), server.port());
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase() {
        Server s = server();
        String name = "keepwarm_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return s.url(name);
    }

    /**
     * Points the next Spring context of this JVM at a fresh database. System properties are visible before any
     * environment post-processor runs, so the application's own embedded PostgreSQL stays off.
     */
    public static void useFreshDatabase() {
        Server s = server();
        System.setProperty("spring.datasource.url", newDatabase());
        System.setProperty("spring.datasource.username", s.user());
        System.setProperty("spring.datasource.password", s.password());
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("keepwarm.admin-token", ADMIN_TOKEN);
        // Every test client is 127.0.0.1: one shared allowance of failed authentications would make tests that
        // expect 401 for a bad token turn 429 depending on what ran before. FailedAuthenticationLimitIT checks
        // the limit itself with its own context and a low value.
        System.setProperty("keepwarm.auth.failures-per-minute", "100000");
        // Load tests write far faster than a person; WriteRateLimitIT sets its own low limit.
        System.setProperty("keepwarm.rate-limit.writes-per-minute", "1000000");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static Server container() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        return new Server(
                container.getHost(),
                container.getMappedPort(5432),
                container.getUsername(),
                container.getPassword(),
                "Testcontainers",
                container::stop);
    }

    /**
     * The one place tests trade durability for speed: the shared test server runs with {@code fsync=off} (and
     * io.zonky's {@code synchronous_commit=off}) and trusts local logins. The product's own store
     * ({@code EmbeddedStore}) runs durable and password-protected; the tests of that store start it as shipped.
     */
    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("keepwarm-test-pg"))
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            return new Server("localhost", postgres.getPort(), "postgres", "", "embedded", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }
}
