package io.keepwarm.application.goingcold;

import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.domain.contact.InteractionTally;
import io.keepwarm.domain.contact.NameOrder;
import io.keepwarm.domain.contact.api.Favor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One processor batch of the going-cold projection, folded in memory and written with at most six set-based
 * statements whatever its size: new contacts, contact changes, new interactions, the advanced last interaction,
 * asks and gives of contacts that only gained interactions, interaction corrections and retractions, and the
 * recomputed last interaction, asks and gives of every other contact touched.
 *
 * <p>A contact that only gained interactions in the batch (every contact, nearly, in a rebuild) has its last
 * interaction, asks and gives advanced instead: the latest of the stored and the new instants, the stored counts
 * plus the new ones. The row holds the aggregate of its contact's interaction rows after every batch, so this
 * equals recomputing it without reading the contact's earlier interactions back. It is done only when every new
 * interaction of the batch was actually inserted; when some were there already (a redelivered batch), every
 * contact touched is recomputed in full, as before.
 *
 * <p>Within a batch a contact's events fold in order: each group of fields (details, cadence, snooze, archive)
 * keeps its latest value and the sequence number that set it. A group is written only when that sequence number
 * is newer than the row's {@code version}, so a redelivered batch changes nothing — the same rule the
 * one-statement-per-event form had, applied per group.
 */
final class GoingColdBatch {

    /** Separates tags in one text value: tags are {@code [a-z0-9-]}, so it never occurs inside one. */
    private static final String TAG_SEPARATOR = "\u001f";

    private static final long UNCHANGED = -1;

    private record Key(UUID ownerId, UUID contactId) {}

    private record InteractionKey(UUID ownerId, UUID contactId, UUID interactionId) {}

    /** What the batch does to one contact's row. */
    private static final class ContactChange {
        long version = UNCHANGED;
        long interactionsVersion = UNCHANGED;
        long added = UNCHANGED;
        long detailsVersion = UNCHANGED;
        String displayName;
        /** The name's {@link NameOrder} key in hex, which the statements decode into {@code sort_key}. */
        String sortKey;

        String city;
        String timeZone;
        String tags;
        long knownVersion = UNCHANGED;
        Instant knownSince;
        long cadenceVersion = UNCHANGED;
        Integer cadenceDays;
        Instant cadenceSetAt;
        long snoozeVersion = UNCHANGED;
        Instant snoozedUntil;
        long archiveVersion = UNCHANGED;
        Boolean archived;
        long forgetVersion = UNCHANGED;
        /** An interaction of the contact was corrected or retracted: its aggregate is recomputed in full. */
        boolean recount;
    }

    /** What the batch does to one interaction's row. */
    private static final class InteractionChange {
        boolean logged;
        Instant loggedAt;
        String loggedFavor;
        Instant correctedAt;
        String correctedFavor;
        boolean retracted;
    }

    /** The interactions a contact gained in the batch, tallied by the domain's one rule (last touch, asks, gives). */
    private static final class Gain {
        InteractionTally tally = InteractionTally.NONE;

        void add(InteractionChange logged) {
            tally = tally.plus(logged.loggedAt, Favor.valueOf(logged.loggedFavor));
        }
    }

    private final Map<Key, ContactChange> contacts = new LinkedHashMap<>();
    private final Map<InteractionKey, InteractionChange> interactions = new LinkedHashMap<>();

    void added(
            UUID owner,
            UUID contact,
            long sequence,
            String displayName,
            String city,
            String timeZone,
            List<String> tags,
            Instant knownSince) {
        ContactChange change = contact(owner, contact, sequence);
        change.added = sequence;
        details(owner, contact, sequence, displayName, city, timeZone, tags);
        known(owner, contact, sequence, knownSince);
    }

    /** When the relationship began; a null (an update that leaves it) changes nothing. */
    void known(UUID owner, UUID contact, long sequence, Instant knownSince) {
        if (knownSince == null) {
            return;
        }
        ContactChange change = contact(owner, contact, sequence);
        change.knownVersion = sequence;
        change.knownSince = knownSince;
    }

    void details(
            UUID owner,
            UUID contact,
            long sequence,
            String displayName,
            String city,
            String timeZone,
            List<String> tags) {
        ContactChange change = contact(owner, contact, sequence);
        change.detailsVersion = sequence;
        change.displayName = displayName;
        change.sortKey = HexFormat.of().formatHex(NameOrder.key(displayName));
        change.city = city;
        change.timeZone = timeZone;
        change.tags = String.join(TAG_SEPARATOR, tags);
    }

    /** A cadence and its first due instant (column {@code cadence_set_at}: when the cadence takes effect). */
    void cadence(UUID owner, UUID contact, long sequence, Integer everyDays, Instant firstDueAt) {
        ContactChange change = contact(owner, contact, sequence);
        change.cadenceVersion = sequence;
        change.cadenceDays = everyDays;
        change.cadenceSetAt = firstDueAt;
    }

    void snooze(UUID owner, UUID contact, long sequence, Instant until) {
        ContactChange change = contact(owner, contact, sequence);
        change.snoozeVersion = sequence;
        change.snoozedUntil = until;
    }

    void archived(UUID owner, UUID contact, long sequence, boolean archived) {
        ContactChange change = contact(owner, contact, sequence);
        change.archiveVersion = sequence;
        change.archived = archived;
    }

    /** A forgotten contact's row stays as a blanked tombstone, left out of every answer. */
    void forgotten(UUID owner, UUID contact, long sequence) {
        contact(owner, contact, sequence).forgetVersion = sequence;
    }

    void logged(UUID owner, UUID contact, UUID interaction, long sequence, Instant occurredAt, String favor) {
        InteractionChange change = interaction(owner, contact, interaction, sequence);
        change.logged = true;
        change.loggedAt = occurredAt;
        change.loggedFavor = favor;
    }

    void corrected(UUID owner, UUID contact, UUID interaction, long sequence, Instant occurredAt, String favor) {
        InteractionChange change = interaction(owner, contact, interaction, sequence);
        change.correctedAt = occurredAt;
        change.correctedFavor = favor;
        contacts.get(new Key(owner, contact)).recount = true;
    }

    void retracted(UUID owner, UUID contact, UUID interaction, long sequence) {
        interaction(owner, contact, interaction, sequence).retracted = true;
        contacts.get(new Key(owner, contact)).recount = true;
    }

    private ContactChange contact(UUID owner, UUID contact, long sequence) {
        ContactChange change = contacts.computeIfAbsent(new Key(owner, contact), key -> new ContactChange());
        change.version = Math.max(change.version, sequence);
        return change;
    }

    private InteractionChange interaction(UUID owner, UUID contact, UUID interaction, long sequence) {
        ContactChange contactChange = contacts.computeIfAbsent(new Key(owner, contact), key -> new ContactChange());
        contactChange.interactionsVersion = Math.max(contactChange.interactionsVersion, sequence);
        return interactions.computeIfAbsent(
                new InteractionKey(owner, contact, interaction), key -> new InteractionChange());
    }

    /** The five statements of a batch, written for one projection version's tables. */
    static final class Statements {

        private final String insertContacts;
        private final String updateContacts;
        private final String insertInteractions;
        private final String updateInteractions;
        private final String advance;
        private final String recompute;

        Statements(ProjectionTables tables) {
            insertContacts = tables.sql("""
                    INSERT INTO {going_cold} (owner_id, contact_id, display_name, city, time_zone, tags, version,
                                              known_since, sort_key)
                    SELECT t.owner_id, t.contact_id, t.display_name, t.city, t.time_zone,
                           string_to_array(t.tags, chr(31)), t.version, t.known_since::timestamptz,
                           decode(t.sort_key, 'hex')
                    FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                                ?::text[], ?::text[])
                         AS t(owner_id, contact_id, display_name, city, time_zone, tags, version, known_since, sort_key)
                    ON CONFLICT DO NOTHING""");
            updateContacts = tables.sql("""
                    UPDATE {going_cold} g SET
                        display_name = CASE WHEN t.forget_version > g.version THEN ''
                                            WHEN t.details_version > g.version THEN t.display_name ELSE g.display_name END,
                        sort_key = CASE WHEN t.forget_version > g.version THEN '\\x'::bytea
                                        WHEN t.details_version > g.version THEN decode(t.sort_key, 'hex')
                                        ELSE g.sort_key END,
                        city = CASE WHEN t.forget_version > g.version THEN NULL
                                    WHEN t.details_version > g.version THEN t.city ELSE g.city END,
                        time_zone = CASE WHEN t.details_version > g.version THEN t.time_zone ELSE g.time_zone END,
                        tags = CASE WHEN t.forget_version > g.version THEN '{}'
                                    WHEN t.details_version > g.version THEN string_to_array(t.tags, chr(31)) ELSE g.tags END,
                        forgotten = g.forgotten OR t.forget_version > g.version,
                        cadence_days = CASE WHEN t.cadence_version > g.version THEN t.cadence_days ELSE g.cadence_days END,
                        cadence_set_at = CASE WHEN t.cadence_version > g.version THEN t.cadence_set_at::timestamptz
                                              ELSE g.cadence_set_at END,
                        snoozed_until = CASE WHEN t.snooze_version > g.version THEN t.snoozed_until::timestamptz
                                             ELSE g.snoozed_until END,
                        archived = CASE WHEN t.archive_version > g.version THEN t.archived ELSE g.archived END,
                        known_since = CASE WHEN t.known_version > g.version THEN t.known_since::timestamptz
                                           ELSE g.known_since END,
                        version = t.version
                    FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::boolean[],
                                ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                         AS t(owner_id, contact_id, version, details_version, display_name, city, time_zone, tags,
                              cadence_version, cadence_days, cadence_set_at, snooze_version, snoozed_until,
                              archive_version, archived, forget_version, known_version, known_since, sort_key)
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id AND g.version < t.version""");
            insertInteractions = tables.sql("""
                    INSERT INTO {going_cold_interaction} (owner_id, contact_id, interaction_id, occurred_at, favor)
                    SELECT t.owner_id, t.contact_id, t.interaction_id, t.occurred_at::timestamptz, t.favor
                    FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
                         AS t(owner_id, contact_id, interaction_id, occurred_at, favor)
                    ON CONFLICT DO NOTHING""");
            advance = tables.sql("""
                    UPDATE {going_cold} g
                    SET last_interaction_at = greatest(g.last_interaction_at, t.last_interaction_at::timestamptz),
                        asks = g.asks + t.asks, gives = g.gives + t.gives, version = greatest(g.version, t.version)
                    FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::int[], ?::int[])
                         AS t(owner_id, contact_id, version, last_interaction_at, asks, gives)
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id""");
            updateInteractions = tables.sql("""
                    UPDATE {going_cold_interaction} i
                    SET occurred_at = coalesce(t.occurred_at::timestamptz, i.occurred_at),
                        favor = coalesce(t.favor, i.favor),
                        retracted = i.retracted OR t.retracted
                    FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::boolean[])
                         AS t(owner_id, contact_id, interaction_id, occurred_at, favor, retracted)
                    WHERE i.owner_id = t.owner_id AND i.contact_id = t.contact_id AND i.interaction_id = t.interaction_id""");
            recompute = tables.sql("""
                    UPDATE {going_cold} g
                    SET last_interaction_at = s.last_interaction_at, asks = s.asks, gives = s.gives,
                        version = greatest(g.version, t.version)
                    FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS t(owner_id, contact_id, version)
                    CROSS JOIN LATERAL (
                        SELECT max(i.occurred_at) FILTER (WHERE NOT i.retracted) AS last_interaction_at,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = 'ASKED')::int AS asks,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = 'GAVE')::int AS gives
                        FROM {going_cold_interaction} i
                        WHERE i.owner_id = t.owner_id AND i.contact_id = t.contact_id) s
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id""");
        }
    }

    /**
     * Writes the batch. Contact changes go before the recomputation, whose version may be higher: a group's
     * sequence number is compared with the version the row had before this batch.
     */
    void flush(JdbcTemplate jdbc, Statements sql) {
        List<Map.Entry<Key, ContactChange>> added = select(contacts, change -> change.added != UNCHANGED);
        if (!added.isEmpty()) {
            jdbc.update(
                    sql.insertContacts,
                    uuids(added, e -> e.getKey().ownerId()),
                    uuids(added, e -> e.getKey().contactId()),
                    texts(added, e -> e.getValue().displayName),
                    texts(added, e -> e.getValue().city),
                    texts(added, e -> e.getValue().timeZone),
                    texts(added, e -> e.getValue().tags),
                    longs(added, e -> e.getValue().added),
                    texts(added, e -> iso(e.getValue().knownSince)),
                    texts(added, e -> e.getValue().sortKey));
        }
        List<Map.Entry<Key, ContactChange>> changed = select(contacts, change -> change.version != UNCHANGED);
        if (!changed.isEmpty()) {
            jdbc.update(
                    sql.updateContacts,
                    uuids(changed, e -> e.getKey().ownerId()),
                    uuids(changed, e -> e.getKey().contactId()),
                    longs(changed, e -> e.getValue().version),
                    longs(changed, e -> e.getValue().detailsVersion),
                    texts(changed, e -> e.getValue().displayName),
                    texts(changed, e -> e.getValue().city),
                    texts(changed, e -> e.getValue().timeZone),
                    texts(changed, e -> e.getValue().tags),
                    longs(changed, e -> e.getValue().cadenceVersion),
                    changed.stream().map(e -> e.getValue().cadenceDays).toArray(Integer[]::new),
                    texts(changed, e -> iso(e.getValue().cadenceSetAt)),
                    longs(changed, e -> e.getValue().snoozeVersion),
                    texts(changed, e -> iso(e.getValue().snoozedUntil)),
                    longs(changed, e -> e.getValue().archiveVersion),
                    changed.stream().map(e -> e.getValue().archived).toArray(Boolean[]::new),
                    longs(changed, e -> e.getValue().forgetVersion),
                    longs(changed, e -> e.getValue().knownVersion),
                    texts(changed, e -> iso(e.getValue().knownSince)),
                    texts(changed, e -> e.getValue().sortKey));
        }
        List<Map.Entry<InteractionKey, InteractionChange>> logged = select(interactions, change -> change.logged);
        boolean allInserted = true;
        if (!logged.isEmpty()) {
            int inserted = jdbc.update(
                    sql.insertInteractions,
                    uuids(logged, e -> e.getKey().ownerId()),
                    uuids(logged, e -> e.getKey().contactId()),
                    uuids(logged, e -> e.getKey().interactionId()),
                    texts(logged, e -> iso(e.getValue().loggedAt)),
                    texts(logged, e -> e.getValue().loggedFavor));
            allInserted = inserted == logged.size();
        }
        List<Map.Entry<InteractionKey, InteractionChange>> amended = select(
                interactions,
                change -> change.correctedAt != null || change.correctedFavor != null || change.retracted);
        if (!amended.isEmpty()) {
            jdbc.update(
                    sql.updateInteractions,
                    uuids(amended, e -> e.getKey().ownerId()),
                    uuids(amended, e -> e.getKey().contactId()),
                    uuids(amended, e -> e.getKey().interactionId()),
                    texts(amended, e -> iso(e.getValue().correctedAt)),
                    texts(amended, e -> e.getValue().correctedFavor),
                    amended.stream().map(e -> e.getValue().retracted).toArray(Boolean[]::new));
        }
        // Every new interaction went in (none was there from an earlier delivery): the contacts that only gained
        // some advance from what the batch holds; otherwise every contact touched is recomputed in full.
        boolean advancing = allInserted;
        List<Map.Entry<Key, ContactChange>> gained =
                select(contacts, change -> change.interactionsVersion != UNCHANGED && !change.recount && advancing);
        if (!gained.isEmpty()) {
            Map<Key, Gain> gains = new LinkedHashMap<>();
            for (Map.Entry<InteractionKey, InteractionChange> entry : logged) {
                InteractionKey key = entry.getKey();
                gains.computeIfAbsent(new Key(key.ownerId(), key.contactId()), k -> new Gain())
                        .add(entry.getValue());
            }
            List<Gain> of = gained.stream().map(e -> gains.get(e.getKey())).toList();
            jdbc.update(
                    sql.advance,
                    uuids(gained, e -> e.getKey().ownerId()),
                    uuids(gained, e -> e.getKey().contactId()),
                    longs(gained, e -> e.getValue().interactionsVersion),
                    of.stream().map(gain -> iso(gain.tally.lastInteractionAt())).toArray(String[]::new),
                    of.stream().map(gain -> gain.tally.asks()).toArray(Integer[]::new),
                    of.stream().map(gain -> gain.tally.gives()).toArray(Integer[]::new));
        }
        List<Map.Entry<Key, ContactChange>> touched =
                select(contacts, change -> change.interactionsVersion != UNCHANGED && (change.recount || !advancing));
        if (!touched.isEmpty()) {
            jdbc.update(
                    sql.recompute,
                    uuids(touched, e -> e.getKey().ownerId()),
                    uuids(touched, e -> e.getKey().contactId()),
                    longs(touched, e -> e.getValue().interactionsVersion));
        }
        contacts.clear();
        interactions.clear();
    }

    private static <K, V> List<Map.Entry<K, V>> select(Map<K, V> changes, java.util.function.Predicate<V> which) {
        List<Map.Entry<K, V>> selected = new ArrayList<>();
        for (Map.Entry<K, V> entry : changes.entrySet()) {
            if (which.test(entry.getValue())) {
                selected.add(entry);
            }
        }
        return selected;
    }

    private static <E> UUID[] uuids(List<E> entries, Function<E, UUID> value) {
        return entries.stream().map(value).toArray(UUID[]::new);
    }

    private static <E> String[] texts(List<E> entries, Function<E, String> value) {
        return entries.stream().map(value).toArray(String[]::new);
    }

    private static <E> Long[] longs(List<E> entries, Function<E, Long> value) {
        return entries.stream().map(value).toArray(Long[]::new);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
