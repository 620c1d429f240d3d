package io.keepwarm.application.contact;

import io.keepwarm.domain.contact.Contact;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The contact aggregate in Axon: event sourced from the store, through this node's {@link ContactAggregateCache}
 * (docs/adr/0031). The domain module has no Spring, so the aggregate is registered here rather than by annotation
 * scanning.
 */
@Configuration(proxyBeanMethods = false)
public class ContactAggregateConfiguration {

    @Bean
    public ConfigurerModule contactAggregate(ContactAggregateCache cache) {
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(Contact.class).configureCache(configuration -> cache));
    }
}
