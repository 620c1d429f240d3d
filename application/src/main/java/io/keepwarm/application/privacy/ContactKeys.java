package io.keepwarm.application.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The per-contact keys, in their own table, looked up through a small cache.
 *
 * <p>A key is created with the contact's first event, inside that event's transaction, and only cached once the
 * transaction has committed (a rolled-back key must never encrypt anything). Destroying a key nulls it, leaves a
 * tombstone so no key can ever be created again for that contact, and tells every node to drop it from its cache
 * ({@code NOTIFY}, delivered on commit; see {@link KeyEvictionListener}). Cached keys also expire on their own.
 *
 * <p>The notes of an interaction with several contacts are sealed with a key of the interaction's own
 * ({@code shared_note_key}, docs/adr/0017): forgetting any participant destroys it, so the note becomes unreadable
 * for all of them. Those keys share the cache and the eviction channel (their ids are random UUIDs).
 */
@Component
public class ContactKeys {

    static final String CHANNEL = "keepwarm_contact_key_destroyed";

    /** The transaction's resource holding the keys {@link #prepareForWriting} created or found. */
    private static final String PREPARED = ContactKeys.class.getName() + ".prepared";

    /** The transaction's resource holding the keys of its latest {@link #prefetch}. */
    private static final String PREFETCHED = ContactKeys.class.getName() + ".prefetched";

    private final JdbcTemplate jdbc;
    private final Cache<UUID, Optional<byte[]>> cache;
    /** Recently destroyed keys: a read that raced the destruction must not put the old key back in the cache. */
    private final Cache<UUID, Boolean> destroyed;

    private final List<Runnable> evictionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LongAdder loadedOneAtATime = new LongAdder();

    public ContactKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        this.destroyed = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(20))
                .build();
    }

    /** The key to encrypt with, created if the contact has none yet; empty if the contact was forgotten. */
    Optional<byte[]> forWriting(UUID contactId) {
        Optional<byte[]> cached = cache.getIfPresent(contactId);
        if (cached != null) {
            return cached;
        }
        Map<UUID, Optional<byte[]>> prepared = preparedInTransaction();
        if (prepared != null && prepared.containsKey(contactId)) {
            return prepared.get(contactId);
        }
        jdbc.update(
                "INSERT INTO contact_key (contact_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                contactId,
                PersonalDataCipher.newKey());
        Optional<byte[]> key = load(contactId).orElseThrow();
        cacheAfterCommit(contactId, key);
        return key;
    }

    /** The key to decrypt with; empty when the contact was forgotten (or never had personal data). */
    Optional<byte[]> forReading(UUID contactId) {
        Optional<byte[]> cached = cache.getIfPresent(contactId);
        if (cached != null) {
            return cached;
        }
        Optional<byte[]> prefetched = prefetchedInTransaction(contactId);
        if (prefetched != null) {
            return prefetched;
        }
        Optional<Optional<byte[]>> stored = load(contactId);
        stored.ifPresent(key -> cacheAfterCommit(contactId, key));
        return stored.orElse(Optional.empty());
    }

    /**
     * Creates, in the current transaction and with two statements, the keys of every listed contact that has none
     * (a bulk write, an import's chunk, about to append the first events of many contacts), and holds them for
     * {@link #forWriting} until the transaction ends: one round trip per chunk instead of two per contact. Like a
     * key {@link #forWriting} creates, they enter the cache only once the transaction has committed, and a rolled-back
     * transaction takes its keys with it. A contact forgotten before is held as forgotten (its tombstone stays).
     */
    public void prepareForWriting(Collection<UUID> contactIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return; // nothing to hold them for: forWriting creates each key on its own
        }
        UUID[] missing = uncached(contactIds);
        if (missing.length == 0) {
            return;
        }
        byte[][] keys = new byte[missing.length][];
        for (int i = 0; i < missing.length; i++) {
            keys[i] = PersonalDataCipher.newKey();
        }
        jdbc.update("""
                INSERT INTO contact_key (contact_id, key)
                SELECT t.contact_id, t.key FROM unnest(?::uuid[], ?::bytea[]) AS t(contact_id, key)
                ON CONFLICT DO NOTHING""", missing, keys);
        Map<UUID, Optional<byte[]>> prepared = preparedInTransaction();
        if (prepared == null) {
            Map<UUID, Optional<byte[]>> held = new HashMap<>();
            TransactionSynchronizationManager.bindResource(PREPARED, held);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    held.forEach(ContactKeys.this::put);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PREPARED);
                }
            });
            prepared = held;
        }
        Map<UUID, Optional<byte[]>> into = prepared;
        jdbc.query(
                "SELECT contact_id, key FROM contact_key WHERE contact_id = ANY(?)",
                (RowCallbackHandler) rs -> into.put(rs.getObject(1, UUID.class), Optional.ofNullable(rs.getBytes(2))),
                (Object) missing);
    }

    /** The distinct ids among {@code contactIds} whose key is not in the cache. */
    private UUID[] uncached(Collection<UUID> contactIds) {
        return contactIds.stream()
                .distinct()
                .filter(id -> cache.getIfPresent(id) == null)
                .toArray(UUID[]::new);
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, Optional<byte[]>> preparedInTransaction() {
        return (Map<UUID, Optional<byte[]>>) TransactionSynchronizationManager.getResource(PREPARED);
    }

    /**
     * Loads into the cache, in one query, the keys of those contacts that are not cached yet: an event processor
     * calls this once per batch with the contacts of the batch's events, and the hand-over once per page, so they
     * read keys with one round trip per batch instead of one per contact. Only committed rows are read and cached, so
     * no rolled-back key can enter the cache; a key destroyed meanwhile is refused by {@link #put} or evicted by its
     * notification.
     *
     * <p>Inside a transaction the batch's keys are also held for {@link #forReading} until the next prefetch or the
     * transaction's end: the cache admits new entries by frequency, so with more contacts than it holds (a replay of a
     * large store) a key just loaded may be turned away, and was then read again one query per event (118,644 such
     * queries in a rebuild of 1,000,000 events). Only the latest batch's keys are held, so a hand-over that applies
     * the whole store in one transaction holds one page's keys at a time.
     */
    public void prefetch(Collection<UUID> contactIds) {
        Map<UUID, Optional<byte[]>> batch = heldForThisBatch();
        List<UUID> missing = new ArrayList<>();
        for (UUID contactId : new LinkedHashSet<>(contactIds)) {
            Optional<byte[]> cached = cache.getIfPresent(contactId);
            if (cached == null) {
                missing.add(contactId);
            } else if (batch != null) {
                batch.put(contactId, cached);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        jdbc.query(
                "SELECT contact_id, key FROM contact_key WHERE contact_id = ANY(?)",
                (RowCallbackHandler) rs -> {
                    UUID contactId = rs.getObject(1, UUID.class);
                    Optional<byte[]> key = Optional.ofNullable(rs.getBytes(2));
                    put(contactId, key);
                    if (batch != null && (key.isEmpty() || destroyed.getIfPresent(contactId) == null)) {
                        batch.put(contactId, key);
                    }
                },
                (Object) missing.toArray(UUID[]::new));
    }

    /** A fresh map for this prefetch's keys, held by the current transaction; null outside one. */
    private Map<UUID, Optional<byte[]>> heldForThisBatch() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        AtomicReference<Map<UUID, Optional<byte[]>>> holder = (AtomicReference<Map<UUID, Optional<byte[]>>>)
                TransactionSynchronizationManager.getResource(PREFETCHED);
        if (holder == null) {
            holder = new AtomicReference<>();
            TransactionSynchronizationManager.bindResource(PREFETCHED, holder);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PREFETCHED);
                }
            });
        }
        Map<UUID, Optional<byte[]>> batch = new HashMap<>();
        holder.set(batch);
        return batch;
    }

    /** The keys the latest prefetch of the current transaction holds, or null. */
    private Optional<byte[]> prefetchedInTransaction(UUID contactId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        AtomicReference<Map<UUID, Optional<byte[]>>> holder = (AtomicReference<Map<UUID, Optional<byte[]>>>)
                TransactionSynchronizationManager.getResource(PREFETCHED);
        Map<UUID, Optional<byte[]>> batch = holder == null ? null : holder.get();
        return batch == null ? null : batch.get(contactId);
    }

    /** Destroys the contact's key for good; idempotent. Runs in the transaction that appends ContactForgotten. */
    public void destroy(UUID contactId) {
        jdbc.update("""
                        INSERT INTO contact_key (contact_id, key, destroyed_at) VALUES (?, NULL, now())
                        ON CONFLICT (contact_id) DO UPDATE SET key = NULL, destroyed_at = coalesce(contact_key.destroyed_at, now())""", contactId);
        jdbc.queryForObject("SELECT pg_notify(?, ?)", Object.class, CHANNEL, contactId.toString());
        evict(contactId);
        Map<UUID, Optional<byte[]>> prepared = preparedInTransaction();
        if (prepared != null) {
            prepared.put(contactId, Optional.empty());
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(contactId);
                }
            });
        }
    }

    /** A shared note's key: its id (named in the sealed value) and the key. */
    record NoteKey(UUID keyId, byte[] key) {}

    /**
     * The live key of a shared interaction's notes, created if there is none (a new shared interaction, or one whose
     * key was destroyed when a participant was forgotten: a note written after that gets a fresh key).
     */
    NoteKey sharedNoteKeyForWriting(UUID ownerId, UUID interactionId) {
        jdbc.update("""
                INSERT INTO shared_note_key (key_id, owner_id, interaction_id, key) VALUES (?, ?, ?, ?)
                ON CONFLICT (owner_id, interaction_id) WHERE key IS NOT NULL DO NOTHING""", UUID.randomUUID(), ownerId, interactionId, PersonalDataCipher.newKey());
        return jdbc.queryForObject(
                "SELECT key_id, key FROM shared_note_key WHERE owner_id = ? AND interaction_id = ? AND key IS NOT NULL",
                (rs, n) -> new NoteKey(rs.getObject(1, UUID.class), rs.getBytes(2)),
                ownerId,
                interactionId);
    }

    /**
     * Whether the interaction was logged with several contacts, so its notes are sealed with keys of their own. The
     * interaction registry says so (written when it was logged): a note written later, even for an interaction
     * logged before shared keys existed, gets one.
     */
    boolean isShared(UUID ownerId, UUID interactionId) {
        Integer participants = jdbc.queryForObject(
                "SELECT count(*) FROM interaction_registry WHERE owner_id = ? AND interaction_id = ?",
                Integer.class,
                ownerId,
                interactionId);
        return participants != null && participants > 1;
    }

    /** The key of a shared note, by the id its sealed value names; empty once a participant was forgotten. */
    Optional<byte[]> sharedNoteKeyForReading(UUID keyId) {
        Optional<byte[]> cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Optional<Optional<byte[]>> stored = jdbc
                .query(
                        "SELECT key FROM shared_note_key WHERE key_id = ?",
                        (rs, n) -> Optional.ofNullable(rs.getBytes(1)),
                        keyId)
                .stream()
                .findFirst();
        stored.ifPresent(key -> cacheAfterCommit(keyId, key));
        return stored.orElse(Optional.empty());
    }

    /**
     * Destroys the keys of the notes of every interaction the contact took part in, set-based, and tells every node
     * to drop them; runs with {@link #destroy} in the transaction that appends ContactForgotten.
     */
    public void destroySharedNoteKeys(UUID ownerId, UUID contactId) {
        List<UUID> destroyedKeys = jdbc.queryForList("""
                UPDATE shared_note_key k SET key = NULL, destroyed_at = now()
                FROM interaction_registry r
                WHERE r.owner_id = ? AND r.contact_id = ?
                  AND k.owner_id = r.owner_id AND k.interaction_id = r.interaction_id AND k.key IS NOT NULL
                RETURNING k.key_id""", UUID.class, ownerId, contactId);
        if (destroyedKeys.isEmpty()) {
            return;
        }
        jdbc.queryForList(
                "SELECT pg_notify(?, id::text) FROM unnest(?::uuid[]) AS id",
                Object.class,
                CHANNEL,
                destroyedKeys.toArray(UUID[]::new));
        destroyedKeys.forEach(this::evictAfterCompletion);
    }

    /**
     * The notes of the contact's shared interactions that were sealed before shared keys existed (V20): each
     * participant's copy with that participant's contact key, which forgetting one participant does not destroy.
     * In the events of every participant of those interactions, replaces each such copy by the placeholder a
     * destroyed shared key reads as, set-based, so the note is unreadable for all of them (docs/adr/0023). Runs with
     * {@link #destroySharedNoteKeys} in the transaction that appends ContactForgotten; touches no other event.
     *
     * @return the number of events rewritten
     */
    public int removeContactSealedSharedNotes(UUID ownerId, UUID contactId) {
        return jdbc.update(
                """
                WITH shared AS (
                    SELECT r.interaction_id FROM interaction_registry r
                    WHERE r.owner_id = ? AND r.contact_id = ?
                      AND (SELECT count(*) FROM interaction_registry o
                           WHERE o.owner_id = r.owner_id AND o.interaction_id = r.interaction_id) > 1),
                participants AS (
                    SELECT DISTINCT p.contact_id, p.interaction_id FROM interaction_registry p
                    JOIN shared s ON s.interaction_id = p.interaction_id
                    WHERE p.owner_id = ?)
                UPDATE domain_event_entry e
                SET payload = convert_to(
                        keepwarm_remove_contact_sealed_notes(convert_from(e.payload, 'UTF8')::jsonb)::text, 'UTF8')
                FROM participants p
                WHERE e.aggregate_identifier = p.contact_id::text
                  AND e.payload_type IN (?, ?, ?)
                  AND convert_from(e.payload, 'UTF8')::jsonb ->> 'interactionId' = p.interaction_id::text
                  AND keepwarm_has_contact_sealed_note(convert_from(e.payload, 'UTF8')::jsonb)""",
                ownerId,
                contactId,
                ownerId,
                InteractionLogged.class.getName(),
                InteractionCorrected.class.getName(),
                InteractionRetracted.class.getName());
    }

    private void evictAfterCompletion(UUID keyId) {
        evict(keyId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(keyId);
                }
            });
        }
    }

    void evict(UUID contactId) {
        destroyed.put(contactId, Boolean.TRUE);
        cache.invalidate(contactId);
        evictionListeners.forEach(Runnable::run);
    }

    void evictAll() {
        cache.invalidateAll();
        evictionListeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} whenever a key is evicted: a contact's or shared note's key destroyed on this node or
     * announced by another, or every key after the eviction channel was lost. What else keeps decrypted personal
     * data in memory (the contact aggregate cache) forgets it then as well.
     */
    public void onEviction(Runnable listener) {
        evictionListeners.add(listener);
    }

    /**
     * How many keys were read one query each ({@link #load}) rather than by a {@link #prefetch}: what a replay or a
     * hand-over must keep near zero (HandOverKeysIT).
     */
    long loadedOneAtATime() {
        return loadedOneAtATime.sum();
    }

    /** Empty: no row; a present empty Optional: a destroyed key (tombstone). */
    private Optional<Optional<byte[]>> load(UUID contactId) {
        loadedOneAtATime.increment();
        return jdbc
                .query(
                        "SELECT key FROM contact_key WHERE contact_id = ?",
                        (rs, n) -> Optional.ofNullable(rs.getBytes(1)),
                        contactId)
                .stream()
                .findFirst();
    }

    private void cacheAfterCommit(UUID contactId, Optional<byte[]> key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    put(contactId, key);
                }
            });
        } else {
            put(contactId, key);
        }
    }

    private void put(UUID contactId, Optional<byte[]> key) {
        if (key.isPresent() && destroyed.getIfPresent(contactId) != null) {
            return;
        }
        cache.put(contactId, key);
    }
}
