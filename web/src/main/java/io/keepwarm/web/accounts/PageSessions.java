package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.Accounts;
import io.keepwarm.application.accounts.AuthenticatedUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signing in to the pages: the person pastes one of their API tokens, keepwarm checks it exactly as the API does
 * ({@link Accounts#authenticate}, the same failed-attempt limit per client address) and starts a session. The
 * session keeps the token's id, never the token: every later request re-checks that id
 * ({@link SessionRecheckFilter}), so revoking the token or disabling the user ends the session at once.
 */
@Component
public class PageSessions {

    /** What a sign-in attempt came to. */
    public sealed interface SignIn {
        record SignedIn(AuthenticatedUser user) implements SignIn {}

        record Refused() implements SignIn {}

        record Limited(long retryAfterSeconds) implements SignIn {}
    }

    static final SecurityContextRepository REPOSITORY = new HttpSessionSecurityContextRepository();

    private final Accounts accounts;
    private final FailedAuthenticationLimiter limiter;

    public PageSessions(Accounts accounts, FailedAuthenticationLimiter limiter) {
        this.accounts = accounts;
        this.limiter = limiter;
    }

    public SignIn signIn(String token, HttpServletRequest request, HttpServletResponse response) {
        String client = request.getRemoteAddr();
        long limited = limiter.limitedFor(client);
        if (limited > 0) {
            return new SignIn.Limited(limited);
        }
        AuthenticatedUser user = token == null || token.isBlank()
                ? null
                : accounts.authenticate(token.strip()).orElse(null);
        if (user == null) {
            long retryAfter = limiter.recordFailure(client);
            return retryAfter > 0 ? new SignIn.Limited(retryAfter) : new SignIn.Refused();
        }
        // A new session for the signed-in person: an id planted before sign-in (session fixation) is worth nothing.
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(user));
        SecurityContextHolder.setContext(context);
        REPOSITORY.saveContext(context, request, response);
        return new SignIn.SignedIn(user);
    }

    static UsernamePasswordAuthenticationToken authentication(AuthenticatedUser user) {
        return new UsernamePasswordAuthenticationToken(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }
}
