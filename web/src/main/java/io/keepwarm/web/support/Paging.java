package io.keepwarm.web.support;

import io.keepwarm.web.error.InvalidRequest;

/** Page-size rules shared by every list endpoint: a default when absent, 1..max when given. */
public final class Paging {

    private Paging() {}

    public static int limit(Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw InvalidRequest.of("limit", "must be between 1 and " + maxLimit);
        }
        return requested;
    }
}
