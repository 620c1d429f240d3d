package io.keepwarm.web.support;

import io.keepwarm.application.contact.ContactCommands;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code keepwarm.writes.conflicts.retried} (at {@code /actuator/metrics}, admin only): writes this node retried
 * after another writer appended to the same contact first. A client never sees these conflicts; the counter
 * shows how often they happen.
 */
@Configuration(proxyBeanMethods = false)
public class WriteMetrics {

    @Bean
    MeterBinder writeConflictCounter(ContactCommands commands) {
        return registry -> FunctionCounter.builder(
                        "keepwarm.writes.conflicts.retried", commands, ContactCommands::retriedConflicts)
                .description("writes retried after an optimistic-concurrency conflict")
                .register(registry);
    }
}
