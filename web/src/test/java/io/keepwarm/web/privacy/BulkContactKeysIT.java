package io.keepwarm.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.privacy.ContactKeys;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys a bulk write (an import's chunk) creates up front for its contacts ({@link ContactKeys#prepareForWriting}):
 * created in the write's own transaction, gone with it when it rolls back, and never a new key for a forgotten
 * contact.
 */
class BulkContactKeysIT extends IntegrationTest {

    @Autowired
    ContactKeys keys;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void keys_prepared_in_a_rolled_back_transaction_are_gone_with_it() {
        List<UUID> contacts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        transaction.executeWithoutResult(status -> {
            keys.prepareForWriting(contacts);
            assertThat(count(contacts)).as("inside the transaction").isEqualTo(3);
            status.setRollbackOnly();
        });
        assertThat(count(contacts)).as("after the rollback").isZero();

        transaction.executeWithoutResult(status -> keys.prepareForWriting(contacts));
        assertThat(count(contacts)).as("committed").isEqualTo(3);
        transaction.executeWithoutResult(status -> keys.prepareForWriting(contacts));
        assertThat(count(contacts)).as("prepared again: no second key").isEqualTo(3);
    }

    @Test
    void a_forgotten_contact_gets_no_new_key() {
        UUID forgotten = UUID.randomUUID();
        transaction.executeWithoutResult(status -> keys.destroy(forgotten));
        transaction.executeWithoutResult(status -> keys.prepareForWriting(List.of(forgotten, UUID.randomUUID())));
        assertThat(jdbc.queryForObject(
                        "SELECT key IS NULL FROM contact_key WHERE contact_id = ?", Boolean.class, forgotten))
                .as("the tombstone stays")
                .isTrue();
    }

    private int count(List<UUID> contacts) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM contact_key WHERE contact_id = ANY(?) AND key IS NOT NULL",
                Integer.class,
                (Object) contacts.toArray(UUID[]::new));
    }
}
