package io.keepwarm.application.eventstore;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when appending failed because another writer took the same (aggregate, sequence number) first.
 *
 * <p>Axon's default for JDBC ({@code JdbcSQLErrorCodesResolver}) only recognises
 * {@link SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: it reports a unique
 * violation as SQLState {@code 23505}, inside a {@code BatchUpdateException} for a batch insert. Unrecognised, a
 * lost race between two nodes became an {@code EventStoreException} (a 500) instead of a
 * {@code ConcurrencyException} that the write side retries.
 */
public final class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
