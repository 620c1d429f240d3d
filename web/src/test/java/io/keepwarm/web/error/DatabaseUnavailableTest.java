package io.keepwarm.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DatabaseUnavailableTest {

    @Test
    void connection_failures_are_recognised_however_deeply_wrapped() {
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(
                        "Failed to read events",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                        "Failed to create a SQL statement", new SQLException("Connection is closed"))))
                .as("HikariCP's closed-connection proxy")
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("This connection has been closed.", "08003")))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.isCause(
                        new RuntimeException(new SQLException("FATAL: the database system is starting up", "57P03"))))
                .isTrue();
    }

    @Test
    void other_database_errors_are_not_an_outage() {
        assertThat(DatabaseUnavailable.isCause(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("boom")))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLException("something else")))
                .isFalse();
    }
}
