package io.keepwarm.application.admin;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * An admin deletes a user: the account stops at once, then the user's whole network is forgotten (SPEC §6), and
 * the admin's audit trail records it.
 *
 * <ol>
 *   <li>One transaction ({@link Accounts#markDeleted}): the user is disabled and marked deleted, every token revoked.
 *       From its commit on no token of theirs works, on any node (every request checks the table).
 *   <li>Every contact of theirs not yet forgotten is forgotten as {@code DELETE /api/contacts/{id}} forgets one
 *       (its key destroyed: crypto-shredding, read models and history blanked), {@value #BATCH} contacts a
 *       transaction, each {@code ContactForgotten} carrying the admin as its actor and the request's id.
 *   <li>The audit entry says who deleted whom, when, under which request, and how many contacts were forgotten.
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
    private final JdbcTemplate jdbc;

    public UserDeletion(Accounts accounts, ContactCommands contacts, AdminAudit audit, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** What a deletion did. */
    public record Deleted(UUID userId, boolean alreadyDeleted, int contactsForgotten) {}

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
        audit.record(
                admin,
                "USER_DELETED",
                userId,
                (username == null ? "finished deleting user " + userId : "deleted user " + username) + ": forgot "
                        + forgotten + (forgotten == 1 ? " contact" : " contacts"),
                java.util.Map.of("contactsForgotten", forgotten, "alreadyDeleted", deleted.isEmpty()));
        return new Deleted(userId, deleted.isEmpty(), forgotten);
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
