package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.Accounts;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may call what (SPEC §3 "Access"): every {@code /api/**} request needs a bearer token (401 without);
 * admin paths need the ADMIN role (403 for a USER); {@code /actuator/health} is open, every other actuator
 * endpoint is admin-only; each user's writes are rate-limited ({@link WriteRateLimiter}). Stateless: no
 * sessions, no cookies, so no CSRF surface.
 *
 * <p>The pages (docs/pages.md) have a chain of their own, matched first: a person signs in once with a token and
 * then holds a session cookie ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over https; the idle timeout
 * is {@code server.servlet.session.timeout}); every form carries a CSRF token; a Content-Security-Policy allows
 * only keepwarm's own scripts and styles, and no framing. A session cookie never authenticates an API call: the
 * API chain keeps no security context between requests.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The paths of the pages and their assets; everything else is the API's. */
    static final String[] PAGE_PATHS = {
        "/",
        "/signin",
        "/signout",
        "/forbidden",
        "/contacts/**",
        "/interactions/**",
        "/reports/**",
        "/admin/**",
        "/imports/**",
        "/settings/**",
        "/assets/**",
        "/webjars/htmx.org/**",
        "/favicon.ico"
    };

    /**
     * Scripts and styles only from keepwarm itself (htmx included: served as a webjar), no inline script, no
     * eval, no plugins, no framing; forms post only back to keepwarm.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, Accounts accounts) throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/forbidden");
        return http.securityMatcher(PAGE_PATHS)
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.securityContextRepository(PageSessions.REPOSITORY))
                .logout(logout -> logout.logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedOut")
                        .deleteCookies("keepwarm_session"))
                .addFilterBefore(new SessionRecheckFilter(accounts), AnonymousAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/signin", "/forbidden", "/assets/**", "/webjars/htmx.org/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> {
                            // htmx follows a redirect inside the page; it is told to load the sign-in page instead
                            if (request.getHeader("HX-Request") != null) {
                                response.setHeader("HX-Redirect", "/signin");
                                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                            } else {
                                response.sendRedirect("/signin");
                            }
                        })
                        .accessDeniedHandler(denied))
                .build();
    }

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
                                problems.unauthenticated(request, response, "this needs Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, e) -> problems.forbidden(request, response)))
                .build();
    }

    /**
     * No Micrometer observation of Spring Security's own work. With an observation registry present (the actuator),
     * Spring Security wraps every filter of both chains, and each authentication and authorization, in an
     * observation of its own: a dozen observations and timer look-ups per request that report only the time each
     * filter took. The request as a whole is still observed ({@code http.server.requests}). Profiled at about a tenth
     * of a read's CPU on the server (docs/bench.md, "Reads: the server's own share").
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No password users: keeps Spring Boot from generating (and logging) a default password. */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }
}
