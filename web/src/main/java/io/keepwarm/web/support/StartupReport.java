package io.keepwarm.web.support;

import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one line an operator looks for after a start: where the server listens, which database it uses and where
 * that database keeps its data.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    /** The property source the embedded PostgreSQL adds when no datasource is configured. */
    private static final String EMBEDDED_SOURCE = "keepwarm-embedded-postgres";

    private final DataSource dataSource;
    private final ConfigurableEnvironment environment;

    StartupReport(DataSource dataSource, ConfigurableEnvironment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        log.info(line(event));
    }

    String line(ApplicationReadyEvent event) {
        String listening = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? "http://" + environment.getProperty("server.address", "localhost") + ":"
                        + web.getWebServer().getPort()
                : "no web server";
        boolean embedded = environment.getPropertySources().contains(EMBEDDED_SOURCE);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String version = setting(jdbc, "server_version");
        String dataDirectory = setting(jdbc, "data_directory");
        Duration took = event.getTimeTaken();
        return "keepwarm ready on %s in %.1f s; database %s (%s PostgreSQL %s), data in %s"
                .formatted(
                        listening,
                        took == null ? 0.0 : took.toMillis() / 1000.0,
                        withoutCredentials(environment.getProperty("spring.datasource.url", "?")),
                        embedded ? "embedded" : "external",
                        version,
                        dataDirectory);
    }

    /** A setting of the server, or what stands in for it when the database user may not read it. */
    private static String setting(JdbcTemplate jdbc, String name) {
        try {
            return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
        } catch (DataAccessException e) {
            return "(not readable by this database user)";
        }
    }

    /** A JDBC URL may carry a password as a parameter; the log line keeps only host, port and database. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
