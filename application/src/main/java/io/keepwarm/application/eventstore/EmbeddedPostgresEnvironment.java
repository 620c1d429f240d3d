package io.keepwarm.application.eventstore;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured, starts keepwarm's own PostgreSQL ({@link EmbeddedStore}:
 * durable, password-protected) whose data directory ({@code keepwarm.data-dir}, default {@code ./data}) survives
 * restarts, and points the datasource at it. With a datasource URL set, this does nothing and keepwarm uses that
 * server.
 *
 * <p>Runs as an {@link EnvironmentPostProcessor}, before any bean exists, so everything downstream (Hikari,
 * Flyway, Axon) sees an ordinary JDBC URL. PostgreSQL is stopped by a Spring Boot shutdown handler, which runs
 * after the application context has closed: the event processors and the connection pool stop first, so none of
 * them sees its database go away (docs/adr/0009-a-durable-private-embedded-store.md).
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor {

    public static final String DATA_DIR = "keepwarm.data-dir";
    /** Set by one-shot commands: use the store a running server holds rather than stopping it as an orphan. */
    public static final String ATTACH = "keepwarm.embedded-store.attach";

    private static EmbeddedStore running;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        EmbeddedStore store = start(
                Path.of(environment.getProperty(DATA_DIR, "data")),
                environment.getProperty(ATTACH, Boolean.class, false));
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "keepwarm-embedded-postgres",
                        Map.of(
                                "spring.datasource.url", store.jdbcUrl("postgres"),
                                "spring.datasource.username", EmbeddedStore.USER,
                                "spring.datasource.password", store.password())));
    }

    private static synchronized EmbeddedStore start(Path dataDirectory, boolean attach) {
        if (running == null) {
            running = attach ? EmbeddedStore.attachOrStart(dataDirectory) : EmbeddedStore.start(dataDirectory);
            SpringApplication.getShutdownHandlers().add(EmbeddedPostgresEnvironment::stop);
        }
        return running;
    }

    private static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
