package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.AuthenticatedUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After authentication: a POST, PUT, PATCH or DELETE under {@code /api/} counts against its user's write
 * allowance ({@link WriteRateLimiter}); past it the answer is 429 with {@code Retry-After}, before any work is done.
 * Every write attempt counts, accepted or not, so a client cannot flood the server with bad writes either.
 */
class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WriteRateLimiter limiter;
    private final SecurityProblems problems;

    WriteRateLimitFilter(WriteRateLimiter limiter, SecurityProblems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            long retryAfter = limiter.tryWrite(user.userId());
            if (retryAfter > 0) {
                problems.tooManyWrites(request, response, retryAfter);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
