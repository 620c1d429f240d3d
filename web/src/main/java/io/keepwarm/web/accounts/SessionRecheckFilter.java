package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.AuthenticatedUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session is as good as the token it was opened with: on every request the token's id is checked against
 * the accounts table (one indexed lookup). A revoked token or a disabled user ends the session there and then,
 * as the next API call with that token would be refused; a changed role takes effect on the next request.
 */
class SessionRecheckFilter extends OncePerRequestFilter {

    private final Accounts accounts;

    SessionRecheckFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            Optional<AuthenticatedUser> current = accounts.stillValid(user.tokenId());
            if (current.isEmpty()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!current.get().equals(user)) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(PageSessions.authentication(current.get()));
                SecurityContextHolder.setContext(context);
                PageSessions.REPOSITORY.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
