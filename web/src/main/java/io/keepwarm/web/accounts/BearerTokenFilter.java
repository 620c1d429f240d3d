package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.web.error.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>}. A client that keeps presenting bad tokens is stopped with
 * 429 and {@code Retry-After} ({@link FailedAuthenticationLimiter}); while it is, no token it presents is checked,
 * so a guesser learns nothing, not even from a right guess. The token itself is never logged. When the
 * database cannot be reached to check the token, the answer is 503, as for any other request then.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Accounts accounts;
    private final FailedAuthenticationLimiter limiter;
    private final SecurityProblems problems;

    BearerTokenFilter(Accounts accounts, FailedAuthenticationLimiter limiter, SecurityProblems problems) {
        this.accounts = accounts;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip()
                : null;
        long limited = limiter.limitedFor(request.getRemoteAddr());
        if (limited > 0) {
            problems.tooManyFailures(request, response, limited);
            return;
        }
        Accounts.TokenCheck check;
        try {
            check = token == null ? new Accounts.TokenCheck.Invalid() : accounts.check(token);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            problems.databaseUnavailable(request, response);
            return;
        }
        if (check instanceof Accounts.TokenCheck.Expired expired) {
            // a real token, only old: not a guess, so not counted against the client
            problems.tokenExpired(request, response, expired.expiredAt());
            return;
        }
        if (!(check instanceof Accounts.TokenCheck.Valid valid)) {
            long retryAfter = limiter.recordFailure(request.getRemoteAddr());
            if (retryAfter > 0) {
                problems.tooManyFailures(request, response, retryAfter);
            } else {
                problems.unauthenticated(request, response, "the bearer token is not valid");
            }
            return;
        }
        AuthenticatedUser user = valid.user();
        var authentication = new UsernamePasswordAuthenticationToken(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
