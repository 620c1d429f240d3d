package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.Accounts;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what (SPEC §3 "Access"): every {@code /api/**} request needs a bearer token (401 without);
 * admin paths need the ADMIN role (403 for a USER); {@code /actuator/health} is open, every other actuator
 * endpoint is admin-only; each user's writes are rate-limited ({@link WriteRateLimiter}). Stateless: no
 * sessions, no cookies, so no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            Accounts accounts,
            FailedAuthenticationLimiter limiter,
            WriteRateLimiter writeLimiter,
            SecurityProblems problems)
            throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new BearerTokenFilter(accounts, limiter, problems), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new WriteRateLimitFilter(writeLimiter, problems), AuthorizationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole("ADMIN")
                        .requestMatchers("/api/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/**")
                        .authenticated()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        // the calendar feed (SPEC §9): calendar apps send no bearer token; the secret in the path is
                        // the credential, checked by CalendarFeeds (unknown or revoked: 404)
                        .requestMatchers(HttpMethod.GET, "/calendar/*.ics")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) ->
                                problems.unauthenticated(response, "this needs Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, e) -> problems.forbidden(response)))
                .build();
    }

    /** No password users: keeps Spring Boot from generating (and logging) a default password. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }
}
