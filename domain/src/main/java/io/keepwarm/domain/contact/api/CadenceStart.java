package io.keepwarm.domain.contact.api;

import java.time.Instant;

/**
 * A cadence and when it starts: {@code effectiveFrom} (null: the instant it is set; never in the future) and
 * {@code firstDueAt} (null: {@code effectiveFrom}), see SPEC §2.
 */
public record CadenceStart(int everyDays, Instant effectiveFrom, Instant firstDueAt) {

    public static CadenceStart now(int everyDays) {
        return new CadenceStart(everyDays, null, null);
    }
}
