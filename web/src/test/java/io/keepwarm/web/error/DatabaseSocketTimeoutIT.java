package io.keepwarm.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database that stops answering cannot hold a thread for ever: the application's connections carry pgjdbc's
 * socket timeout (30 s as shipped), so a statement that gets no answer fails with a connection error (which the
 * API answers 503) instead of waiting. Here the server "hangs" in {@code pg_sleep}: not one byte comes back.
 */
class DatabaseSocketTimeoutIT extends IntegrationTest {

    private static final Duration SHIPPED_TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    DataSource dataSource;

    @Test
    void a_statement_the_database_never_answers_is_cut_off_after_the_socket_timeout() throws Exception {
        assertThat(((HikariDataSource) dataSource).getDataSourceProperties().getProperty("socketTimeout"))
                .isEqualTo(String.valueOf(SHIPPED_TIMEOUT.toSeconds()));

        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(" + (SHIPPED_TIMEOUT.toSeconds() + 60) + ")"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(DatabaseUnavailable.isCause(e))
                            .as("answered as 503 database unavailable: " + e)
                            .isTrue());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(SHIPPED_TIMEOUT.minusSeconds(1), SHIPPED_TIMEOUT.plusSeconds(20));
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class))
                .as("the pool goes on with fresh connections")
                .isEqualTo(1);
    }
}
