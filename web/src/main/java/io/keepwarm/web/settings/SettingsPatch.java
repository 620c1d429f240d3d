package io.keepwarm.web.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.domain.contact.ReachableHours;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A merge patch of the settings, read field by field: {@code timeZone} (IANA id), {@code reachableHours}
 * ({@code {"from":"09:00","until":"20:00"}}, from before until), {@code reachableDays} (day names, at least one),
 * {@code digest} ({@code {"frequency":"OFF"}} or
 * {@code {"frequency":"WEEKLY","day":"MONDAY","hour":7,"email":"me@example.com"}}). A
 * settings field cannot be cleared: {@code null} is a 400 like any other bad value.
 */
public record SettingsPatch(
        ZoneId timeZone, LocalTime from, LocalTime until, Set<DayOfWeek> days, AccountSettings.Digest digest)
        implements UnaryOperator<AccountSettings> {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    public static SettingsPatch read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequest.of("body", "must be a JSON object");
        }
        List<InvalidField> bad = new ArrayList<>();
        ZoneId zone = null;
        LocalTime from = null;
        LocalTime until = null;
        Set<DayOfWeek> days = null;
        AccountSettings.Digest digest = null;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = body.get(name);
            switch (name) {
                case "timeZone" -> zone = zone(value, bad);
                case "reachableHours" -> {
                    if (!value.isObject()) {
                        bad.add(new InvalidField(name, "must be an object {\"from\":\"09:00\",\"until\":\"20:00\"}"));
                    } else {
                        unknownFields(value, name, Set.of("from", "until"), bad);
                        from = time(value.get("from"), "reachableHours.from", bad);
                        until = time(value.get("until"), "reachableHours.until", bad);
                        if (from != null && until != null && !from.isBefore(until)) {
                            bad.add(new InvalidField("reachableHours.until", "must be after reachableHours.from"));
                        }
                    }
                }
                case "reachableDays" -> days = days(value, bad);
                case "digest" -> digest = digest(value, bad);
                case "version", "updatedAt" -> {
                    // what GET answered, sent back unchanged: read-only, ignored
                }
                default -> bad.add(new InvalidField(name, "is not a setting"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequest(bad);
        }
        return new SettingsPatch(zone, from, until, days, digest);
    }

    @Override
    public AccountSettings apply(AccountSettings current) {
        AccountSettings next = current;
        if (timeZone != null) {
            next = next.withTimeZone(timeZone);
        }
        // a patch of reachable hours carries both ends (read requires them), so the pair is set together
        if (from != null || days != null) {
            ReachableHours hours = next.reachable();
            next = next.withReachable(new ReachableHours(
                    from == null ? hours.from() : from,
                    until == null ? hours.until() : until,
                    days == null ? hours.days() : days));
        }
        if (digest != null) {
            next = next.withDigest(digest);
        }
        return next;
    }

    private static ZoneId zone(JsonNode value, List<InvalidField> bad) {
        if (value.isTextual()) {
            try {
                return ZoneId.of(value.asText().strip());
            } catch (DateTimeException e) {
                // named below
            }
        }
        bad.add(new InvalidField("timeZone", "must be an IANA time zone such as Europe/Paris"));
        return null;
    }

    private static LocalTime time(JsonNode value, String field, List<InvalidField> bad) {
        if (value != null && value.isTextual()) {
            try {
                return LocalTime.parse(value.asText(), HOUR_MINUTE);
            } catch (DateTimeParseException e) {
                // named below
            }
        }
        bad.add(new InvalidField(field, "is required, as HH:mm such as 09:00"));
        return null;
    }

    private static Set<DayOfWeek> days(JsonNode value, List<InvalidField> bad) {
        if (!value.isArray() || value.isEmpty()) {
            bad.add(new InvalidField("reachableDays", "must be a non-empty list of days such as [\"MONDAY\"]"));
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < value.size(); i++) {
            DayOfWeek day = day(value.get(i));
            if (day == null) {
                bad.add(new InvalidField("reachableDays[" + i + "]", "must be a day: MONDAY … SUNDAY"));
            } else {
                days.add(day);
            }
        }
        return days;
    }

    private static AccountSettings.Digest digest(JsonNode value, List<InvalidField> bad) {
        if (!value.isObject()) {
            bad.add(new InvalidField("digest", "must be {\"frequency\":\"OFF\"} or {\"frequency\":\"WEEKLY\",…}"));
            return null;
        }
        unknownFields(value, "digest", Set.of("frequency", "day", "hour", "email"), bad);
        JsonNode frequency = value.get("frequency");
        String name =
                frequency != null && frequency.isTextual() ? frequency.asText().toUpperCase(Locale.ROOT) : "";
        if (name.equals("OFF")) {
            return AccountSettings.Digest.OFF;
        }
        if (!name.equals("WEEKLY")) {
            bad.add(new InvalidField("digest.frequency", "must be OFF or WEEKLY"));
            return null;
        }
        DayOfWeek day = day(value.get("day"));
        JsonNode hour = value.get("hour");
        boolean hourOk = hour != null && hour.isInt() && hour.asInt() >= 0 && hour.asInt() <= 23;
        if (day == null) {
            bad.add(new InvalidField("digest.day", "is required for a weekly digest: MONDAY … SUNDAY"));
        }
        if (!hourOk) {
            bad.add(new InvalidField("digest.hour", "is required for a weekly digest: an hour 0-23 of your zone"));
        }
        JsonNode email = value.get("email");
        boolean emailOk = email != null && email.isTextual() && AccountSettings.Digest.isEmail(email.asText());
        if (!emailOk) {
            bad.add(new InvalidField("digest.email", "is required for a weekly digest: one email address"));
        }
        return day == null || !hourOk || !emailOk
                ? null
                : AccountSettings.Digest.weekly(day, hour.asInt(), email.asText());
    }

    private static DayOfWeek day(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return DayOfWeek.valueOf(value.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void unknownFields(JsonNode object, String parent, Set<String> known, List<InvalidField> bad) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                bad.add(new InvalidField(parent + "." + name, "is not a field of " + parent));
            }
        }
    }
}
