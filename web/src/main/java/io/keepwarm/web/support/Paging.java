package io.keepwarm.web.support;

import io.keepwarm.application.paging.PageLimit;
import io.keepwarm.web.error.InvalidRequest;

/**
 * Page-size rules shared by every list endpoint: a default when absent, 1..{@link PageLimit#MAX} when given, the
 * same cap and the same 400 for every list.
 */
public final class Paging {

    private Paging() {}

    public static int limit(Integer requested, int defaultLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > PageLimit.MAX) {
            throw InvalidRequest.of("limit", "must be between 1 and " + PageLimit.MAX);
        }
        return requested;
    }
}
