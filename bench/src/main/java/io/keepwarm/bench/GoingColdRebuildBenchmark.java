package io.keepwarm.bench;

import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.eventstore.AxonSchemas;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.goingcold.GoingColdReadModel;
import io.keepwarm.application.projection.ProjectionCoordinator;
import io.keepwarm.application.projection.ProjectionRebuilds;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.application.projection.Rebuild;
import io.keepwarm.application.projection.SegmentClaims;
import io.keepwarm.domain.contact.api.OwnerId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Full rebuild of the going-cold projection, in events per second, against a raw ordered COPY of the event
 * table on the same database in the same run (docs/projections.md, "Benchmark").
 *
 * <ol>
 * <li>A fresh PostgreSQL (embedded, real binaries, or {@code --jdbc-url}) gets keepwarm's schema (Flyway) and
 *     {@code --events} events, seeded by {@link ContactStreamSeeder} with the application's own event serializer.</li>
 * <li>The raw read: {@link RawCopy}, text and binary, before the rebuild.</li>
 * <li>The application core starts (Axon, projections; no web server) with the serving versions' tokens set at
 *     the head, so only the rebuild works. A rebuild of going-cold is started exactly as the admin API does;
 *     the clock stops when every segment of the new version has reached the head, and again when reads have
 *     switched to it.</li>
 * </ol>
 *
 * <p>Usage: {@code java -jar bench/target/keepwarm-bench-*.jar --events=1000000 [--batch-size=1000]
 * [--segments=2] [--threads=2] [--jdbc-url=jdbc:postgresql://host/db --user=u --password=p]}
 */
@SpringBootApplication(scanBasePackages = "io.keepwarm.application")
public class GoingColdRebuildBenchmark {

    private static final UUID BENCH_USER = new UUID(0xbe7cL, 1);

    /** Commands are not issued here, but the core wants someone to issue them. */
    @Bean
    CurrentCaller benchCaller() {
        return () -> new Caller(new OwnerId(BENCH_USER), BENCH_USER, "bench");
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, String> options = options(args);
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        EmbeddedPostgres embedded = null;
        String url = options.get("jdbc-url");
        String user = options.getOrDefault("user", "postgres");
        String password = options.getOrDefault("password", "");
        if (url == null) {
            Path data = Files.createTempDirectory("keepwarm-bench-pg");
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            say("PostgreSQL: embedded %s in %s (default settings)", version(url, user, password), data);
        } else {
            say("PostgreSQL: %s at %s", version(url, user, password), url);
        }
        try {
            run(url, user, password, events, options);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void run(String url, String user, String password, long events, Map<String, String> options)
            throws Exception {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        long head;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            long started = System.nanoTime();
            long seeded = new ContactStreamSeeder().seed(connection, events);
            say(
                    "seeded %,d events in %s (%,.0f events/s), serialized with the application's event serializer",
                    seeded, seconds(System.nanoTime() - started), seeded / ((System.nanoTime() - started) / 1e9));
            connection.createStatement().execute("VACUUM ANALYZE domain_event_entry");
            var rs = connection
                    .createStatement()
                    .executeQuery(
                            "SELECT max(global_index), pg_size_pretty(pg_total_relation_size('domain_event_entry')) FROM domain_event_entry");
            rs.next();
            head = rs.getLong(1);
            say("event table: %s", rs.getString(2));
            for (int i = 0; i < 2; i++) {
                report(RawCopy.read(connection, false));
                report(RawCopy.read(connection, true));
            }
        }
        serveFromTheHead(url, user, password, head);

        SpringApplication application = new SpringApplication(GoingColdRebuildBenchmark.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.ofEntries(
                Map.entry("axon.timeout.handler.events.timeout-ms", "-1"),
                Map.entry("axon.timeout.handler.events.warning-threshold-ms", "-1"),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("spring.flyway.locations", "classpath:db/migration"),
                Map.entry("axon.axonserver.enabled", "false"),
                Map.entry("axon.eventhandling.processors.interaction-registry.mode", "subscribing"),
                Map.entry("axon.eventhandling.processors.key-shredder.mode", "subscribing"),
                Map.entry("logging.level.org.axonframework", "warn"),
                Map.entry("keepwarm.projections.rebuild-batch-size", options.getOrDefault("batch-size", "1000")),
                Map.entry("keepwarm.projections.segments", options.getOrDefault("segments", "2")),
                Map.entry("keepwarm.projections.threads", options.getOrDefault("threads", "2"))));
        try (ConfigurableApplicationContext context = application.run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password)) {
            ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
            SegmentClaims claims = context.getBean(SegmentClaims.class);
            Projections projections = context.getBean(Projections.class);
            say(
                    "rebuilding going-cold: batch size %s, %s segments, %s threads",
                    options.getOrDefault("batch-size", "1000"),
                    options.getOrDefault("segments", "2"),
                    options.getOrDefault("threads", "2"));
            long started = System.nanoTime();
            Rebuild rebuild = rebuilds.start(GoingColdReadModel.NAME, BENCH_USER);
            context.getBean(ProjectionCoordinator.class).nudge();
            long lastReport = started;
            while (lowest(claims, rebuild.toProcessor()) < head) {
                Thread.sleep(50);
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    long at = Math.max(0, lowest(claims, rebuild.toProcessor()));
                    say(
                            "  %,d of %,d events (%.0f%%), %,.0f events/s so far",
                            at, head, 100.0 * at / head, at / ((lastReport - started) / 1e9));
                }
            }
            long caughtUp = System.nanoTime() - started;
            while (projections.activeVersion(GoingColdReadModel.NAME) != rebuild.toVersion()) {
                Thread.sleep(20);
            }
            long switched = System.nanoTime() - started;
            Long rows =
                    context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM going_cold", Long.class);
            say(
                    "REBUILD going-cold: %,d events replayed in %s = %,.0f events/s (reads switched after %s; %,d contacts)",
                    head, seconds(caughtUp), head / (caughtUp / 1e9), seconds(switched), rows);
        }
    }

    /** The serving versions start at the head, as in a running system: only the rebuild replays the store. */
    private static void serveFromTheHead(String url, String user, String password, long head) {
        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(() -> DriverManager.getConnection(url, user, password))
                .schema(new AxonSchemas().tokenSchema())
                .serializer(new EventStoreConfiguration().serializer())
                .build();
        for (String projection : List.of("going-cold", "contacts", "relationship-history")) {
            tokens.initializeTokenSegments(
                    ProjectionTables.processorName(projection, 1),
                    2,
                    GapAwareTrackingToken.newInstance(head, Set.of()));
        }
    }

    private static long lowest(SegmentClaims claims, String processor) {
        List<SegmentClaims.Segment> segments = claims.of(processor);
        if (segments.isEmpty()) {
            return -1;
        }
        return segments.stream()
                .map(SegmentClaims.Segment::position)
                .mapToLong(position -> position.isPresent() ? position.getAsLong() : -1)
                .min()
                .orElse(-1);
    }

    private static void report(RawCopy.Result copy) {
        say(
                "RAW COPY (%s): %,d rows, %,.0f MB in %s = %,.0f rows/s (%,.0f MB/s)",
                copy.format(),
                copy.rows(),
                copy.bytes() / 1e6,
                seconds(copy.nanos()),
                copy.rowsPerSecond(),
                copy.megabytesPerSecond());
    }

    private static String version(String url, String user, String password) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            var rs = connection.createStatement().executeQuery("SHOW server_version");
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void say(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
