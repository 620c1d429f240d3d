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
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One processor batch of the going-cold projection, folded in memory and written with at most five set-based
 * statements whatever its size: new contacts, contact changes, new interactions together with the advanced last
 * interaction, asks and gives of contacts that only gained interactions (one statement, a data-modifying CTE: a
 * logged interaction is one round trip), interaction corrections and retractions, and the recomputed last
 * interaction, asks and gives of every other contact touched. Each statement reads its rows from an
 * {@link Unnest} whose columns are declared by name beside their values.
 *
 * <p>The last interaction, asks and gives are the domain's {@link InteractionTally}: the advance adds the tally of
 * the batch's new interactions (computed by {@link InteractionTally#plus}), the recomputation counts the favours
 * {@link InteractionTally#asking()} and {@link InteractionTally#giving()} read off that same fold, and
 * GoingColdBatchIT compares both with {@code InteractionLog.tally()} on generated histories.
 *
 * <p>A contact that only gained interactions in the batch (every contact, nearly, in a rebuild) has its last
 * interaction, asks and gives advanced instead: the latest of the stored and the new instants, the stored counts
 * plus the new ones. The row holds the aggregate of its contact's interaction rows after every batch, so this
 * equals recomputing it without reading the contact's earlier interactions back. It is done only when every new
 * interaction of the batch was actually inserted (the statement compares the insert's count with the batch's); when
 * some were there already (a redelivered batch), it advances nothing and every contact touched is recomputed in full.
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
        final Key key;
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

        ContactChange(Key key) {
            this.key = key;
        }
    }

    /** What the batch does to one interaction's row. */
    private static final class InteractionChange {
        final InteractionKey key;
        /** The highest sequence number of the batch's events about this interaction: the row's {@code version}. */
        long version = UNCHANGED;

        boolean logged;
        Instant loggedAt;
        Favor loggedFavor;
        Instant correctedAt;
        Favor correctedFavor;
        boolean retracted;

        InteractionChange(InteractionKey key) {
            this.key = key;
        }
    }

    /** A contact that only gained interactions in the batch, with their tally by the domain's one fold. */
    private record Gain(ContactChange contact, InteractionTally tally) {}

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

    void logged(UUID owner, UUID contact, UUID interaction, long sequence, Instant occurredAt, Favor favor) {
        InteractionChange change = interaction(owner, contact, interaction, sequence);
        change.logged = true;
        change.loggedAt = occurredAt;
        change.loggedFavor = favor;
    }

    void corrected(UUID owner, UUID contact, UUID interaction, long sequence, Instant occurredAt, Favor favor) {
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
        ContactChange change = contacts.computeIfAbsent(new Key(owner, contact), ContactChange::new);
        change.version = Math.max(change.version, sequence);
        return change;
    }

    private InteractionChange interaction(UUID owner, UUID contact, UUID interaction, long sequence) {
        ContactChange contactChange = contacts.computeIfAbsent(new Key(owner, contact), ContactChange::new);
        contactChange.interactionsVersion = Math.max(contactChange.interactionsVersion, sequence);
        InteractionChange change =
                interactions.computeIfAbsent(new InteractionKey(owner, contact, interaction), InteractionChange::new);
        change.version = Math.max(change.version, sequence);
        return change;
    }

    // --- the rows of each statement, column by column ----------------------------------------------------------

    private static final Unnest<ContactChange> ADDED = new Unnest<ContactChange>()
            .uuid("owner_id", c -> c.key.ownerId())
            .uuid("contact_id", c -> c.key.contactId())
            .text("display_name", c -> c.displayName)
            .text("city", c -> c.city)
            .text("time_zone", c -> c.timeZone)
            .text("tags", c -> c.tags)
            .bigint("version", c -> c.added)
            .instant("known_since", c -> c.knownSince)
            .text("sort_key", c -> c.sortKey);

    private static final Unnest<ContactChange> CHANGED = new Unnest<ContactChange>()
            .uuid("owner_id", c -> c.key.ownerId())
            .uuid("contact_id", c -> c.key.contactId())
            .bigint("version", c -> c.version)
            .bigint("details_version", c -> c.detailsVersion)
            .text("display_name", c -> c.displayName)
            .text("city", c -> c.city)
            .text("time_zone", c -> c.timeZone)
            .text("tags", c -> c.tags)
            .text("sort_key", c -> c.sortKey)
            .bigint("cadence_version", c -> c.cadenceVersion)
            .integer("cadence_days", c -> c.cadenceDays)
            .instant("cadence_set_at", c -> c.cadenceSetAt)
            .bigint("snooze_version", c -> c.snoozeVersion)
            .instant("snoozed_until", c -> c.snoozedUntil)
            .bigint("archive_version", c -> c.archiveVersion)
            .bool("archived", c -> c.archived)
            .bigint("forget_version", c -> c.forgetVersion)
            .bigint("known_version", c -> c.knownVersion)
            .instant("known_since", c -> c.knownSince);

    private static final Unnest<InteractionChange> LOGGED = new Unnest<InteractionChange>()
            .uuid("owner_id", i -> i.key.ownerId())
            .uuid("contact_id", i -> i.key.contactId())
            .uuid("interaction_id", i -> i.key.interactionId())
            .instant("occurred_at", i -> i.loggedAt)
            .text("favor", i -> i.loggedFavor.name())
            .bigint("version", i -> i.version);

    private static final Unnest<InteractionChange> AMENDED = new Unnest<InteractionChange>()
            .uuid("owner_id", i -> i.key.ownerId())
            .uuid("contact_id", i -> i.key.contactId())
            .uuid("interaction_id", i -> i.key.interactionId())
            .instant("occurred_at", i -> i.correctedAt)
            .text("favor", i -> i.correctedFavor == null ? null : i.correctedFavor.name())
            .bool("retracted", i -> i.retracted)
            .bigint("version", i -> i.version);

    private static final Unnest<Gain> GAINED = new Unnest<Gain>()
            .uuid("owner_id", g -> g.contact().key.ownerId())
            .uuid("contact_id", g -> g.contact().key.contactId())
            .bigint("version", g -> g.contact().interactionsVersion)
            .instant("last_interaction_at", g -> g.tally().lastInteractionAt())
            .integer("asks", g -> g.tally().asks())
            .integer("gives", g -> g.tally().gives());

    private static final Unnest<ContactChange> RECOUNTED = new Unnest<ContactChange>()
            .uuid("owner_id", c -> c.key.ownerId())
            .uuid("contact_id", c -> c.key.contactId())
            .bigint("version", c -> c.interactionsVersion);

    /** The six statements of a batch, written for one projection version's tables. */
    static final class Statements {

        private final String insertContacts;
        private final String updateContacts;
        private final String insertInteractions;
        private final String updateInteractions;
        private final String insertAndAdvance;
        private final String recompute;
        private final String finish;

        Statements(ProjectionTables tables) {
            insertContacts = tables.sql("""
                    INSERT INTO {going_cold} (owner_id, contact_id, display_name, city, time_zone, tags, version,
                                              known_since, sort_key)
                    SELECT t.owner_id, t.contact_id, t.display_name, t.city, t.time_zone,
                           string_to_array(t.tags, chr(31)), t.version, t.known_since, decode(t.sort_key, 'hex')
                    FROM %s
                    ON CONFLICT DO NOTHING""".formatted(ADDED.from("t")));
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
                        cadence_set_at = CASE WHEN t.cadence_version > g.version THEN t.cadence_set_at
                                              ELSE g.cadence_set_at END,
                        snoozed_until = CASE WHEN t.snooze_version > g.version THEN t.snoozed_until
                                             ELSE g.snoozed_until END,
                        archived = CASE WHEN t.archive_version > g.version THEN t.archived ELSE g.archived END,
                        known_since = CASE WHEN t.known_version > g.version THEN t.known_since ELSE g.known_since END,
                        version = t.version
                    FROM %s
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id AND g.version < t.version""".formatted(CHANGED.from("t")));
            insertInteractions = tables.sql("""
                    INSERT INTO {going_cold_interaction} (owner_id, contact_id, interaction_id, occurred_at, favor,
                                                          version)
                    SELECT t.owner_id, t.contact_id, t.interaction_id, t.occurred_at, t.favor, t.version
                    FROM %s
                    ON CONFLICT DO NOTHING""".formatted(LOGGED.from("t")));
            updateInteractions = tables.sql("""
                    UPDATE {going_cold_interaction} i
                    SET occurred_at = coalesce(t.occurred_at, i.occurred_at),
                        favor = coalesce(t.favor, i.favor),
                        retracted = i.retracted OR t.retracted,
                        version = greatest(i.version, t.version)
                    FROM %s
                    WHERE i.owner_id = t.owner_id AND i.contact_id = t.contact_id AND i.interaction_id = t.interaction_id""".formatted(AMENDED.from("t")));
            // The common write, one interaction logged: the insert and the advance in one round trip. The advance
            // happens only if every new interaction went in (the count of the insert's rows is the last parameter);
            // otherwise it updates nothing and the caller recomputes.
            insertAndAdvance = tables.sql("""
                    WITH inserted AS (
                        INSERT INTO {going_cold_interaction} (owner_id, contact_id, interaction_id, occurred_at, favor,
                                                              version)
                        SELECT l.owner_id, l.contact_id, l.interaction_id, l.occurred_at, l.favor, l.version
                        FROM %s
                        ON CONFLICT DO NOTHING
                        RETURNING 1)
                    UPDATE {going_cold} g
                    SET last_interaction_at = greatest(g.last_interaction_at, t.last_interaction_at),
                        asks = g.asks + t.asks, gives = g.gives + t.gives, version = greatest(g.version, t.version)
                    FROM %s
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id
                      AND (SELECT count(*) FROM inserted) = ?""".formatted(LOGGED.from("l"), GAINED.from("t")));
            recompute = tables.sql("""
                    UPDATE {going_cold} g
                    SET last_interaction_at = s.last_interaction_at, asks = s.asks, gives = s.gives,
                        version = greatest(g.version, t.version)
                    FROM %s
                    CROSS JOIN LATERAL (
                        SELECT max(i.occurred_at) FILTER (WHERE NOT i.retracted) AS last_interaction_at,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = ANY('%s'::text[]))::int AS asks,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = ANY('%s'::text[]))::int AS gives
                        FROM {going_cold_interaction} i
                        WHERE i.owner_id = t.owner_id AND i.contact_id = t.contact_id) s
                    WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id""".formatted(
                    RECOUNTED.from("t"), textArray(InteractionTally.asking()), textArray(InteractionTally.giving())));
            // The recomputation of every contact at once, for the end of a rebuild's replay: the same aggregate,
            // and the version the advance would have given (the highest sequence number of its interaction events).
            finish = tables.sql(
                    """
                    UPDATE {going_cold} g
                    SET last_interaction_at = s.last_interaction_at, asks = s.asks, gives = s.gives,
                        version = greatest(g.version, s.version)
                    FROM (
                        SELECT i.owner_id, i.contact_id,
                               max(i.occurred_at) FILTER (WHERE NOT i.retracted) AS last_interaction_at,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = ANY('%s'::text[]))::int AS asks,
                               count(*) FILTER (WHERE NOT i.retracted AND i.favor = ANY('%s'::text[]))::int AS gives,
                               max(i.version) AS version
                        FROM {going_cold_interaction} i
                        GROUP BY i.owner_id, i.contact_id) s
                    WHERE g.owner_id = s.owner_id AND g.contact_id = s.contact_id""".formatted(textArray(InteractionTally.asking()), textArray(InteractionTally.giving())));
        }

        /**
         * What a rebuild's batches left undone while they deferred ({@code RebuildReplay.deferring()}): every
         * contact's last interaction, asks, gives and version, from its interaction rows, in one statement.
         */
        void finishReplay(JdbcTemplate jdbc) {
            jdbc.update(finish);
        }

        /** An array literal of favour names ({@code [A-Z]+}, so nothing needs quoting). */
        private static String textArray(Set<Favor> favors) {
            return favors.stream().map(Favor::name).collect(Collectors.joining(",", "{", "}"));
        }
    }

    /**
     * Writes the batch. Contact changes go before the recomputation, whose version may be higher: a group's
     * sequence number is compared with the version the row had before this batch.
     */
    void flush(JdbcTemplate jdbc, Statements sql) {
        flush(jdbc, sql, false);
    }

    /**
     * Writes the batch; {@code deferring} (a rebuild's batch before its replay is finished, docs/adr/0028) leaves
     * out the advance and the recomputation of the contacts' last interaction, asks, gives and version: the
     * interaction rows carry all of it, and {@link Statements#finishReplay} computes it for every contact at once.
     */
    void flush(JdbcTemplate jdbc, Statements sql, boolean deferring) {
        List<ContactChange> added = select(contacts, change -> change.added != UNCHANGED);
        if (!added.isEmpty()) {
            jdbc.update(sql.insertContacts, ADDED.arrays(added));
        }
        List<ContactChange> changed = select(contacts, change -> change.version != UNCHANGED);
        if (!changed.isEmpty()) {
            jdbc.update(sql.updateContacts, CHANGED.arrays(changed));
        }
        List<InteractionChange> logged = select(interactions, change -> change.logged);
        List<InteractionChange> amended = select(
                interactions,
                change -> change.correctedAt != null || change.correctedFavor != null || change.retracted);
        // The contacts that only gained interactions advance from what the batch holds, provided every new
        // interaction went in (none was there from an earlier delivery); otherwise every contact touched is
        // recomputed in full.
        List<ContactChange> gainedOnly = deferring
                ? List.of()
                : select(contacts, change -> change.interactionsVersion != UNCHANGED && !change.recount);
        boolean advanced = true;
        if (!gainedOnly.isEmpty()) {
            Object[] inserts = LOGGED.arrays(logged);
            Object[] gains = GAINED.arrays(gains(gainedOnly, logged));
            Object[] args = new Object[inserts.length + gains.length + 1];
            System.arraycopy(inserts, 0, args, 0, inserts.length);
            System.arraycopy(gains, 0, args, inserts.length, gains.length);
            args[args.length - 1] = logged.size();
            advanced = jdbc.update(sql.insertAndAdvance, args) == gainedOnly.size();
        } else if (!logged.isEmpty()) {
            advanced = jdbc.update(sql.insertInteractions, LOGGED.arrays(logged)) == logged.size();
        }
        if (!amended.isEmpty()) {
            jdbc.update(sql.updateInteractions, AMENDED.arrays(amended));
        }
        if (deferring) {
            contacts.clear();
            interactions.clear();
            return;
        }
        boolean advancing = advanced;
        List<ContactChange> touched =
                select(contacts, change -> change.interactionsVersion != UNCHANGED && (change.recount || !advancing));
        if (!touched.isEmpty()) {
            jdbc.update(sql.recompute, RECOUNTED.arrays(touched));
        }
        contacts.clear();
        interactions.clear();
    }

    /** Each contact's gain: the tally of its new interactions, by the domain's one fold. */
    private static List<Gain> gains(List<ContactChange> gainedOnly, List<InteractionChange> logged) {
        Map<Key, InteractionTally> tallies = new LinkedHashMap<>();
        for (InteractionChange interaction : logged) {
            tallies.merge(
                    new Key(interaction.key.ownerId(), interaction.key.contactId()),
                    InteractionTally.NONE.plus(interaction.loggedAt, interaction.loggedFavor),
                    (tally, one) -> tally.plus(interaction.loggedAt, interaction.loggedFavor));
        }
        return gainedOnly.stream()
                .map(contact -> new Gain(contact, tallies.getOrDefault(contact.key, InteractionTally.NONE)))
                .toList();
    }

    private static <K, V> List<V> select(Map<K, V> changes, Predicate<V> which) {
        List<V> selected = new ArrayList<>();
        for (V change : changes.values()) {
            if (which.test(change)) {
                selected.add(change);
            }
        }
        return selected;
    }
}
