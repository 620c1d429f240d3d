package io.keepwarm.bench;

import io.keepwarm.application.eventstore.EmbeddedStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;

/**
 * Fills a keepwarm data directory with a big event store, for measuring start and restart on it
 * ({@code bench/start-stop --events N}): the product's own embedded PostgreSQL ({@link EmbeddedStore}, durable,
 * with its password file) in {@code DIR/postgres}, keepwarm's migrations, then N events as the write path stores
 * them (sealed with per-contact keys, {@link EventSeeder}): 100 owners, contacts with a cadence and 8 interactions
 * each (10 events a contact). The server started on {@code DIR} afterwards projects them like its own.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.keepwarm.bench.SeedDataDirectory DIR N</pre>
 */
public final class SeedDataDirectory {

    private static final int OWNERS = 100;
    private static final int INTERACTIONS_PER_CONTACT = 8;
    private static final int EVENTS_PER_CONTACT = 2 + INTERACTIONS_PER_CONTACT;

    private SeedDataDirectory() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SeedDataDirectory DATA_DIR EVENTS");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        long events = Long.parseLong(args[1].replace("_", "").replace(",", ""));
        int contactsPerOwner = (int) Math.max(1, events / ((long) OWNERS * EVENTS_PER_CONTACT));
        List<UUID> owners = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            owners.add(new UUID(0x6b77L << 48 | i, 0x8000000000000000L | i));
        }
        EventSeeder.Plan plan = new EventSeeder.Plan(owners, contactsPerOwner, INTERACTIONS_PER_CONTACT, 11);
        EventSeeder.Timeline timeline = new EventSeeder.Timeline(plan);
        try (EmbeddedStore store = EmbeddedStore.start(data)) {
            String url = store.jdbcUrl("postgres");
            Flyway.configure()
                    .dataSource(url, EmbeddedStore.USER, store.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            SeedKeys keys = new SeedKeys();
            Serializer sealing = EncryptionScenario.sealingSerializer(keys);
            try (Connection connection = DriverManager.getConnection(url, EmbeddedStore.USER, store.password())) {
                double seconds = EventSeeder.seed(connection, timeline, sealing, keys, 2);
                System.out.printf(
                        "seeded %,d events (%,d owners x %,d contacts) into %s in %.1f s%n",
                        timeline.size(), OWNERS, contactsPerOwner, data.toAbsolutePath(), seconds);
            }
        }
    }
}
