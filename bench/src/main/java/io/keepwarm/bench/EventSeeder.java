package io.keepwarm.bench;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Seeds the event store in bulk: a deterministic history of contacts (ContactAdded, CadenceSet, then interactions
 * spread over two years, interleaved across all contacts in recorded-time order as a real store would hold them),
 * each event serialized exactly as Axon's JDBC storage engine serializes it — payload and metadata through the
 * given serializer (the application's {@code eventSerializer}, so personal data is sealed with per-contact keys),
 * the same columns, aggregate type, revision and timestamp format — and streamed into {@code domain_event_entry}
 * with binary {@code COPY}, its keys into {@code contact_key}.
 *
 * <p>This is what the write path would store, only without the command round trips, so projections, aggregates
 * and reports read it as their own.
 */
final class EventSeeder {

    static final String AGGREGATE_TYPE = "Contact"; // Axon stores the aggregate class's simple name
    private static final int CHUNK = 4096;
    private static final long SPAN_MILLIS = Duration.ofDays(730).toMillis();
    private static final int ORDINAL_BITS = 27;

    private static final String[] FIRST = {
        "Ada",
        "Grace",
        "Linus",
        "Margaret",
        "Alan",
        "Barbara",
        "Dennis",
        "Frances",
        "Ken",
        "Radia",
        "Tim",
        "Hedy",
        "John",
        "Katherine",
        "Edsger",
        "Sophie",
        "Niklaus",
        "Anita",
        "Guido",
        "Joan"
    };
    private static final String[] LAST = {
        "Lovelace",
        "Hopper",
        "Torvalds",
        "Hamilton",
        "Turing",
        "Liskov",
        "Ritchie",
        "Allen",
        "Thompson",
        "Perlman",
        "Berners-Lee",
        "Lamarr",
        "Backus",
        "Johnson",
        "Dijkstra",
        "Wilson",
        "Wirth"
    };
    private static final String[] CITIES = {"Berlin", "Lisbon", "Austin", "Toronto", "Nairobi", "Osaka", "Lyon", "Leeds"
    };
    private static final String[] ZONES = {
        "Europe/Berlin",
        "Europe/Lisbon",
        "America/Chicago",
        "America/Toronto",
        "Africa/Nairobi",
        "Asia/Tokyo",
        "Europe/Paris",
        "Europe/London"
    };
    private static final String[] COUNTRIES = {"DE", "PT", "US", "CA", "KE", "JP", "FR", "GB"};
    private static final String[] TAGS = {"mentor", "former-colleague", "recruiter", "founder", "conference", "alumni"};
    private static final int[] CADENCES = {21, 60, 180, 365};
    private static final Channel[] CHANNELS = Channel.values();
    private static final InitiatedBy[] INITIATED = InitiatedBy.values();

    /** Who and how much: owners × contacts per owner, each with ContactAdded, CadenceSet and some interactions. */
    record Plan(List<UUID> owners, int contactsPerOwner, int interactionsPerContact, long seed) {

        int contacts() {
            return owners.size() * contactsPerOwner;
        }

        int eventsPerContact() {
            return 2 + interactionsPerContact;
        }

        long events() {
            return (long) contacts() * eventsPerContact();
        }
    }

    /** The plan's events in recorded-time order; {@link #event(int)} builds the i-th. */
    static final class Timeline {

        private final Plan plan;
        private final Instant origin;
        private final long[] order; // (millis since origin) << ORDINAL_BITS | ordinal, sorted
        private final int[] sequence; // aggregate sequence number of the i-th event
        private final UUID[] contactIds;

        Timeline(Plan plan) {
            if (plan.events() >= (1L << ORDINAL_BITS)) {
                throw new IllegalArgumentException("too many events for one timeline: " + plan.events());
            }
            this.plan = plan;
            this.origin = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusMillis(SPAN_MILLIS);
            int contacts = plan.contacts();
            int per = plan.eventsPerContact();
            contactIds = new UUID[contacts];
            order = new long[contacts * per];
            for (int c = 0; c < contacts; c++) {
                SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + c);
                contactIds[c] = uuid(random);
                long added = random.nextLong(SPAN_MILLIS / 2);
                order[c * per] = pack(added, c * per);
                order[c * per + 1] = pack(added + 60_000, c * per + 1);
                for (int k = 0; k < plan.interactionsPerContact(); k++) {
                    long at = added + 120_000 + random.nextLong(SPAN_MILLIS - added - 180_000);
                    order[c * per + 2 + k] = pack(at, c * per + 2 + k);
                }
            }
            Arrays.sort(order);
            // Within one contact, its events keep their kind order (added, cadence, interactions) in time, and get
            // sequence numbers in the order they are stored.
            int[] next = new int[contacts];
            sequence = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                int contact = ordinal(order[i]) / per;
                sequence[i] = next[contact]++;
            }
        }

        int size() {
            return order.length;
        }

        Plan plan() {
            return plan;
        }

        UUID contactId(int contact) {
            return contactIds[contact];
        }

        UUID ownerOf(int contact) {
            return plan.owners().get(contact / plan.contactsPerOwner());
        }

        /** The i-th event, as the aggregate would have applied it. */
        GenericDomainEventMessage<?> event(int i) {
            int ordinal = ordinal(order[i]);
            int per = plan.eventsPerContact();
            int contact = ordinal / per;
            int kind = ordinal % per;
            Instant at = origin.plusMillis(order[i] >>> ORDINAL_BITS);
            SplittableRandom random = new SplittableRandom(plan.seed() * 7_000_003L + ordinal);
            ContactId contactId = new ContactId(contactIds[contact]);
            OwnerId ownerId = new OwnerId(ownerOf(contact));
            Object payload;
            if (kind == 0) {
                payload = contactAdded(
                        contactId, ownerId, contact, at, new SplittableRandom(plan.seed() * 31L + contact));
            } else if (kind == 1) {
                payload = new CadenceSet(contactId, ownerId, CADENCES[contact % CADENCES.length], at);
            } else {
                payload = interactionLogged(contactId, ownerId, at, random);
            }
            MetaData metaData = MetaData.with(EventStoreConfiguration.OWNER_ID, ownerId.toString())
                    .and(EventStoreConfiguration.ACTOR_ID, ownerId.toString())
                    .and(EventStoreConfiguration.CORRELATION_ID, uuid(random).toString());
            return new GenericDomainEventMessage<>(
                    AGGREGATE_TYPE,
                    contactId.toString(),
                    sequence[i],
                    payload,
                    metaData,
                    uuid(random).toString(),
                    at);
        }

        private static ContactAdded contactAdded(
                ContactId contactId, OwnerId ownerId, int contact, Instant at, SplittableRandom random) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            int place = random.nextInt(CITIES.length);
            ContactPersonalData personal = new ContactPersonalData(
                    first + " " + last + " " + contact,
                    "Met at a meetup on distributed systems; talked about event sourcing for an hour",
                    "Example Corp " + random.nextInt(500),
                    "Staff Engineer",
                    CITIES[place],
                    Map.of(
                            ChannelKind.email,
                            first.toLowerCase() + "." + contact + "@example.com",
                            ChannelKind.linkedin,
                            "in/" + first.toLowerCase() + "-" + contact));
            List<String> tags = random.nextInt(3) == 0 ? List.of() : List.of(TAGS[random.nextInt(TAGS.length)]);
            return new ContactAdded(
                    contactId, ownerId, personal, new ContactAttributes(COUNTRIES[place], ZONES[place], tags), at);
        }

        private static InteractionLogged interactionLogged(
                ContactId contactId, OwnerId ownerId, Instant at, SplittableRandom random) {
            int f = random.nextInt(10);
            Favor favor = f == 0 ? Favor.ASKED : f == 1 ? Favor.GAVE : Favor.NONE;
            Note note = random.nextInt(10) < 6
                    ? new Note("Caught up about the new team, their move and the conference talk; follow up in spring")
                    : null;
            Instant occurredAt =
                    at.minusMillis(random.nextLong(Duration.ofDays(2).toMillis()));
            return new InteractionLogged(
                    contactId,
                    ownerId,
                    new InteractionId(uuid(random)),
                    List.of(contactId),
                    new InteractionRecord(
                            occurredAt,
                            CHANNELS[random.nextInt(CHANNELS.length)],
                            INITIATED[random.nextInt(INITIATED.length)],
                            favor,
                            note),
                    at);
        }

        private static long pack(long millis, int ordinal) {
            return millis << ORDINAL_BITS | ordinal;
        }

        private static int ordinal(long packed) {
            return (int) (packed & ((1L << ORDINAL_BITS) - 1));
        }
    }

    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** One event as the row Axon's JDBC storage engine writes, in binary COPY format. */
    static void row(BinaryCopy copy, GenericDomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        copy.row(9)
                .text(event.getAggregateIdentifier())
                .int8(event.getSequenceNumber())
                .text(event.getType())
                .text(event.getIdentifier())
                .bytes(metaData.getData())
                .bytes(payload.getData())
                .text(payload.getType().getRevision())
                .text(payload.getType().getName())
                .text(DateTimeUtils.formatInstant(event.getTimestamp()));
    }

    static final String COPY_EVENTS = """
            COPY domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                     payload_revision, payload_type, time_stamp) FROM STDIN (FORMAT binary)""";

    /**
     * Streams the timeline's events into the event store (global_index from the table's own sequence, so in
     * timeline order) using {@code threads} serializing threads; then the keys the serializer created.
     *
     * @return seconds taken
     */
    static double seed(Connection connection, Timeline timeline, Serializer serializer, SeedKeys keys, int threads)
            throws SQLException, IOException, InterruptedException, ExecutionException {
        long started = System.nanoTime();
        connection.setAutoCommit(false);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
        copy.writeToCopy(BinaryCopy.HEADER, 0, BinaryCopy.HEADER.length);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
            for (int from = 0; from < timeline.size(); from += CHUNK) {
                int start = from;
                int end = Math.min(timeline.size(), from + CHUNK);
                pending.add(pool.submit(() -> {
                    BinaryCopy rows = new BinaryCopy();
                    for (int i = start; i < end; i++) {
                        row(rows, timeline.event(i), serializer);
                    }
                    return rows.toByteArray();
                }));
                while (pending.size() > threads * 2) {
                    byte[] chunk = pending.poll().get();
                    copy.writeToCopy(chunk, 0, chunk.length);
                }
            }
            while (!pending.isEmpty()) {
                byte[] chunk = pending.poll().get();
                copy.writeToCopy(chunk, 0, chunk.length);
            }
            copy.writeToCopy(BinaryCopy.TRAILER, 0, BinaryCopy.TRAILER.length);
            copy.endCopy();
        } finally {
            pool.shutdownNow();
        }
        copyKeys(connection, keys.keys());
        connection.commit();
        connection.setAutoCommit(true);
        try (var statement = connection.createStatement()) {
            // the events are numbered per owner when the COPY commits (V73): each seeded row is written twice, and
            // the store is read as a real one is after autovacuum, without the first version of every row
            statement.execute("VACUUM ANALYZE domain_event_entry");
            statement.execute("ANALYZE contact_key");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void copyKeys(Connection connection, Map<UUID, byte[]> keys) throws SQLException {
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY contact_key (contact_id, key) FROM STDIN (FORMAT binary)");
        BinaryCopy rows = new BinaryCopy();
        for (var entry : keys.entrySet()) {
            rows.row(2).uuid(entry.getKey()).bytes(entry.getValue());
        }
        byte[] body = rows.toByteArray();
        copy.writeToCopy(BinaryCopy.HEADER, 0, BinaryCopy.HEADER.length);
        copy.writeToCopy(body, 0, body.length);
        copy.writeToCopy(BinaryCopy.TRAILER, 0, BinaryCopy.TRAILER.length);
        copy.endCopy();
    }
}
