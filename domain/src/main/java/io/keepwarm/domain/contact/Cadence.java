package io.keepwarm.domain.contact;

import java.time.Duration;

/** How often a relationship should be touched: every 1–3650 days. */
public record Cadence(int everyDays) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    /** Presets a client may offer (SPEC §1). */
    public static final Cadence A = new Cadence(21);

    public static final Cadence B = new Cadence(60);
    public static final Cadence C = new Cadence(180);
    public static final Cadence D = new Cadence(365);

    public Cadence {
        if (everyDays < MIN_DAYS || everyDays > MAX_DAYS) {
            throw new IllegalArgumentException("cadence must be between 1 and 3650 days, was " + everyDays);
        }
    }

    public static boolean isValid(int everyDays) {
        return everyDays >= MIN_DAYS && everyDays <= MAX_DAYS;
    }

    public Duration period() {
        return Duration.ofDays(everyDays);
    }
}
