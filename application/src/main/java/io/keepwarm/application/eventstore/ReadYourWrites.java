package io.keepwarm.application.eventstore;

import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read your own writes over asynchronous projections: after a command commits, wait (boundedly) until every
 * projection that serves reads has applied the contact's new version, so the caller's next read shows it.
 *
 * <p>It asks the read models themselves (each row records the last sequence number it applied), not a node's
 * in-memory processor state, so it is right whichever node owns the segment. Each read model answers from the
 * view its queries read, i.e. from whichever version serves reads at the moment (docs/adr/0006), so during a
 * rebuild it waits for the old version and after the switch for the new one.
 *
 * <p>A contact whose events are parked in a read model's dead-letter queue will not be applied until an admin
 * retries them; the wait for that contact ends as soon as that is seen rather than at the timeout.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private static final long FIRST_PAUSE_MILLIS = 10;

    private final JdbcClient jdbc;
    private final List<AppliedVersions> readModels;
    private final ProjectionProgress progress;
    private final Duration timeout;

    public ReadYourWrites(
            JdbcClient jdbc,
            List<AppliedVersions> readModels,
            ProjectionProgress progress,
            @Value("${keepwarm.read-your-writes.timeout:10s}") Duration timeout) {
        this.jdbc = jdbc;
        this.readModels = readModels;
        this.progress = progress;
        this.timeout = timeout;
    }

    /** The current version (last sequence number) of each contact, from the event store's own index. */
    public Map<ContactId, Long> versionsOf(List<ContactId> contactIds) {
        String[] ids = contactIds.stream().map(ContactId::toString).toArray(String[]::new);
        return jdbc
                .sql("""
                        SELECT aggregate_identifier, max(sequence_number) AS version
                        FROM domain_event_entry WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier""")
                .param(ids)
                .query((rs, n) -> Map.entry(ContactId.of(rs.getString(1)), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Call before a write commits: what this node's read models had committed by then. A write's events cannot be
     * in a read model that has not committed since, so {@link #await} does not look before they all have.
     */
    public Map<String, Long> beforeWrite() {
        return progress.commits(names(readModels));
    }

    private static List<String> names(List<AppliedVersions> readModels) {
        return readModels.stream().map(AppliedVersions::name).toList();
    }

    /**
     * Blocks until every read model has applied these versions, or the timeout passes (then logs and returns).
     * Each look asks all read models still behind in one statement.
     *
     * @param before what {@link #beforeWrite()} answered before the write committed; empty if it appended nothing
     */
    public void await(OwnerId ownerId, Map<ContactId, Long> versions, Map<String, Long> before) {
        if (versions.isEmpty()) {
            return;
        }
        UUID[] contacts = new UUID[versions.size()];
        Long[] expected = new Long[versions.size()];
        int i = 0;
        for (var entry : versions.entrySet()) {
            contacts[i] = entry.getKey().value();
            expected[i++] = entry.getValue();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        String[] contactIds = Arrays.stream(contacts).map(UUID::toString).toArray(String[]::new);
        List<AppliedVersions> behind = new ArrayList<>(readModels);
        // the first look only once every read model has committed since the write, or after a pause long enough
        // for another node's projections to have done so
        awaitCommitAfter(new HashMap<>(before), FIRST_PAUSE_MILLIS);
        for (int looks = 1; ; looks++) {
            // read before looking, so that a commit in between is not missed by the wait below
            Map<String, Long> seen = progress.commits(names(behind));
            int[] applied = countApplied(behind, ownerId, contacts, expected);
            List<AppliedVersions> stillBehind = new ArrayList<>();
            for (int m = 0; m < behind.size(); m++) {
                boolean caughtUp = applied[m] >= contacts.length
                        || looks % 4 == 0 && applied[m] + parked(behind.get(m), contactIds) >= contacts.length;
                if (!caughtUp) {
                    stillBehind.add(behind.get(m));
                }
            }
            behind = stillBehind;
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn(
                        "read models {} have not caught up with {} after {}; answering anyway",
                        names(behind),
                        versions,
                        timeout);
                return;
            }
            // woken when each read model still behind has committed on this node; the pause bounds the wait for
            // another node's commits
            seen.keySet().retainAll(names(behind));
            awaitCommitAfter(seen, pause);
            pause = Math.min(pause * 2, 50);
        }
    }

    /** For each read model, how many of the contacts it has brought up to their versions: one round trip. */
    private int[] countApplied(List<AppliedVersions> models, OwnerId ownerId, UUID[] contacts, Long[] versions) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Object> params = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            sql.append(m == 0 ? "" : ", ")
                    .append('(')
                    .append(models.get(m).countAppliedQuery())
                    .append(')');
            params.addAll(List.of(contacts, versions, ownerId.value()));
        }
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    int[] counts = new int[models.size()];
                    for (int m = 0; m < counts.length; m++) {
                        counts[m] = rs.getInt(m + 1);
                    }
                    return counts;
                })
                .single();
    }

    /** How many of the contacts have events parked in this read model's dead-letter queue (of any version). */
    private int parked(AppliedVersions readModel, String[] contactIds) {
        return jdbc.sql("""
                        SELECT count(DISTINCT aggregate_identifier) FROM dead_letter_entry
                        WHERE aggregate_identifier = ANY(?) AND (processing_group = ? OR processing_group LIKE ?)""")
                .params(contactIds, readModel.name(), readModel.name() + "@v%")
                .query(Integer.class)
                .single();
    }

    private void awaitCommitAfter(Map<String, Long> seen, long millis) {
        try {
            progress.awaitAfter(seen, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for projections", e);
        }
    }

    /** A read model that records, per contact, the last event sequence number it applied. */
    public interface AppliedVersions {

        String name();

        /**
         * A query counting how many of the given contacts this read model has brought up to at least the given
         * version, with three parameters: the contact ids ({@code uuid[]}), their versions ({@code bigint[]}) and
         * the owner id.
         */
        String countAppliedQuery();
    }
}
