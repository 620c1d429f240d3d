package io.keepwarm.application.admin;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin deletes a user: the account stops at once, then the user's whole network is forgotten (SPEC §6), and
 * the admin's audit trail records it.
 *
 * <ol>
 *   <li>One transaction ({@link Accounts#markDeleted}): the user is disabled and marked deleted, every token revoked.
 *       From its commit on no token of theirs works: on this node at once, on any other within a second (the
 *       time a node believes a token it found valid, {@code VerifiedTokens}).
 *   <li>Every contact of theirs not yet forgotten is forgotten as {@code DELETE /api/contacts/{id}} forgets one
 *       (its key destroyed: crypto-shredding, read models and history blanked), {@value #BATCH} contacts a
 *       transaction, each {@code ContactForgotten} carrying the admin as its actor and the request's id.
 *   <li>One transaction: what the user kept beside their network is purged, set-based, one {@code DELETE} per table
 *       ({@link #PURGE}: their settings and the history of their changes (the digest's email), the calendar feed,
 *       digest deliveries (recipient addresses), import jobs with their per-row reports (names and addresses from
 *       the file), import source keys, idempotency keys and their tokens' rows), and the audit entry says who deleted
 *       whom, when, under which request, how many contacts were forgotten and how many rows of each table were
 *       purged. Only the {@code app_user} tombstone stays (ids in the events' metadata point at it).
 * </ol>
 *
 * If the server stops during step 2, the user is already deleted and cannot sign in; deleting them again (it is
 * idempotent: 204) forgets the rest and records that too.
 */
@Service
public class UserDeletion {

    static final int BATCH = 100;

    private final Accounts accounts;
    private final ContactCommands contacts;
    private final AdminAudit audit;
    /**
     * What a deleted user kept outside their network, table by table, each purged by one set-based statement on the
     * user's id ({@code ?}); import rows go with their jobs (ON DELETE CASCADE). UserDeletionIT lists every table of
     * the schema and fails for one that still holds a row naming the deleted user and is neither purged here nor
     * kept for a stated reason.
     */
    static final Map<String, String> PURGE = purgeStatements();

    /** The tables {@link #PURGE} empties of the user's rows (UserDeletionIT checks each one held some before). */
    public static final List<String> PURGED_TABLES = List.copyOf(PURGE.keySet());

    private static Map<String, String> purgeStatements() {
        Map<String, String> purge = new LinkedHashMap<>();
        purge.put("account_settings", "DELETE FROM account_settings WHERE user_id = ?");
        purge.put("account_settings_change", "DELETE FROM account_settings_change WHERE user_id = ?");
        purge.put("calendar_feed", "DELETE FROM calendar_feed WHERE user_id = ?");
        purge.put("digest_delivery", "DELETE FROM digest_delivery WHERE user_id = ?");
        purge.put(
                "import_row",
                "DELETE FROM import_row r USING import_job j WHERE r.import_id = j.import_id AND j.owner_id = ?");
        purge.put("import_job", "DELETE FROM import_job WHERE owner_id = ?");
        purge.put("import_source", "DELETE FROM import_source WHERE owner_id = ?");
        purge.put("idempotency_key", "DELETE FROM idempotency_key WHERE owner_id = ?");
        purge.put("api_token", "DELETE FROM api_token WHERE user_id = ?");
        return Collections.unmodifiableMap(purge);
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public UserDeletion(
            Accounts accounts,
            ContactCommands contacts,
            AdminAudit audit,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** What a deletion did. */
    public record Deleted(UUID userId, boolean alreadyDeleted, int contactsForgotten, Map<String, Integer> purged) {}

    public Deleted delete(Caller admin, UUID userId) {
        Optional<Accounts.User> deleted = accounts.markDeleted(userId, admin.actorId());
        OwnerId owner = new OwnerId(userId);
        Caller onBehalf = new Caller(owner, admin.actorId(), admin.correlationId());
        int forgotten = 0;
        java.util.Set<ContactId> attempted = new java.util.HashSet<>();
        List<ContactId> remaining;
        while (!(remaining = remembered(owner)).isEmpty()) {
            if (!java.util.Collections.disjoint(attempted, remaining)) {
                // the live contact list did not take the forgetting (a projection in error): stop rather than spin;
                // the user is deleted already, and deleting again once the projection runs finishes the job
                throw new IllegalStateException("contacts of user " + userId + " stay listed after being forgotten");
            }
            attempted.addAll(remaining);
            contacts.forgetOnBehalf(onBehalf, remaining);
            forgotten += remaining.size();
        }
        String username = deleted.map(Accounts.User::username).orElse(null);
        int contactsForgotten = forgotten;
        Map<String, Integer> purged = transaction.execute(status -> {
            Map<String, Integer> rows = new LinkedHashMap<>();
            PURGE.forEach((table, statement) -> rows.put(table, jdbc.update(statement, userId)));
            int total = rows.values().stream().mapToInt(Integer::intValue).sum();
            audit.record(
                    admin,
                    "USER_DELETED",
                    userId,
                    (username == null ? "finished deleting user " + userId : "deleted user " + username)
                            + ": forgot " + contactsForgotten + (contactsForgotten == 1 ? " contact" : " contacts")
                            + ", purged " + total + (total == 1 ? " row" : " rows") + " of their account",
                    Map.of(
                            "contactsForgotten",
                            contactsForgotten,
                            "alreadyDeleted",
                            deleted.isEmpty(),
                            "purged",
                            rows));
            return rows;
        });
        return new Deleted(userId, deleted.isEmpty(), forgotten, purged);
    }

    /** The next batch of the owner's contacts that are not forgotten, archived ones included. */
    private List<ContactId> remembered(OwnerId owner) {
        return new ArrayList<>(jdbc.query(
                "SELECT contact_id FROM contact_view WHERE owner_id = ? AND NOT forgotten ORDER BY contact_id LIMIT ?",
                (rs, n) -> new ContactId(rs.getObject(1, UUID.class)),
                owner.value(),
                BATCH));
    }
}
