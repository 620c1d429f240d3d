package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;

/** {@code /actuator/health} is open; every other actuator endpoint is for admins (SPEC §3 "Access"). */
class ActuatorAccessIT extends IntegrationTest {

    @Test
    void health_is_open_without_a_token() {
        var health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(newOwner().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void only_an_admin_sees_the_health_details() {
        assertThat(api.get("/actuator/health").json().has("components")).isFalse();
        assertThat(newOwner().get("/actuator/health").json().has("components")).isFalse();
        assertThat(admin().get("/actuator/health").json().has("components")).isTrue();
    }

    @Test
    void metrics_need_an_admin() {
        Api user = newOwner();
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(user.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(admin().get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(admin().get("/actuator/metrics/jvm.memory.used").status()).isEqualTo(200);
        assertThat(user.get("/actuator/metrics/jvm.memory.used").status()).isEqualTo(403);
    }

    @Test
    void every_other_actuator_endpoint_needs_an_admin_too() {
        Api user = newOwner();
        for (String path : new String[] {"/actuator", "/actuator/info", "/actuator/env", "/actuator/beans"}) {
            assertThat(api.get(path).status()).as("anonymous %s", path).isEqualTo(401);
            assertThat(user.get(path).status()).as("USER %s", path).isEqualTo(403);
        }
        assertThat(admin().get("/actuator/info").status()).isEqualTo(200);
    }
}
