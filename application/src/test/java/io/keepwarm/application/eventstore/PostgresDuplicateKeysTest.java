package io.keepwarm.application.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class PostgresDuplicateKeysTest {

    private final PostgresDuplicateKeys resolver = new PostgresDuplicateKeys();

    @Test
    void a_unique_violation_reported_by_sqlstate_is_a_duplicate_key() {
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(new SQLException("duplicate key", "23505"))))
                .isTrue();
    }

    @Test
    void a_unique_violation_chained_behind_a_batch_update_exception_is_a_duplicate_key() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "23505", 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("append failed", batch)))
                .isTrue();

        BatchUpdateException vague = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        vague.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(vague)).isTrue();
    }

    @Test
    void the_standard_integrity_exception_still_counts() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLIntegrityConstraintViolationException("dup")))
                .isTrue();
    }

    @Test
    void other_failures_are_not_conflicts() {
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection refused", "08001")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("not null", "23502")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("boom")))
                .isFalse();
    }
}
