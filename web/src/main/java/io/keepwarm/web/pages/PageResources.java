package io.keepwarm.web.pages;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * How the pages' links are written. Spring Boot registers a {@link ResourceUrlEncodingFilter} whenever the resource
 * chain is on (the webjars locator turns it on, for {@code /webjars/htmx.org/dist/htmx.min.js}); it passes every
 * link a page renders through the resource resolvers, so that a versioned asset URL could replace it. keepwarm
 * uses no versioned URLs, and with the static resources mapped at {@code /**} each of a dashboard's links
 * ({@code /contacts/…}) cost four class-path lookups that always missed (and are not cached): a quarter of the
 * dashboard's rendering in the benchmark's profile (docs/pages.md, "What a page costs"). The webjars locator does
 * not need the filter: it resolves the version-less path when the asset is requested.
 */
@Configuration(proxyBeanMethods = false)
public class PageResources {

    /** Takes Boot's place (it backs off when a registration of this filter exists) and is never applied. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
