package io.keepwarm.web.accounts;

import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CallerScope;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.support.RequestIdFilter;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller is the user the bearer token authenticated: they own the network they touch and are the actor of
 * every event they cause. An admin's own network is private like anyone's.
 */
@Component
public class AuthenticatedCaller implements CurrentCaller {

    @Override
    public Caller get() {
        Caller scoped = CallerScope.current();
        if (scoped != null) {
            return scoped; // background work for a caller, e.g. an import job
        }
        AuthenticatedUser user = currentUser();
        return new Caller(new OwnerId(user.userId()), user.userId(), requestId());
    }

    public static AuthenticatedUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedUser user)) {
            throw new IllegalStateException("no authenticated user; the security filter chain guards every /api path");
        }
        return user;
    }

    private static String requestId() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? RequestIdFilter.of(attributes.getRequest())
                : UUID.randomUUID().toString();
    }
}
