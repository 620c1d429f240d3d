package io.keepwarm.domain.contact;

import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.LogInteraction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The field rules of SPEC §1. Collects every bad field before failing, so a client learns all its mistakes
 * at once. Lengths count Unicode code points, so an emoji is one character.
 */
final class ContactValidation {

    static final int DISPLAY_NAME_MAX = 200;
    static final int HOW_WE_MET_MAX = 1000;
    static final int ORGANIZATION_MAX = 200;
    static final int ROLE_MAX = 200;
    static final int CITY_MAX = 100;
    static final int HANDLE_MAX = 320;
    static final int TAGS_MAX = 20;
    static final int TAG_MAX = 40;
    static final int NOTE_MAX = 4000;
    static final int REASON_MAX = 1000;
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /**
     * The earliest an interaction can have happened and the latest a snooze can last. Beyond them an instant is a
     * typo, and one outside what the read models' {@code timestamptz} columns hold would be appended as an event
     * that no projection can apply.
     */
    static final Instant EARLIEST_OCCURRED_AT = Instant.parse("1900-01-01T00:00:00Z");

    static final Instant LATEST_SNOOZE_UNTIL = Instant.parse("9999-12-31T23:59:59Z");

    private static final Pattern TAG = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final List<FieldViolation> violations = new ArrayList<>();

    static ContactValidation start() {
        return new ContactValidation();
    }

    ContactValidation personal(ContactPersonalData personal) {
        if (personal == null
                || personal.displayName() == null
                || personal.displayName().isBlank()) {
            reject("displayName", "is required");
        } else {
            singleLine("displayName", personal.displayName(), DISPLAY_NAME_MAX);
        }
        if (personal != null) {
            text("howWeMet", personal.howWeMet(), HOW_WE_MET_MAX);
            singleLine("organization", personal.organization(), ORGANIZATION_MAX);
            singleLine("role", personal.role(), ROLE_MAX);
            singleLine("city", personal.city(), CITY_MAX);
            channels(personal.channels());
        }
        return this;
    }

    ContactValidation attributes(ContactAttributes attributes) {
        if (attributes == null) {
            return this;
        }
        if (attributes.countryCode() != null && !COUNTRIES.contains(attributes.countryCode())) {
            reject("countryCode", "must be an ISO 3166-1 alpha-2 code such as DE or US");
        }
        if (attributes.timeZone() != null && !ZONES.contains(attributes.timeZone())) {
            reject("timeZone", "must be an IANA time zone such as America/Los_Angeles");
        }
        List<String> tags = attributes.tags();
        if (tags.size() > TAGS_MAX) {
            reject("tags", "at most " + TAGS_MAX + " tags");
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null
                    || tag.isEmpty()
                    || tag.length() > TAG_MAX
                    || !TAG.matcher(tag).matches()) {
                reject("tags[" + i + "]", "must be 1–" + TAG_MAX + " characters of a-z, 0-9 and -");
            }
        }
        return this;
    }

    ContactValidation interaction(InteractionRecord interaction, Instant now) {
        if (interaction.occurredAt() == null) {
            reject("occurredAt", "is required");
        } else if (interaction.occurredAt().isAfter(now.plus(FUTURE_TOLERANCE))) {
            reject("occurredAt", "must not be more than 5 minutes in the future");
        } else if (interaction.occurredAt().isBefore(EARLIEST_OCCURRED_AT)) {
            reject("occurredAt", "must not be before " + EARLIEST_OCCURRED_AT);
        }
        if (interaction.channel() == null) {
            reject("channel", "is required");
        }
        if (interaction.initiatedBy() == null) {
            reject("initiatedBy", "is required");
        }
        text("note", interaction.noteText(), NOTE_MAX);
        return this;
    }

    /** An interaction names 1–50 contacts, among them the contact it is logged on (SPEC §1). */
    ContactValidation contactIds(List<ContactId> contactIds, ContactId loggedOn) {
        if (contactIds == null || contactIds.isEmpty() || contactIds.size() > LogInteraction.MAX_CONTACTS) {
            reject("contactIds", "must name 1–" + LogInteraction.MAX_CONTACTS + " contacts");
        } else if (contactIds.stream().anyMatch(id -> id == null)) {
            reject("contactIds", "must not contain null");
        } else if (!contactIds.contains(loggedOn)) {
            reject("contactIds", "must include the contact the interaction is logged on");
        }
        return this;
    }

    ContactValidation reason(String reason) {
        text("reason", reason, REASON_MAX);
        return this;
    }

    ContactValidation cadence(int everyDays) {
        if (!Cadence.isValid(everyDays)) {
            reject("everyDays", "must be between " + Cadence.MIN_DAYS + " and " + Cadence.MAX_DAYS);
        }
        return this;
    }

    /** When a relationship began: not in the future (5 minutes' tolerance), not before 1900. */
    ContactValidation knownSince(Instant knownSince, Instant now) {
        return occurredTime("knownSince", knownSince, now);
    }

    /**
     * When a cadence takes effect ({@code effectiveFrom}: not in the future, not before 1900) and when a relationship
     * never contacted is first due ({@code firstDueAt}: any instant from 1900 to 9999).
     */
    ContactValidation cadenceStart(Instant effectiveFrom, Instant firstDueAt, Instant now) {
        occurredTime("effectiveFrom", effectiveFrom, now);
        if (firstDueAt != null
                && (firstDueAt.isBefore(EARLIEST_OCCURRED_AT) || firstDueAt.isAfter(LATEST_SNOOZE_UNTIL))) {
            reject("firstDueAt", "must be between " + EARLIEST_OCCURRED_AT + " and " + LATEST_SNOOZE_UNTIL);
        }
        return this;
    }

    private ContactValidation occurredTime(String field, Instant instant, Instant now) {
        if (instant == null) {
            return this;
        }
        if (instant.isAfter(now.plus(FUTURE_TOLERANCE))) {
            reject(field, "must not be in the future");
        } else if (instant.isBefore(EARLIEST_OCCURRED_AT)) {
            reject(field, "must not be before " + EARLIEST_OCCURRED_AT);
        }
        return this;
    }

    ContactValidation snoozeUntil(Instant until, Instant now) {
        if (until == null) {
            reject("until", "is required");
        } else if (!until.isAfter(now)) {
            reject("until", "must be in the future");
        } else if (until.isAfter(LATEST_SNOOZE_UNTIL)) {
            reject("until", "must not be after " + LATEST_SNOOZE_UNTIL);
        }
        return this;
    }

    List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    void orThrow() {
        if (!violations.isEmpty()) {
            throw DomainRuleViolation.invalid(violations);
        }
    }

    /**
     * Normalises what a client may write loosely: tags to lower case, the country code to upper case.
     * Runs before validation, so the rules judge the normalised values.
     */
    static ContactAttributes normalise(ContactAttributes attributes) {
        if (attributes == null) {
            return ContactAttributes.none();
        }
        List<String> tags = new ArrayList<>();
        for (String tag : attributes.tags()) {
            tags.add(tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT));
        }
        String country = attributes.countryCode() == null
                ? null
                : attributes.countryCode().toUpperCase(Locale.ROOT);
        return new ContactAttributes(country, attributes.timeZone(), tags);
    }

    /** Valid tags de-duplicated and sorted, so equal sets of tags are equal values. */
    static ContactAttributes canonical(ContactAttributes attributes) {
        return new ContactAttributes(
                attributes.countryCode(), attributes.timeZone(), new ArrayList<>(new TreeSet<>(attributes.tags())));
    }

    private void channels(Map<ChannelKind, String> channels) {
        channels.forEach((kind, handle) -> {
            if (handle == null || handle.isBlank()) {
                reject("channels." + kind, "must not be blank");
            } else {
                singleLine("channels." + kind, handle, HANDLE_MAX);
            }
        });
    }

    private void singleLine(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            reject(field, "must be at most " + max + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            reject(field, "must not contain control characters");
        }
        unicode(field, value);
    }

    private void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.codePointCount(0, value.length()) > max) {
            reject(field, "must be at most " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            reject(field, "must not contain control characters other than line breaks and tabs");
        }
        unicode(field, value);
    }

    /**
     * JSON can carry an unpaired surrogate ({@code "\ud800"}) that no UTF-8 text can hold: stored, it would come
     * back as something else ("?"), so it is refused rather than silently changed.
     */
    private void unicode(String field, String value) {
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            reject(field, "must be valid Unicode text (it holds an unpaired surrogate)");
        }
    }

    void reject(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }
}
