package io.keepwarm.web.accounts;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's write still in flight when an admin deletes them (V92): it either commits before the deletion looks for
 * the contacts to forget, and is forgotten with them, or it appends nothing. Each test stops the write at the one
 * place the two meet, the owner's counter row that the numbering at commit locks (V73), and lets it go on only once
 * the other side is where the test wants it: PostgreSQL's lock queue decides the order, no timing does.
 */
class UserDeletionRaceIT extends IntegrationTest {

    @Autowired
    Accounts accounts;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_write_that_would_commit_after_the_deletion_appends_nothing() throws Exception {
        var created = admin().post("/api/admin/users", Map.of("username", "racing-" + suffix(), "role", "USER"));
        UUID userId = UUID.fromString(created.json().get("userId").asText());
        Api user = api.as(created.json().get("token").asText());
        addContact(user, "Already here");
        UUID adminId =
                UUID.fromString(admin().get("/api/me").json().get("userId").asText());
        long eventsBefore = ownersEvents(userId);

        CompletableFuture<Api.Response> write = new CompletableFuture<>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            // the deletion's own transaction, not yet committed: the user is marked deleted, the counter row held
            assertThat(accounts.markDeleted(userId, adminId)).isPresent();
            start(() -> write.complete(user.post("/api/contacts", Map.of("displayName", "Late"))));
            awaitWaitingOnALock(1);
        });

        assertProblem(write.get(), 401);
        assertThat(write.get().json().get("detail").asText()).contains("deleted");
        assertThat(ownersEvents(userId)).isEqualTo(eventsBefore);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM contact_view WHERE owner_id = ? AND display_name = 'Late'",
                        Long.class,
                        userId))
                .isZero();
    }

    @Test
    void a_deletion_waits_for_a_write_that_numbered_first_and_forgets_what_it_added() throws Exception {
        var created = admin().post("/api/admin/users", Map.of("username", "racing-" + suffix(), "role", "USER"));
        String userId = created.json().get("userId").asText();
        Api user = api.as(created.json().get("token").asText());
        addContact(user, "Already here");

        CompletableFuture<Api.Response> write = new CompletableFuture<>();
        CompletableFuture<Api.Response> deletion = new CompletableFuture<>();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold =
                    holder.prepareStatement("SELECT 1 FROM owner_event_position WHERE owner_id = ? FOR UPDATE")) {
                hold.setObject(1, UUID.fromString(userId));
                assertThat(hold.executeQuery().next()).isTrue();
            }
            // the write queues first on the counter row, in its commit; then the deletion
            start(() -> write.complete(user.post("/api/contacts", Map.of("displayName", "Late"))));
            awaitWaitingOnALock(1);
            start(() -> deletion.complete(admin().delete("/api/admin/users/" + userId)));
            awaitWaitingOnALock(2);
            holder.rollback();
        }

        assertThat(write.get().status()).as("%s", write.get()).isEqualTo(201);
        assertThat(deletion.get().status()).as("%s", deletion.get()).isEqualTo(204);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM contact_view WHERE owner_id = ? AND NOT forgotten",
                        Long.class,
                        UUID.fromString(userId)))
                .as("every contact of the deleted user is forgotten, the one of the write in flight too")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM contact_view WHERE owner_id = ?", Long.class, UUID.fromString(userId)))
                .isEqualTo(2);
    }

    private long ownersEvents(UUID owner) {
        Long count =
                jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE owner_id = ?", Long.class, owner);
        return count == null ? 0 : count;
    }

    private static void start(Runnable request) {
        Thread thread = new Thread(request, "racing request");
        thread.setDaemon(true);
        thread.start();
    }

    /** Until this many backends of this database wait for a lock (the writes the test has stopped). */
    private void awaitWaitingOnALock(int backends) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Long waiting = jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                    Long.class);
            if (waiting != null && waiting >= backends) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + backends + " backend(s) waiting on a lock within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
