package io.keepwarm.application.contact;

import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key}s an owner has used to add contacts ({@code idempotency_key}, V10). A key is recorded by
 * {@link ContactCommands#addOnce} inside the transaction that appends the contact, so the table and the event store
 * never disagree; see docs/adr/0010-the-error-contract.md.
 */
@Component
public class IdempotencyKeys {

    /** The most characters a key may have. */
    public static final int MAX_LENGTH = 255;

    /** A key's first use: the digest of the request it came with and the contact that request added. */
    public record Use(String requestDigest, ContactId contactId, long version) {}

    /** A key used again with another request body: 409, nothing appended. */
    public static class KeyReused extends RuntimeException {
        public KeyReused() {
            super("this Idempotency-Key was already used with another request body; use a new key for a new request");
        }
    }

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Use> find(OwnerId ownerId, String key) {
        return jdbc
                .query(
                        "SELECT request_digest, contact_id, version FROM idempotency_key"
                                + " WHERE owner_id = ? AND idempotency_key = ?",
                        (rs, n) -> new Use(
                                rs.getString("request_digest"),
                                new ContactId(rs.getObject("contact_id", UUID.class)),
                                rs.getLong("version")),
                        ownerId.value(),
                        key)
                .stream()
                .findFirst();
    }

    /**
     * Records the key's first use, in the caller's transaction. A concurrent first use of the same key waits on
     * the primary key for the other transaction and then fails with {@code DuplicateKeyException}.
     */
    void record(OwnerId ownerId, String key, Use use, Instant at) {
        jdbc.update(
                "INSERT INTO idempotency_key (owner_id, idempotency_key, request_digest, contact_id, version, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                ownerId.value(),
                key,
                use.requestDigest(),
                use.contactId().value(),
                use.version(),
                Timestamp.from(at));
    }

    /** Forgetting a contact removes the keys that added it: their digests were computed from its personal data. */
    void forget(OwnerId ownerId, ContactId contactId) {
        jdbc.update(
                "DELETE FROM idempotency_key WHERE owner_id = ? AND contact_id = ?",
                ownerId.value(),
                contactId.value());
    }
}
