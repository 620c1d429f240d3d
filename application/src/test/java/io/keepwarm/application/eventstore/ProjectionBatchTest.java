package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.eventstore.ProjectionBatch.ContactKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ProjectionBatchTest {

    private static final UUID OWNER = UUID.randomUUID();
    private static final ContactKey A = new ContactKey(OWNER, UUID.randomUUID());
    private static final ContactKey B = new ContactKey(OWNER, UUID.randomUUID());
    private static final ContactKey C = new ContactKey(OWNER, UUID.randomUUID());

    /** Records what would have been sent: one line per round trip, "SQL[arg, …]". */
    private static final class RecordingJdbc extends JdbcTemplate {

        final List<String> sent = new ArrayList<>();

        @Override
        public int update(String sql, Object... args) {
            sent.add(sql + Arrays.toString(args));
            return 1;
        }

        @Override
        public int[] batchUpdate(String sql, List<Object[]> batchArgs) {
            sent.add(sql + batchArgs.stream().map(Arrays::toString).toList());
            return new int[batchArgs.size()];
        }
    }

    private static List<String> sentWithin(Consumer<ProjectionBatch> handlers) {
        RecordingJdbc jdbc = new RecordingJdbc();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        handlers.accept(ProjectionBatch.current("test", jdbc, (j, touched) -> {}));
        unitOfWork.commit();
        return jdbc.sent;
    }

    @Test
    void statements_of_different_contacts_share_a_round_and_run_as_one_batch_per_sql_whatever_their_interleaving() {
        List<String> sent = sentWithin(batch -> batch.add(A, "insert-contact", "a")
                .add(B, "insert-interaction", "b1")
                .add(C, "insert-contact", "c")
                .add(B, "insert-interaction", "b2")
                .add(A, "set-cadence", "a"));

        assertThat(sent)
                .containsExactly(
                        "insert-contact[[a], [c]]", "insert-interaction;\ninsert-interaction;\nset-cadence[b1, b2, a]");
    }

    @Test
    void a_contacts_statements_keep_their_order() {
        List<String> sent = sentWithin(batch -> batch.add(A, "insert-contact", "a1")
                .add(A, "set-cadence", "a2")
                .add(A, "archive", "a3")
                .add(B, "archive", "b1"));

        assertThat(sent).containsExactly("insert-contact;\narchive;\nset-cadence;\narchive[a1, b1, a2, a3]");
    }

    @Test
    void a_statement_without_a_contact_waits_for_everything_before_it_and_holds_back_everything_after_it() {
        List<String> sent = sentWithin(batch -> batch.add(A, "insert", "a")
                .add("truncate")
                .add("truncate")
                .add(B, "insert", "b")
                .add(C, "insert", "c"));

        assertThat(sent).containsExactly("insert[a]", "truncate[[], []]", "insert[[b], [c]]");
    }

    @Test
    void the_single_statements_of_every_batch_of_a_unit_of_work_go_in_one_round_trip_after_each_batchs_finish() {
        RecordingJdbc jdbc = new RecordingJdbc();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        ProjectionBatch.current("history", jdbc, (batch, touched) -> {}).add(A, "insert-entry", "a");
        ProjectionBatch.current("contacts", jdbc, (batch, touched) -> batch.add("raise-versions", touched.size()))
                .touch(OWNER, A.contactId(), 7);
        ProjectionBatch.current("registry", jdbc, (batch, touched) -> {}).add(A, "insert-registry", "r");
        unitOfWork.commit();

        assertThat(jdbc.sent).containsExactly("insert-entry;\nraise-versions;\ninsert-registry[a, 1, r]");
    }

    @Test
    void a_later_version_folds_into_the_insert_queued_last_for_the_contact_and_nowhere_else() {
        List<String> sent = sentWithin(batch -> {
            batch.add(A, "insert-contact", "a", 0L);
            assertThat(batch.raiseQueued(A, "insert-contact", 1, 1L)).isTrue();
            assertThat(batch.raiseQueued(B, "insert-contact", 1, 1L))
                    .as("nothing queued for B")
                    .isFalse();
            batch.add(C, "insert-contact", "c", 0L);
            batch.add(C, "update-contact", "c", 2L);
            assertThat(batch.raiseQueued(C, "insert-contact", 1, 3L))
                    .as("C's last statement is an update")
                    .isFalse();
            batch.add(B, "insert-contact", "b", 0L);
            batch.add("delete-anything");
            assertThat(batch.raiseQueued(B, "insert-contact", 1, 1L))
                    .as("a statement without a contact came after")
                    .isFalse();
        });
        assertThat(sent)
                .containsExactly("insert-contact[[a, 1], [c, 0], [b, 0]]", "update-contact;\ndelete-anything[c, 2]");
    }

    @Test
    void outside_a_unit_of_work_nothing_is_folded_as_every_statement_has_already_run() {
        RecordingJdbc jdbc = new RecordingJdbc();
        ProjectionBatch batch = ProjectionBatch.current("test", jdbc, (j, touched) -> {});
        batch.add(A, "insert-contact", "a", 0L);
        assertThat(batch.raiseQueued(A, "insert-contact", 1, 1L)).isFalse();
        assertThat(jdbc.sent).containsExactly("insert-contact[a, 0]");
    }
}
