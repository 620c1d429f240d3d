package io.keepwarm.web.accounts;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.support.RequestIdFilter;

/** Until accounts exist, one local owner stands in for every request. */
@Component
public class LocalOwnerCaller implements CurrentCaller {

    public static final UUID LOCAL_OWNER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Override
    public Caller get() {
        String requestId = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? RequestIdFilter.of(attributes.getRequest())
                : UUID.randomUUID().toString();
        return new Caller(new OwnerId(LOCAL_OWNER), LOCAL_OWNER, requestId);
    }
}
