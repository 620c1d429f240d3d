package io.keepwarm.web.reports;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.privacy.ContactKeys;
import io.keepwarm.application.privacy.PersonalDataSerialization;
import io.keepwarm.application.reports.NetworkReport;
import io.keepwarm.application.reports.OwnerEventLog;
import io.keepwarm.application.reports.ReportParameters;
import io.keepwarm.application.reports.Reports;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.testsupport.TestDatabase;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (surefire never runs it): the network report for one owner with {@code ownerEvents}
 * events among {@code totalEvents} in the store, against a raw SQL read of that owner's event rows (the same
 * index range scan, every column read, nothing deserialized) in the same run. Goal: the report within 3× of
 * the raw read.
 *
 * <p>The store is seeded with real serialized events (personal data sealed per contact, as in production)
 * through {@code COPY}, with the V7 trigger filling
 * {@code owner_id}; the benchmark owner's rows are spread evenly among the others', as appends of many users
 * interleave. 5,000 contacts (added, cadence set) and interactions for the rest.
 *
 * <pre>
 * mvn -B -q -o test-compile -pl web -am
 * mvn -B -q -o dependency:build-classpath -pl web -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * CP=$(tr ':' '\n' < /tmp/cp.txt | grep -v '/io/keepwarm/' | paste -sd: -)   # this tree's modules, not ~/.m2's
 * java -Xmx2g -cp web/target/test-classes:web/target/classes:application/target/classes:domain/target/classes:$CP \
 *      io.keepwarm.web.reports.NetworkReportBenchmark 200000 5000000 [jdbc:postgresql://host/db user password]
 * </pre>
 * Without a JDBC URL it uses the tests' PostgreSQL (Testcontainers where Docker answers, else embedded).
 */
public final class NetworkReportBenchmark {

    private static final int CONTACTS = 5_000;
    private static final int OTHER_OWNERS = 1_000;
    private static final int OTHER_CONTACTS_PER_OWNER = 50;
    private static final int COPY_CHUNK = 50_000;
    private static final int RUNS = 5;

    /** The application's event serializer: personal data sealed with each contact's key, as in production. */
    private final Serializer serializer;

    private final SplittableRandom random = new SplittableRandom(42);
    private final Instant start = Instant.now().minus(3 * 365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private final Map<ContactId, Long> sequences = new HashMap<>();

    private NetworkReportBenchmark(JdbcTemplate jdbc) {
        this.serializer = new PersonalDataSerialization().eventSerializer(new ContactKeys(jdbc));
    }

    public static void main(String[] args) throws Exception {
        int ownerEvents = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int totalEvents = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        HikariConfig config = new HikariConfig();
        if (args.length > 2) {
            config.setJdbcUrl(args[2]);
            config.setUsername(args.length > 3 ? args[3] : "postgres");
            config.setPassword(args.length > 4 ? args[4] : "");
        } else {
            TestDatabase.Server server = TestDatabase.server();
            config.setJdbcUrl(TestDatabase.newDatabase());
            config.setUsername(server.user());
            config.setPassword(server.password());
        }
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            new NetworkReportBenchmark(new JdbcTemplate(dataSource)).run(dataSource, ownerEvents, totalEvents);
        }
        System.exit(0);
    }

    private void run(HikariDataSource dataSource, int ownerEvents, int totalEvents) throws Exception {
        OwnerId owner = OwnerId.random();
        long seeding = System.nanoTime();
        seed(dataSource, owner, ownerEvents, totalEvents);
        new JdbcTemplate(dataSource).execute("VACUUM ANALYZE domain_event_entry");
        System.out.printf(
                "seeded %,d events (%,d of the owner) in %.1f s%n",
                totalEvents, ownerEvents, (System.nanoTime() - seeding) / 1e9);

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        Reports reports = new Reports(
                new OwnerEventLog(dataSource, transactions, serializer, EventUpcasterChain::new),
                new io.keepwarm.application.settings.Settings(new JdbcTemplate(dataSource), Clock.systemUTC()),
                Clock.systemUTC());
        JdbcTemplate raw = new JdbcTemplate(dataSource);
        raw.setFetchSize(2_000);
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        ReportParameters.Network query = new ReportParameters.Network(Instant.now(), null);

        long[] rawTimes = new long[RUNS];
        long[] reportTimes = new long[RUNS];
        for (int run = -2; run < RUNS; run++) { // two warm-up rounds
            long t0 = System.nanoTime();
            long rows = readOnly.execute(status -> rawRead(raw, owner));
            long t1 = System.nanoTime();
            NetworkReport report = reports.network(owner, query);
            long t2 = System.nanoTime();
            if (run >= 0) {
                rawTimes[run] = t1 - t0;
                reportTimes[run] = t2 - t1;
            }
            System.out.printf(
                    "run %d: raw read %,d rows in %d ms; report of %,d rows in %d ms%n",
                    run, rows, (t1 - t0) / 1_000_000, report.items().size(), (t2 - t1) / 1_000_000);
        }
        Arrays.sort(rawTimes);
        Arrays.sort(reportTimes);
        long rawMedian = rawTimes[RUNS / 2];
        long reportMedian = reportTimes[RUNS / 2];
        System.out.printf(
                "median: raw read %d ms, network report %d ms, ratio %.2f (goal ≤ 3)%n",
                rawMedian / 1_000_000, reportMedian / 1_000_000, (double) reportMedian / rawMedian);
    }

    /** The owner's rows as the report reads them, every column fetched, nothing deserialized. */
    private static long rawRead(JdbcTemplate jdbc, OwnerId owner) {
        long[] count = {0, 0};
        jdbc.query(
                OwnerEventLog.SELECT,
                rs -> {
                    count[0]++;
                    count[1] += rs.getLong(1)
                            + rs.getString(2).length()
                            + rs.getString(3).length()
                            + rs.getLong(4)
                            + rs.getString(5).length()
                            + rs.getString(6).length()
                            + rs.getString(7).length()
                            + rs.getBytes(9).length
                            + rs.getBytes(10).length;
                    rs.getString(8);
                },
                owner.value());
        return count[0];
    }

    private void seed(HikariDataSource dataSource, OwnerId owner, int ownerEvents, int totalEvents) throws Exception {
        Stream mine = new Stream(owner, CONTACTS);
        List<Stream> others = new ArrayList<>();
        for (int i = 0; i < OTHER_OWNERS; i++) {
            others.add(new Stream(OwnerId.random(), OTHER_CONTACTS_PER_OWNER));
        }
        double every = (double) totalEvents / ownerEvents;
        StringBuilder chunk = new StringBuilder();
        int inChunk = 0;
        int written = 0;
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < totalEvents; i++) {
                boolean ownersTurn = written < ownerEvents && i >= (long) (written * every);
                Instant at = start.plusSeconds(i * 15L);
                if (ownersTurn) {
                    row(chunk, mine.next(at), at);
                    written++;
                } else {
                    row(chunk, others.get(random.nextInt(OTHER_OWNERS)).next(at), at);
                }
                if (++inChunk == COPY_CHUNK || i == totalEvents - 1) {
                    copy.copyIn(
                            "COPY domain_event_entry (aggregate_identifier, sequence_number, type, "
                                    + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                                    + "FROM STDIN",
                            new StringReader(chunk.toString()));
                    chunk.setLength(0);
                    inChunk = 0;
                }
            }
        }
    }

    /** One COPY text-format line; bytea as hex ({@code \\x…}, the backslash doubled for COPY). */
    private void row(StringBuilder out, Event event, Instant at) {
        ContactEvent payload = event.payload();
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        SerializedObject<byte[]> meta = serializer.serialize(event.metaData(), byte[].class);
        long sequence = sequences.merge(payload.contactId(), 0L, (previous, zero) -> previous + 1);
        out.append(payload.contactId())
                .append('\t')
                .append(sequence)
                .append("\tContact\t")
                .append(UUID.randomUUID())
                .append('\t')
                .append("\\\\x")
                .append(HexFormat.of().formatHex(meta.getData()))
                .append('\t')
                .append("\\\\x")
                .append(HexFormat.of().formatHex(data.getData()))
                .append('\t')
                .append(
                        data.getType().getRevision() == null
                                ? "\\N"
                                : data.getType().getRevision())
                .append('\t')
                .append(data.getType().getName())
                .append('\t')
                .append(DateTimeUtils.formatInstant(at))
                .append('\n');
    }

    private record Event(ContactEvent payload, MetaData metaData) {}

    /** One owner's history: contacts are added (with a cadence) first, then touched at random. */
    private final class Stream {
        final OwnerId owner;
        final MetaData metaData;
        final List<ContactId> contacts = new ArrayList<>();
        final int contactCount;
        boolean cadencePending;

        Stream(OwnerId owner, int contactCount) {
            this.owner = owner;
            this.contactCount = contactCount;
            this.metaData = MetaData.with(EventStoreConfiguration.OWNER_ID, owner.toString())
                    .and(EventStoreConfiguration.ACTOR_ID, owner.toString())
                    .and(
                            EventStoreConfiguration.CORRELATION_ID,
                            UUID.randomUUID().toString());
        }

        Event next(Instant at) {
            if (cadencePending) {
                cadencePending = false;
                ContactId last = contacts.get(contacts.size() - 1);
                return new Event(new CadenceSet(last, owner, 7 + random.nextInt(360), at), metaData);
            }
            if (contacts.size() < contactCount) {
                ContactId contactId = ContactId.random();
                contacts.add(contactId);
                cadencePending = true;
                return new Event(
                        new ContactAdded(
                                contactId,
                                owner,
                                new ContactPersonalData(
                                        "Contact " + contacts.size(),
                                        "met at a conference",
                                        "Acme",
                                        "Engineer",
                                        "Lyon",
                                        Map.of()),
                                new ContactAttributes("FR", "Europe/Paris", List.of("bench", "t" + random.nextInt(20))),
                                at),
                        metaData);
            }
            ContactId contactId = contacts.get(random.nextInt(contacts.size()));
            Favor favor = Favor.values()[random.nextInt(Favor.values().length)];
            return new Event(
                    new InteractionLogged(
                            contactId,
                            owner,
                            InteractionId.random(),
                            List.of(contactId),
                            new InteractionRecord(
                                    at.minusSeconds(random.nextInt(86_400)),
                                    Channel.values()[random.nextInt(Channel.values().length)],
                                    InitiatedBy.values()[random.nextInt(InitiatedBy.values().length)],
                                    favor,
                                    Note.of("caught up over coffee")),
                            at),
                    metaData);
        }
    }
}
