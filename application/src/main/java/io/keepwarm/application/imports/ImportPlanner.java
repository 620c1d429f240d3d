package io.keepwarm.application.imports;

import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.ContactRules;
import io.keepwarm.domain.contact.InteractionRules;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides what an import does with each row (SPEC §8), without changing anything: the dry run's answer, and the
 * plan a commit carries out.
 *
 * <p>Matching, in this order: the source's own id (a LinkedIn profile, a vCard UID: remembered from earlier imports,
 * and for LinkedIn also the contact's {@code linkedin} channel), then an email, then the display name with case and
 * diacritics folded. A contact whose LinkedIn profile differs from the row's is never a candidate by email or name:
 * two people may share a name. Two candidates at one step are a conflict, reported as the row's ERROR, never
 * merged. A row matching a person an earlier row of the same file creates is an ERROR naming that line.
 *
 * <p>A matched contact is updated only where the file adds something: a new organization, role or city, a channel
 * it lacks, an earlier start, tags to add, a cadence when it has none. Nothing to add is UNCHANGED, so importing a
 * file again appends nothing.
 *
 * <p>The ramp: contacts the import starts tracking that were never contacted get a {@code firstDueAt}, oldest
 * relationships first, {@code rampPerDay} per day from now on; their cadence takes effect when the relationship
 * began (its {@code knownSince}, else now), so the reports of the past see them tracked.
 */
final class ImportPlanner {

    private static final Duration DAY = Duration.ofDays(1);

    private final ImportOptions options;
    private final List<ExistingContact> existing;
    private final Map<String, UUID> sourceKeys;
    private final Predicate<UUID> interactionKnown;
    private final Instant now;
    private final UUID importId;
    private final UUID ownerId;

    private final Map<String, List<ExistingContact>> byEmail = new HashMap<>();
    private final Map<String, List<ExistingContact>> byName = new HashMap<>();
    private final Map<String, List<ExistingContact>> byProfile = new HashMap<>();
    private final Map<UUID, ExistingContact> byId = new HashMap<>();

    /** People this file creates, for spotting the same person twice in it: key → line. */
    private final Map<String, Long> planned = new HashMap<>();

    ImportPlanner(
            ImportOptions options,
            List<ExistingContact> existing,
            Map<String, UUID> sourceKeys,
            Predicate<UUID> interactionKnown,
            Instant now,
            UUID importId,
            UUID ownerId) {
        this.options = options;
        this.existing = existing;
        this.sourceKeys = sourceKeys;
        this.interactionKnown = interactionKnown;
        this.now = now;
        this.importId = importId;
        this.ownerId = ownerId;
        for (ExistingContact contact : existing) {
            byId.put(contact.contactId(), contact);
            String email = Names.email(contact.channels().get("email"));
            if (email != null) {
                byEmail.computeIfAbsent(email, k -> new ArrayList<>()).add(contact);
            }
            String name = Names.fold(contact.displayName());
            if (name != null) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(contact);
            }
            String profile = Names.linkedInProfile(contact.channels().get("linkedin"));
            if (profile != null) {
                byProfile.computeIfAbsent(profile, k -> new ArrayList<>()).add(contact);
            }
        }
    }

    ImportPlan plan(ImportFile file) {
        List<PlannedRow> rows = new ArrayList<>();
        Map<Long, RowAction> actions = new HashMap<>();
        List<Ramped> ramped = new ArrayList<>();
        for (ImportedPerson person : file.people()) {
            planPerson(person, rows, actions, ramped);
        }
        for (ImportedTouch touch : file.touches()) {
            planTouch(touch, rows, actions);
        }
        ramp(ramped, actions);
        return new ImportPlan(file.format(), rows, actions);
    }

    /** A row whose contact the import starts tracking and that was never contacted: it gets a ramped due date. */
    private record Ramped(long line, Instant knownSince) {}

    private void planPerson(
            ImportedPerson person, List<PlannedRow> rows, Map<Long, RowAction> actions, List<Ramped> ramped) {
        String name = person.displayName() == null ? null : Names.clip200(person.displayName());
        if (person.problem() != null) {
            rows.add(new PlannedRow(person.line(), ImportOutcome.ERROR, null, name, person.problem(), List.of()));
            return;
        }
        if (person.kept().archived()) {
            rows.add(new PlannedRow(
                    person.line(),
                    ImportOutcome.ERROR,
                    null,
                    name,
                    "archived when it was exported: not imported (its history is in the export's history folder);"
                            + " restore it before exporting to bring it along",
                    List.of()));
            return;
        }
        List<String> tags = tags(person);
        ImportedPerson.Kept kept = person.kept();
        ContactPersonalData personal = new ContactPersonalData(
                person.displayName(),
                kept.howWeMet(),
                person.organization(),
                person.role(),
                person.city(),
                channels(person));
        ContactAttributes attributes = new ContactAttributes(kept.countryCode(), kept.timeZone(), tags);
        List<FieldViolation> violations = ContactRules.violations(personal, attributes, person.knownSince(), now);
        if (!violations.isEmpty()) {
            rows.add(new PlannedRow(person.line(), ImportOutcome.ERROR, null, name, reason(violations), List.of()));
            return;
        }
        Long sameAs = sameAsEarlierRow(person);
        if (sameAs != null) {
            rows.add(new PlannedRow(
                    person.line(),
                    ImportOutcome.ERROR,
                    null,
                    name,
                    "the same person as line " + sameAs + " of this file",
                    List.of()));
            return;
        }
        Match match = match(person);
        if (match.conflict() != null) {
            rows.add(new PlannedRow(person.line(), ImportOutcome.ERROR, null, name, match.conflict(), List.of()));
            return;
        }
        Integer cadence = cadence(person, tags);
        List<String> keys = person.sourceIds().stream().map(ImportSources::key).toList();
        if (match.contact() == null) {
            UUID contactId = contactId(person.line());
            remember(person);
            List<String> changes = new ArrayList<>(List.of("displayName"));
            personalChanges(personal, attributes, changes);
            if (person.knownSince() != null) {
                changes.add("knownSince");
            }
            if (!tags.isEmpty()) {
                changes.add("tags");
            }
            boolean ownStart = cadence != null && kept.cadenceEffectiveFrom() != null;
            if (cadence != null) {
                changes.add("cadence");
                if (!ownStart) {
                    ramped.add(new Ramped(person.line(), person.knownSince()));
                }
            }
            Instant snoozedUntil =
                    kept.snoozedUntil() != null && kept.snoozedUntil().isAfter(now) ? kept.snoozedUntil() : null;
            if (snoozedUntil != null) {
                changes.add("snoozedUntil");
            }
            rows.add(new PlannedRow(person.line(), ImportOutcome.CREATE, contactId, name, null, changes));
            actions.put(
                    person.line(),
                    new RowAction(
                            RowAction.ADD,
                            contactId,
                            personal,
                            attributes,
                            person.knownSince(),
                            null,
                            null,
                            cadence,
                            ownStart
                                    ? kept.cadenceEffectiveFrom()
                                    : person.knownSince() != null ? person.knownSince() : now,
                            ownStart ? kept.cadenceFirstDueAt() : null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            snoozedUntil,
                            keys));
            return;
        }
        update(person, match.contact(), tags, keys, rows, actions, ramped);
    }

    private void update(
            ImportedPerson person,
            ExistingContact contact,
            List<String> tags,
            List<String> keys,
            List<PlannedRow> rows,
            Map<Long, RowAction> actions,
            List<Ramped> ramped) {
        String name = Names.clip200(contact.displayName());
        if (contact.archived()) {
            rows.add(new PlannedRow(
                    person.line(),
                    ImportOutcome.UNCHANGED,
                    contact.contactId(),
                    name,
                    "matches an archived contact; restore it to update it",
                    List.of()));
            return;
        }
        Set<DetailField> fields = EnumSet.noneOf(DetailField.class);
        List<String> changes = new ArrayList<>();
        String organization = changed(person.organization(), contact.organization(), fields, DetailField.ORGANIZATION);
        String role = changed(person.role(), contact.role(), fields, DetailField.ROLE);
        String city = changed(person.city(), contact.city(), fields, DetailField.CITY);
        Map<ChannelKind, String> channelChanges = new EnumMap<>(ChannelKind.class);
        for (Map.Entry<ChannelKind, String> channel : channels(person).entrySet()) {
            if (contact.channels().get(channel.getKey().name()) == null) {
                channelChanges.put(channel.getKey(), channel.getValue());
            }
        }
        if (!channelChanges.isEmpty()) {
            fields.add(DetailField.CHANNELS);
        }
        List<String> mergedTags = new ArrayList<>(contact.tags());
        for (String tag : tags) {
            if (!mergedTags.contains(tag)) {
                mergedTags.add(tag);
            }
        }
        if (mergedTags.size() != contact.tags().size()) {
            fields.add(DetailField.TAGS);
        }
        Instant knownSince = null;
        if (person.knownSince() != null
                && (contact.knownSince() == null || person.knownSince().isBefore(contact.knownSince()))) {
            knownSince = person.knownSince();
            fields.add(DetailField.KNOWN_SINCE);
        }
        // a tag's cadence counts for the tags the contact has as well as those the file gives it
        Integer newCadence = contact.cadenceDays() == null ? cadence(person, mergedTags) : null;
        for (DetailField field : fields) {
            changes.add(apiName(field));
        }
        if (newCadence != null) {
            changes.add("cadence");
        }
        boolean newKeys = keys.stream().anyMatch(key -> !contact.contactId().equals(sourceKeys.get(key)));
        if (changes.isEmpty()) {
            rows.add(
                    new PlannedRow(person.line(), ImportOutcome.UNCHANGED, contact.contactId(), name, null, List.of()));
            if (newKeys) {
                // Nothing to append, but the next import should match this person by its source id at once.
                actions.put(
                        person.line(), updateAction(contact, Set.of(), null, null, null, null, null, null, null, keys));
            }
            return;
        }
        boolean ownStart = newCadence != null && person.kept().cadenceEffectiveFrom() != null;
        if (newCadence != null && contact.neverContacted() && !ownStart) {
            Instant start = knownSince != null ? knownSince : contact.knownSince();
            ramped.add(new Ramped(person.line(), start));
        }
        rows.add(new PlannedRow(person.line(), ImportOutcome.UPDATE, contact.contactId(), name, null, changes));
        ContactPersonalData personal =
                new ContactPersonalData(contact.displayName(), null, organization, role, city, Map.of());
        ContactAttributes attributes = new ContactAttributes(null, null, mergedTags);
        Instant effectiveFrom = newCadence == null
                ? null
                : ownStart
                        ? person.kept().cadenceEffectiveFrom()
                        : knownSince != null ? knownSince : contact.knownSince() != null ? contact.knownSince() : now;
        actions.put(
                person.line(),
                updateAction(
                        contact,
                        fields,
                        personal,
                        attributes,
                        channelChanges,
                        knownSince,
                        newCadence,
                        effectiveFrom,
                        ownStart ? person.kept().cadenceFirstDueAt() : null,
                        keys));
    }

    private static RowAction updateAction(
            ExistingContact contact,
            Set<DetailField> fields,
            ContactPersonalData personal,
            ContactAttributes attributes,
            Map<ChannelKind, String> channelChanges,
            Instant knownSince,
            Integer cadence,
            Instant cadenceEffectiveFrom,
            Instant cadenceFirstDueAt,
            List<String> keys) {
        return new RowAction(
                RowAction.UPDATE,
                contact.contactId(),
                personal,
                attributes,
                knownSince,
                fields,
                channelChanges,
                cadence,
                cadenceEffectiveFrom,
                cadenceFirstDueAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                keys);
    }

    private static RowAction withCadence(RowAction a, Instant effectiveFrom, Instant firstDueAt) {
        return new RowAction(
                a.kind(),
                a.contactId(),
                a.personal(),
                a.attributes(),
                a.knownSince(),
                a.fields(),
                a.channelChanges(),
                a.cadenceDays(),
                effectiveFrom,
                firstDueAt,
                a.interactionId(),
                a.contactIds(),
                a.occurredAt(),
                a.channel(),
                a.initiatedBy(),
                a.favor(),
                a.note(),
                a.snoozedUntil(),
                a.sourceKeys());
    }

    /** Oldest relationships first (no start: last), {@code rampPerDay} a day, the first ones due now. */
    private void ramp(List<Ramped> ramped, Map<Long, RowAction> actions) {
        List<Ramped> order = new ArrayList<>(ramped);
        order.sort(Comparator.comparing(Ramped::knownSince, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Ramped::line));
        int perDay = Math.max(1, options.rampPerDay());
        for (int i = 0; i < order.size(); i++) {
            long line = order.get(i).line();
            RowAction action = actions.get(line);
            Instant firstDueAt = now.plus(DAY.multipliedBy(i / perDay));
            actions.put(line, withCadence(action, action.cadenceEffectiveFrom(), firstDueAt));
        }
    }

    private void planTouch(ImportedTouch touch, List<PlannedRow> rows, Map<Long, RowAction> actions) {
        if (touch.problem() != null) {
            rows.add(new PlannedRow(touch.line(), ImportOutcome.ERROR, null, null, touch.problem(), List.of()));
            return;
        }
        if (touch.contacts().size() > LogInteraction.MAX_CONTACTS) {
            rows.add(new PlannedRow(
                    touch.line(),
                    ImportOutcome.ERROR,
                    null,
                    null,
                    "at most " + LogInteraction.MAX_CONTACTS + " contacts per interaction",
                    List.of()));
            return;
        }
        Set<UUID> participants = new LinkedHashSet<>();
        for (int i = 0; i < touch.contacts().size(); i++) {
            String named = touch.contacts().get(i);
            List<ExistingContact> candidates = named.regionMatches(true, 0, CARD_UID, 0, CARD_UID.length())
                    ? byCardUid(named)
                    : named.contains("@")
                            ? byEmail.getOrDefault(Names.email(named), List.of())
                            : byName.getOrDefault(Names.fold(named), List.of());
            String which = "contact " + (i + 1) + " of the row";
            if (candidates.isEmpty()) {
                rows.add(new PlannedRow(
                        touch.line(),
                        ImportOutcome.ERROR,
                        null,
                        null,
                        which + " matches no contact (by card UID, email or name); import the people first",
                        List.of()));
                return;
            }
            if (candidates.size() > 1) {
                rows.add(new PlannedRow(
                        touch.line(), ImportOutcome.ERROR, null, null, conflict(which, candidates), List.of()));
                return;
            }
            if (candidates.get(0).archived()) {
                rows.add(new PlannedRow(
                        touch.line(),
                        ImportOutcome.ERROR,
                        candidates.get(0).contactId(),
                        null,
                        which + " is archived; restore it first",
                        List.of()));
                return;
            }
            participants.add(candidates.get(0).contactId());
        }
        InteractionRecord interaction = new InteractionRecord(
                touch.occurredAt(), touch.channel(), touch.initiatedBy(), touch.favor(), Note.of(touch.note()));
        List<FieldViolation> violations = InteractionRules.violations(interaction, now);
        if (!violations.isEmpty()) {
            rows.add(new PlannedRow(touch.line(), ImportOutcome.ERROR, null, null, reason(violations), List.of()));
            return;
        }
        List<UUID> sorted = participants.stream().sorted().toList();
        UUID interactionId = interactionId(touch, sorted);
        UUID first = sorted.get(0);
        String name = Names.clip200(byId.get(first).displayName());
        if (interactionKnown.test(interactionId)) {
            rows.add(new PlannedRow(touch.line(), ImportOutcome.UNCHANGED, first, name, null, List.of()));
            return;
        }
        rows.add(new PlannedRow(touch.line(), ImportOutcome.CREATE, first, name, null, List.of("interaction")));
        actions.put(
                touch.line(),
                new RowAction(
                        RowAction.LOG,
                        first,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        interactionId,
                        sorted,
                        touch.occurredAt(),
                        touch.channel(),
                        touch.initiatedBy(),
                        touch.favor(),
                        touch.note(),
                        null,
                        List.of()));
    }

    private static final String CARD_UID = "urn:uuid:";

    /**
     * A contact named by the UID of its card in keepwarm's export: the contact that card was imported as, or (the
     * export imported back into its own account) the contact with that id.
     */
    private List<ExistingContact> byCardUid(String uid) {
        UUID imported = sourceKeys.get(ImportSources.key("vcard-uid:" + uid));
        if (imported != null && byId.containsKey(imported)) {
            return List.of(byId.get(imported));
        }
        try {
            ExistingContact same = byId.get(UUID.fromString(uid.substring(CARD_UID.length())));
            return same == null ? List.of() : List.of(same);
        } catch (IllegalArgumentException notAUuid) {
            return List.of();
        }
    }

    /** The same interaction gives the same id, so importing the file again logs nothing new. */
    private UUID interactionId(ImportedTouch touch, List<UUID> participants) {
        String identity = String.join(
                "\u001f",
                "interaction",
                ownerId.toString(),
                touch.occurredAt().toString(),
                participants.stream().map(UUID::toString).collect(Collectors.joining(",")),
                touch.channel().name(),
                touch.initiatedBy().name(),
                touch.favor().name(),
                Objects.toString(touch.note(), ""));
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8));
    }

    /** A created contact's id: the same for the same import and line, so a resumed job sends the same add. */
    private UUID contactId(long line) {
        return UUID.nameUUIDFromBytes(("contact\u001f" + importId + "\u001f" + line).getBytes(StandardCharsets.UTF_8));
    }

    private record Match(ExistingContact contact, String conflict) {}

    private Match match(ImportedPerson person) {
        // 1. the source's own id: remembered from an earlier import, or (LinkedIn) the contact's profile link
        Set<UUID> bySource = new LinkedHashSet<>();
        for (String sourceId : person.sourceIds()) {
            UUID remembered = sourceKeys.get(ImportSources.key(sourceId));
            if (remembered != null && byId.containsKey(remembered)) {
                bySource.add(remembered);
            }
            if (sourceId.startsWith("linkedin:")) {
                byProfile.getOrDefault(sourceId.substring("linkedin:".length()), List.of()).stream()
                        .map(ExistingContact::contactId)
                        .forEach(bySource::add);
            }
        }
        if (bySource.size() == 1) {
            return new Match(byId.get(bySource.iterator().next()), null);
        }
        if (bySource.size() > 1) {
            return new Match(
                    null,
                    conflict("its source id", bySource.stream().map(byId::get).toList()));
        }
        // 2. an email; 3. the folded display name. A contact with another LinkedIn profile is someone else.
        String profile = Names.linkedInProfile(person.linkedin());
        Predicate<ExistingContact> samePerson = contact -> {
            String theirs = Names.linkedInProfile(contact.channels().get("linkedin"));
            return profile == null || theirs == null || theirs.equals(profile);
        };
        Set<ExistingContact> byMail = new LinkedHashSet<>();
        for (String email : person.emails()) {
            byEmail.getOrDefault(Names.email(email), List.of()).stream()
                    .filter(samePerson)
                    .forEach(byMail::add);
        }
        if (byMail.size() == 1) {
            return new Match(byMail.iterator().next(), null);
        }
        if (byMail.size() > 1) {
            return new Match(null, conflict("its email", List.copyOf(byMail)));
        }
        List<ExistingContact> named = byName.getOrDefault(Names.fold(person.displayName()), List.of()).stream()
                .filter(samePerson)
                .toList();
        if (named.size() == 1) {
            return new Match(named.get(0), null);
        }
        if (named.size() > 1) {
            return new Match(null, conflict("its name", named));
        }
        return new Match(null, null);
    }

    private static String conflict(String what, List<ExistingContact> candidates) {
        return "conflict: " + what + " matches " + candidates.size() + " contacts ("
                + candidates.stream().map(c -> c.contactId().toString()).collect(Collectors.joining(", "))
                + "); merge or rename them, or add a distinguishing email, and import again";
    }

    /** The keys this row is known by within the file: source ids, emails, and the name when it has neither. */
    private List<String> fileKeys(ImportedPerson person) {
        List<String> keys = new ArrayList<>();
        person.sourceIds().forEach(id -> keys.add("source:" + id));
        person.emails().forEach(email -> keys.add("email:" + Names.email(email)));
        if (keys.isEmpty()) {
            keys.add("name:" + Names.fold(person.displayName()));
        }
        return keys;
    }

    private Long sameAsEarlierRow(ImportedPerson person) {
        for (String key : fileKeys(person)) {
            Long line = planned.get(key);
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    private void remember(ImportedPerson person) {
        for (String key : fileKeys(person)) {
            planned.putIfAbsent(key, person.line());
        }
    }

    private List<String> tags(ImportedPerson person) {
        Set<String> tags = new LinkedHashSet<>();
        person.tags().stream()
                .map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty())
                .forEach(tags::add);
        options.tags().stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).forEach(tags::add);
        return List.copyOf(tags);
    }

    /** The row's own cadence, else the shortest cadence of its tags, else the import's. */
    private Integer cadence(ImportedPerson person, List<String> tags) {
        if (person.cadenceDays() != null) {
            return person.cadenceDays();
        }
        Integer byTag = tags.stream()
                .map(options.tagCadences()::get)
                .filter(Objects::nonNull)
                .min(Integer::compare)
                .orElse(null);
        return byTag != null ? byTag : options.cadenceDays();
    }

    private static Map<ChannelKind, String> channels(ImportedPerson person) {
        Map<ChannelKind, String> channels = new EnumMap<>(ChannelKind.class);
        if (person.email() != null) {
            channels.put(ChannelKind.email, person.email());
        }
        if (person.phone() != null) {
            channels.put(ChannelKind.phone, person.phone());
        }
        if (person.linkedin() != null) {
            channels.put(ChannelKind.linkedin, person.linkedin());
        }
        if (person.kept().otherChannel() != null) {
            channels.put(ChannelKind.other, person.kept().otherChannel());
        }
        return channels;
    }

    private static void personalChanges(
            ContactPersonalData personal, ContactAttributes attributes, List<String> changes) {
        if (personal.howWeMet() != null) {
            changes.add("howWeMet");
        }
        if (attributes.countryCode() != null) {
            changes.add("countryCode");
        }
        if (attributes.timeZone() != null) {
            changes.add("timeZone");
        }
        if (personal.organization() != null) {
            changes.add("organization");
        }
        if (personal.role() != null) {
            changes.add("role");
        }
        if (personal.city() != null) {
            changes.add("city");
        }
        if (!personal.channels().isEmpty()) {
            changes.add("channels");
        }
    }

    private static String changed(String fromFile, String current, Set<DetailField> fields, DetailField field) {
        if (fromFile != null && !fromFile.equals(current)) {
            fields.add(field);
            return fromFile;
        }
        return current;
    }

    private static String apiName(DetailField field) {
        return switch (field) {
            case DISPLAY_NAME -> "displayName";
            case HOW_WE_MET -> "howWeMet";
            case ORGANIZATION -> "organization";
            case ROLE -> "role";
            case CITY -> "city";
            case CHANNELS -> "channels";
            case COUNTRY_CODE -> "countryCode";
            case TIME_ZONE -> "timeZone";
            case TAGS -> "tags";
            case KNOWN_SINCE -> "knownSince";
        };
    }

    private static String reason(List<FieldViolation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
