package io.keepwarm.bench;

import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Fills {@code domain_event_entry} fast: realistic Contact event streams, serialized with the application's own
 * event serializer ({@link EventStoreConfiguration#eventSerializer()}: payload and metadata exactly as Axon's
 * JdbcEventStorageEngine would store them) and bulk-loaded with PostgreSQL COPY instead of going through
 * command handling, which would take hours for millions of events.
 *
 * <p>Each contact gets ten events: added, cadence set, six interactions (asks, gives and plain touches), one
 * correction and a details update or snooze. Contacts are interleaved in blocks of a thousand, as a live store
 * interleaves its aggregates, so a projection batch touches many contacts. One transaction, numbered as the write
 * path numbers its events ({@link BulkEventLoad}).
 */
final class ContactStreamSeeder {

    static final int EVENTS_PER_CONTACT = 10;
    private static final int BLOCK = 1000;
    private static final String[] CITIES = {"Lisbon", "Berlin", "Austin", "Nairobi", "Osaka", "Lyon", null};
    private static final String[] ZONES = {
        "Europe/Lisbon", "Europe/Berlin", "America/Chicago", "Africa/Nairobi", "Asia/Tokyo", "Europe/Paris", null
    };
    private static final int[] CADENCES = {21, 60, 180, 365};
    private static final Favor[] FAVORS = {Favor.NONE, Favor.ASKED, Favor.NONE, Favor.GAVE, Favor.NONE, Favor.NONE};

    /**
     * Events in the application's own JSON shape, personal data in clear (the replay reads clear personal data as
     * it reads sealed data; the harness's rebuild scenario measures the sealed store).
     */
    private final Serializer serializer = org.axonframework.serialization.json.JacksonSerializer.builder()
            .objectMapper(io.keepwarm.application.eventstore.StoredMessageMapper.create())
            .build();

    private final HexFormat hex = HexFormat.of();
    private final Random random = new Random(42);
    private final Instant start = Instant.parse("2023-01-01T00:00:00Z");

    /** Appends {@code events} events (rounded down to whole contacts) and returns how many it wrote. */
    long seed(Connection connection, long events) throws Exception {
        long contacts = events / EVENTS_PER_CONTACT;
        int owners = (int) Math.max(1, contacts / 1000);
        List<OwnerId> ownerIds = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            ownerIds.add(new OwnerId(new UUID(0x6b77L, i)));
        }
        String copy = """
                COPY domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                         payload, payload_revision, payload_type, time_stamp) FROM STDIN (FORMAT csv)""";
        return BulkEventLoad.append(connection, into -> {
            long written = 0;
            try (Writer out = new BufferedWriter(
                    new OutputStreamWriter(
                            new PGCopyOutputStream(into.unwrap(PGConnection.class), copy, 1 << 20),
                            StandardCharsets.UTF_8),
                    1 << 20)) {
                for (long first = 0; first < contacts; first += BLOCK) {
                    long last = Math.min(contacts, first + BLOCK);
                    List<Stream> block = new ArrayList<>();
                    for (long c = first; c < last; c++) {
                        block.add(new Stream(c, ownerIds.get((int) (c % owners))));
                    }
                    for (int k = 0; k < EVENTS_PER_CONTACT; k++) {
                        for (Stream stream : block) {
                            Instant recordedAt = start.plusMillis(written * 37);
                            row(out, stream, k, stream.event(k, recordedAt), recordedAt);
                            written++;
                        }
                    }
                }
            }
        });
    }

    private void row(Writer out, Stream stream, int sequence, ContactEvent event, Instant recordedAt)
            throws IOException {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(
                MetaData.from(Map.of(
                        EventStoreConfiguration.OWNER_ID, stream.owner.toString(),
                        EventStoreConfiguration.ACTOR_ID, stream.owner.toString(),
                        EventStoreConfiguration.CORRELATION_ID, "bench-" + stream.index)),
                byte[].class);
        out.write(stream.contact.toString());
        out.write(',');
        out.write(Integer.toString(sequence));
        out.write(",Contact,");
        out.write(new UUID(random.nextLong(), random.nextLong()).toString());
        out.write(",\\x");
        out.write(hex.formatHex(metaData.getData()));
        out.write(",\\x");
        out.write(hex.formatHex(payload.getData()));
        out.write(',');
        out.write(
                payload.getType().getRevision() == null ? "" : payload.getType().getRevision());
        out.write(',');
        out.write(payload.getType().getName());
        out.write(',');
        out.write(DateTimeUtils.formatInstant(recordedAt));
        out.write('\n');
    }

    /** One contact's event stream. */
    private final class Stream {

        final long index;
        final OwnerId owner;
        final ContactId contact;
        final List<InteractionId> interactions = new ArrayList<>();
        final List<InteractionRecord> records = new ArrayList<>();

        Stream(long index, OwnerId owner) {
            this.index = index;
            this.owner = owner;
            this.contact = new ContactId(new UUID(random.nextLong(), random.nextLong()));
        }

        ContactEvent event(int k, Instant at) {
            int i = (int) (index % CITIES.length);
            ContactPersonalData personal = new ContactPersonalData(
                    "Contact " + index,
                    "met at a meetup",
                    "Org " + index % 97,
                    "Engineer",
                    CITIES[i],
                    Map.of(ChannelKind.email, "c" + index + "@example.org"));
            ContactAttributes attributes =
                    new ContactAttributes(i == 6 ? null : "PT", ZONES[i], List.of("tag-" + index % 11, "network"));
            return switch (k) {
                case 0 -> new ContactAdded(contact, owner, personal, attributes, at);
                case 1 -> new CadenceSet(contact, owner, CADENCES[(int) (index % CADENCES.length)], at);
                case 2, 3, 4, 5, 6, 7 -> {
                    InteractionId id = new InteractionId(new UUID(random.nextLong(), random.nextLong()));
                    InteractionRecord record = new InteractionRecord(
                            at.minus(Duration.ofDays(random.nextInt(400))),
                            Channel.values()[random.nextInt(Channel.values().length)],
                            InitiatedBy.ME,
                            FAVORS[k - 2],
                            Note.of("talked about the project " + index));
                    interactions.add(id);
                    records.add(record);
                    yield new InteractionLogged(contact, owner, id, List.of(contact), record, at);
                }
                case 8 -> {
                    InteractionRecord before = records.get(0);
                    InteractionRecord after = new InteractionRecord(
                            before.occurredAt().plus(Duration.ofHours(3)),
                            before.channel(),
                            before.initiatedBy(),
                            Favor.GAVE,
                            before.note());
                    yield new InteractionCorrected(contact, owner, interactions.get(0), before, after, at);
                }
                default ->
                    index % 2 == 0
                            ? new ContactDetailsUpdated(
                                    contact,
                                    owner,
                                    personal,
                                    new ContactAttributes("DE", "Europe/Berlin", List.of("moved")),
                                    at)
                            : new ContactSnoozed(contact, owner, at.plus(Duration.ofDays(30)), at);
            };
        }
    }
}
