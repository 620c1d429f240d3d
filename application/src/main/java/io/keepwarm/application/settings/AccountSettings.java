package io.keepwarm.application.settings;

import io.keepwarm.domain.contact.ReachableHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account's settings (SPEC §9): its zone, when its owner reaches out, and the digest.
 *
 * @param version 0 for an account that never changed its settings (the defaults), then one more per change
 * @param updatedAt null for the defaults
 */
public record AccountSettings(
        ZoneId timeZone, ReachableHours reachable, Digest digest, long version, Instant updatedAt) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    public static final AccountSettings DEFAULTS =
            new AccountSettings(DEFAULT_ZONE, ReachableHours.DEFAULT, Digest.OFF, 0, null);

    public AccountSettings {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(reachable, "reachable");
        Objects.requireNonNull(digest, "digest");
    }

    public AccountSettings withTimeZone(ZoneId zone) {
        return new AccountSettings(zone, reachable, digest, version, updatedAt);
    }

    public AccountSettings withReachable(ReachableHours hours) {
        return new AccountSettings(timeZone, hours, digest, version, updatedAt);
    }

    public AccountSettings withDigest(Digest newDigest) {
        return new AccountSettings(timeZone, reachable, newDigest, version, updatedAt);
    }

    /** How often the digest is mailed. */
    public enum Frequency {
        OFF,
        WEEKLY
    }

    /** The digest: off, or weekly to an address, on a day at an hour of the account's zone. */
    public record Digest(Frequency frequency, DayOfWeek day, Integer hour, String email) {

        public static final Digest OFF = new Digest(Frequency.OFF, null, null, null);

        public Digest {
            Objects.requireNonNull(frequency, "frequency");
            if (frequency == Frequency.OFF) {
                day = null;
                hour = null;
                email = null;
            } else if (day == null || hour == null || hour < 0 || hour > 23 || !isEmail(email)) {
                throw new IllegalArgumentException("a weekly digest needs a day, an hour 0-23 and an address");
            }
        }

        public static Digest weekly(DayOfWeek day, int hour, String email) {
            return new Digest(Frequency.WEEKLY, day, hour, email);
        }

        /** A plausible single address: one @, no spaces or line breaks (nothing that could add a mail header). */
        public static boolean isEmail(String email) {
            return email != null && email.length() <= 320 && email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
        }
    }

    /** The fields that differ from {@code before}, each as {from, to} in the API's terms: what the history keeps. */
    public Map<String, Map<String, Object>> changesFrom(AccountSettings before) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        put(changes, "timeZone", before.timeZone.getId(), timeZone.getId());
        put(changes, "reachableHours", hours(before.reachable), hours(reachable));
        put(changes, "reachableDays", days(before.reachable), days(reachable));
        put(changes, "digest", digest(before.digest), digest(digest));
        return changes;
    }

    private static void put(Map<String, Map<String, Object>> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
    }

    public static Map<String, String> hours(ReachableHours hours) {
        return Map.of("from", hours.from().toString(), "until", hours.until().toString());
    }

    public static List<String> days(ReachableHours hours) {
        return hours.days().stream().sorted().map(DayOfWeek::name).toList();
    }

    public static Map<String, Object> digest(Digest digest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frequency", digest.frequency().name());
        if (digest.frequency() != Frequency.OFF) {
            out.put("day", digest.day().name());
            out.put("hour", digest.hour());
            out.put("email", digest.email());
        }
        return out;
    }
}
