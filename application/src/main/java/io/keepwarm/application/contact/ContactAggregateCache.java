package io.keepwarm.application.contact;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.keepwarm.application.privacy.ContactKeys;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * This node's contact aggregates as its last command left them, so that a command on a contact this node wrote
 * recently does not read and decrypt the contact's whole event stream again (docs/adr/0031). Axon's
 * {@code CachingEventSourcingRepository} puts an aggregate here when its unit of work commits and removes it when
 * the unit of work rolls back.
 *
 * <p>An entry can be behind the store: another node appended to the contact since. A command that appends from a
 * stale entry breaks the event table's unique (aggregate, sequence) key, its transaction rolls back (which removes
 * the entry) and {@link ContactCommands} retries it on the stored events. A command that appends nothing, or is
 * refused, is never answered from an entry the store has moved past: {@link ContactCommands} compares the versions
 * the entries had ({@link #SERVED}, recorded here on every hit) with the store's before it believes the answer.
 *
 * <p>An aggregate holds its contact's personal data in clear. Any contact or shared-note key destroyed, on this node
 * or (through {@code KeyEvictionListener}) on any other, empties the whole cache, as does a lost eviction channel:
 * forgetting rewrites the notes of other contacts' events too, and is rare. Entries also expire ten minutes after
 * their last write, and there are at most {@value #MAXIMUM_SIZE}.
 */
@Component
public class ContactAggregateCache implements Cache {

    /**
     * A root unit of work resource, a {@code Map<String, Long>} the writer puts there: each contact an entry of this
     * cache served in that unit of work, with the version (last sequence number) the entry had.
     */
    public static final String SERVED = ContactAggregateCache.class.getName() + ".served";

    static final int MAXIMUM_SIZE = 10_000;

    private static final Field VERSION = versionField();

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries = Caffeine.newBuilder()
            .maximumSize(MAXIMUM_SIZE)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final AtomicLong hits = new AtomicLong();

    public ContactAggregateCache(ContactKeys keys) {
        keys.onEviction(this::removeAll);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry = entries.getIfPresent(key);
        if (entry != null) {
            hits.incrementAndGet();
            if (CurrentUnitOfWork.isStarted() && entry instanceof AggregateCacheEntry<?> aggregate) {
                Map<String, Long> served = CurrentUnitOfWork.get().root().getResource(SERVED);
                if (served != null) {
                    served.put(key.toString(), versionOf(aggregate));
                }
            }
        }
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.getIfPresent(key) != null;
    }

    /** Nobody listens to this cache's entries; a listener would never be called. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the contact aggregate cache has no entry listeners");
    }

    /**
     * The version of the contact's entry now, without counting a hit; null if there is none. Axon replaces a
     * contact's entry when the command's own unit of work commits, so right after a command it says whether the
     * command appended: a version above the one the entry was served with.
     */
    Long cachedVersion(String contactId) {
        Object entry = entries.getIfPresent(contactId);
        return entry instanceof AggregateCacheEntry<?> aggregate ? versionOf(aggregate) : null;
    }

    /** How many loads this cache has answered since the node started. */
    public long hits() {
        return hits.get();
    }

    /**
     * The version of the aggregate an entry holds. Axon keeps it in a private field and reads it back only when it
     * recreates the aggregate; {@code ContactAggregateCacheTest} fails if a new Axon moves it.
     */
    static long versionOf(AggregateCacheEntry<?> entry) {
        try {
            Long version = (Long) VERSION.get(entry);
            return version == null ? -1 : version;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field any more", e);
        }
    }
}
