package io.keepwarm.web.error;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a failure that means "the database cannot be reached right now", however it is wrapped: Spring's
 * translated exceptions, and the raw JDBC ones Axon's event store wraps in its own ({@code EventStoreException},
 * {@code JdbcException}): connection exceptions (SQLState class 08, HikariCP's "Connection is closed" and pool
 * timeouts) and a server shutting down or starting up (57P01, 57P02, 57P03). Such a request is answered 503 with
 * {@code Retry-After}, not 500.
 */
public final class DatabaseUnavailable {

    public static final String RETRY_AFTER_SECONDS = "5";
    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                        return true;
                    }
                    // HikariCP hands out a closed-connection proxy once a connection broke under another statement
                    // of the same transaction; it throws this, without an SQLState.
                    if (state == null && HIKARI_CLOSED.equals(next.getMessage())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The problem every unreachable-database failure is answered with (send {@code Retry-After} alongside). */
    public static ProblemDetail problem() {
        return Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "the database is unavailable; try again shortly (resending an interaction with the same "
                        + "interactionId is always safe)");
    }
}
