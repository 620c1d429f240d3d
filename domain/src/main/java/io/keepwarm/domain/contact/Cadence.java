package io.keepwarm.domain.contact;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How often a relationship should be touched: every 1–3650 days. */
public record Cadence(int everyDays) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    /** The presets a client may offer (SPEC §1), by name: A = 21, B = 60, C = 180, D = 365 days. */
    public static final Map<String, Cadence> PRESETS = presets();

    public Cadence {
        if (everyDays < MIN_DAYS || everyDays > MAX_DAYS) {
            throw new IllegalArgumentException("cadence must be between 1 and 3650 days, was " + everyDays);
        }
    }

    public static boolean isValid(int everyDays) {
        return everyDays >= MIN_DAYS && everyDays <= MAX_DAYS;
    }

    /** The preset of this name (A, B, C or D), if there is one. */
    public static Optional<Cadence> preset(String name) {
        return Optional.ofNullable(name == null ? null : PRESETS.get(name));
    }

    private static Map<String, Cadence> presets() {
        Map<String, Cadence> presets = new LinkedHashMap<>();
        presets.put("A", new Cadence(21));
        presets.put("B", new Cadence(60));
        presets.put("C", new Cadence(180));
        presets.put("D", new Cadence(365));
        return Collections.unmodifiableMap(presets);
    }

    public Duration period() {
        return Duration.ofDays(everyDays);
    }
}
