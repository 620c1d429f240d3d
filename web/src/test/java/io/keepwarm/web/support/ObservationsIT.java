package io.keepwarm.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Spring Security observes none of its own filters, authentications and authorizations
 * (SecurityConfiguration.noSecurityObservations; docs/bench.md: about 15 % of a write's request CPU); the request as
 * a whole is still observed.
 */
class ObservationsIT extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void security_filter_observations_are_off_and_the_request_observation_is_on() {
        assertThat(newOwner().get("/api/me").status()).isEqualTo(200);

        assertThat(meters.find("http.server.requests").tag("uri", "/api/me").timers())
                .as("the request is observed")
                .isNotEmpty();
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .as("no meter of Spring Security's own observations")
                .noneMatch(name -> name.startsWith("spring.security"));
    }
}
