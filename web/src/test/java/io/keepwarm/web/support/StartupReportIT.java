package io.keepwarm.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.KeepwarmApplication;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;

class StartupReportIT extends IntegrationTest {

    @Autowired
    StartupReport report;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void the_ready_line_names_the_address_the_database_and_where_its_data_lives() {
        String line = report.line(new ApplicationReadyEvent(
                new SpringApplication(KeepwarmApplication.class), new String[0], context, Duration.ofMillis(9400)));

        String dataDirectory = jdbc.queryForObject("SHOW data_directory", String.class);
        String version = jdbc.queryForObject("SHOW server_version", String.class);
        assertThat(line)
                .startsWith("keepwarm ready on http://localhost:" + port + " in 9.4 s; database jdbc:postgresql://")
                .contains("PostgreSQL " + version)
                .endsWith("data in " + dataDirectory);
    }

    @Test
    void a_jdbc_url_loses_its_parameters_which_may_hold_a_password() {
        assertThat(StartupReport.withoutCredentials("jdbc:postgresql://db:5432/kw?user=kw&password=secret"))
                .isEqualTo("jdbc:postgresql://db:5432/kw");
    }
}
