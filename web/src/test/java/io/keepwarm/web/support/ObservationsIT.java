package io.keepwarm.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.IntegrationTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Spring Security's observation around each filter of its chain is switched off (application.yml, docs/bench.md:
 * about 15 % of a write's request CPU); the request as a whole is still observed.
 */
class ObservationsIT extends IntegrationTest {

    @Autowired
    ObservationRegistry observations;

    @Test
    void security_filter_observations_are_off_and_the_request_observation_is_on() {
        assertThat(Observation.start("spring.security.filterchains", observations)
                        .isNoop())
                .isTrue();
        assertThat(Observation.start("spring.security.authorizations", observations)
                        .isNoop())
                .isTrue();
        assertThat(Observation.start("http.server.requests", observations).isNoop())
                .isFalse();
        assertThat(newOwner().get("/api/me").status()).isEqualTo(200);
    }
}
