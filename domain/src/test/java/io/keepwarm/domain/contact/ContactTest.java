package io.keepwarm.domain.contact;

import static io.keepwarm.domain.contact.ViolationMatchers.conflict;
import static io.keepwarm.domain.contact.ViolationMatchers.invalid;
import static io.keepwarm.domain.contact.ViolationMatchers.notFound;
import static io.keepwarm.domain.contact.ViolationMatchers.violation;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.keepwarm.domain.DomainRuleViolation.Kind;
import io.keepwarm.domain.contact.api.AddContact;
import io.keepwarm.domain.contact.api.ArchiveContact;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ClearCadence;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.CorrectInteraction;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.RestoreContact;
import io.keepwarm.domain.contact.api.RetractInteraction;
import io.keepwarm.domain.contact.api.SetCadence;
import io.keepwarm.domain.contact.api.SnoozeContact;
import io.keepwarm.domain.contact.api.UpdateContactDetails;
import io.keepwarm.domain.contact.api.WakeContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given/when/then tests of every command of the {@link Contact} aggregate. */
class ContactTest {

    static final OwnerId OWNER = OwnerId.of("0a000000-0000-4000-8000-000000000001");
    static final OwnerId STRANGER = OwnerId.of("0b000000-0000-4000-8000-000000000002");
    static final ContactId ADA_ID = ContactId.of("c0000000-0000-4000-8000-00000000000a");
    static final ContactId GRACE_ID = ContactId.of("c0000000-0000-4000-8000-00000000000b");
    static final InteractionId COFFEE_ID = InteractionId.of("1c000000-0000-4000-8000-000000000001");
    static final InteractionId CALL_ID = InteractionId.of("1c000000-0000-4000-8000-000000000002");

    static final Instant ADDED_AT = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    static final Instant LATER = Instant.parse("2025-03-11T12:00:00Z");

    static final ContactPersonalData ADA = new ContactPersonalData(
            "Ada Lovelace",
            "PyCon 2019, the hallway track",
            "Analytical Engines",
            "CTO",
            "London",
            Map.of(ChannelKind.email, "ada@example.org"));
    static final ContactAttributes ADA_ATTRIBUTES =
            new ContactAttributes("GB", "Europe/London", List.of("math", "mentor"));

    static final InteractionRecord COFFEE = new InteractionRecord(
            Instant.parse("2025-03-09T08:30:00Z"),
            Channel.IN_PERSON,
            InitiatedBy.ME,
            Favor.NONE,
            new Note("coffee near the station"));
    static final InteractionRecord CALL = new InteractionRecord(
            Instant.parse("2025-03-10T11:00:00Z"), Channel.CALL, InitiatedBy.THEM, Favor.ASKED, null);

    private FixtureConfiguration<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
    }

    static ContactAdded adaAdded() {
        return new ContactAdded(ADA_ID, OWNER, ADA, ADA_ATTRIBUTES, ADDED_AT);
    }

    static ContactPersonalData named(String displayName) {
        return new ContactPersonalData(displayName, null, null, null, null, Map.of());
    }

    static InteractionLogged logged(InteractionId id, InteractionRecord interaction) {
        return new InteractionLogged(ADA_ID, OWNER, id, List.of(ADA_ID), interaction, ADDED_AT);
    }

    static LogInteraction log(InteractionId id, InteractionRecord interaction) {
        return new LogInteraction(ADA_ID, OWNER, id, List.of(ADA_ID), interaction, NOW);
    }

    static UpdateContactDetails update(
            Set<DetailField> fields, ContactPersonalData personal, ContactAttributes attributes) {
        return new UpdateContactDetails(ADA_ID, OWNER, fields, personal, attributes, null, null, NOW);
    }

    static CorrectInteraction correct(
            InteractionId id, Instant occurredAt, Channel channel, InitiatedBy initiatedBy, Favor favor, String note) {
        return new CorrectInteraction(ADA_ID, OWNER, id, occurredAt, channel, initiatedBy, favor, note, NOW);
    }

    static List<String> tags(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("tag-%02d", i))
                .toList();
    }

    @Nested
    class Adding {

        @Test
        void adding_a_contact_records_it_with_its_details() {
            fixture.givenNoPriorActivity()
                    .when(new AddContact(ADA_ID, OWNER, ADA, ADA_ATTRIBUTES, ADDED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(adaAdded());
        }

        @Test
        void tags_are_lower_cased_de_duplicated_and_sorted_and_the_country_code_upper_cased() {
            var loose = new ContactAttributes("gb", "Europe/London", List.of("Rust", "java", "JAVA", " Go-Lang "));

            fixture.givenNoPriorActivity()
                    .when(new AddContact(ADA_ID, OWNER, ADA, loose, ADDED_AT))
                    .expectEvents(new ContactAdded(
                            ADA_ID,
                            OWNER,
                            ADA,
                            new ContactAttributes("GB", "Europe/London", List.of("go-lang", "java", "rust")),
                            ADDED_AT));
        }

        @Test
        void the_display_name_is_stored_without_surrounding_blanks() {
            fixture.givenNoPriorActivity()
                    .when(new AddContact(ADA_ID, OWNER, named("  Ada Lovelace   "), null, ADDED_AT))
                    .expectEvents(
                            new ContactAdded(ADA_ID, OWNER, named("Ada Lovelace"), ContactAttributes.none(), ADDED_AT));
        }

        static Stream<Arguments> fieldsAtTheirLimits() {
            return Stream.of(
                    arguments("a display name of 200 characters", named("a".repeat(200)), ContactAttributes.none()),
                    arguments(
                            "a display name of 200 characters, one of them an emoji",
                            named("\uD83D\uDE00" + "a".repeat(199)),
                            ContactAttributes.none()),
                    arguments(
                            "a how-we-met of 1000 characters with line breaks and a tab",
                            new ContactPersonalData(
                                    "Ada", "met\r\nat\tPyCon" + "x".repeat(986), null, null, null, Map.of()),
                            ContactAttributes.none()),
                    arguments(
                            "organization and role of 200 and a city of 100 characters",
                            new ContactPersonalData(
                                    "Ada", null, "o".repeat(200), "r".repeat(200), "c".repeat(100), Map.of()),
                            ContactAttributes.none()),
                    arguments(
                            "20 tags, one of 40 characters",
                            named("Ada"),
                            new ContactAttributes(
                                    null,
                                    null,
                                    Stream.concat(Stream.of("a".repeat(40)), tags(19).stream())
                                            .toList())),
                    arguments(
                            "a time zone with a half-hour offset",
                            named("Ada"),
                            new ContactAttributes("IN", "Asia/Kolkata", List.of())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("fieldsAtTheirLimits")
        void a_contact_with_fields_at_their_limits_is_added(
                String description, ContactPersonalData personal, ContactAttributes attributes) {
            fixture.givenNoPriorActivity()
                    .when(new AddContact(ADA_ID, OWNER, personal, attributes, ADDED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContactAdded(ADA_ID, OWNER, personal, attributes, ADDED_AT));
        }

        static Stream<Arguments> badFields() {
            var none = ContactAttributes.none();
            return Stream.of(
                    arguments("a blank display name", named("   "), none, List.of("displayName")),
                    arguments("no display name", named(null), none, List.of("displayName")),
                    arguments("a display name of 201 characters", named("a".repeat(201)), none, List.of("displayName")),
                    arguments("a display name with a line break", named("Ada\nLovelace"), none, List.of("displayName")),
                    arguments("a display name with a NUL", named("Ada\u0000"), none, List.of("displayName")),
                    arguments(
                            "a display name with an unpaired surrogate",
                            named("Ada \uD800"),
                            none,
                            List.of("displayName")),
                    arguments(
                            "a how-we-met of 1001 characters",
                            new ContactPersonalData("Ada", "x".repeat(1001), null, null, null, Map.of()),
                            none,
                            List.of("howWeMet")),
                    arguments(
                            "a how-we-met with a bell character",
                            new ContactPersonalData("Ada", "met at\u0007 PyCon", null, null, null, Map.of()),
                            none,
                            List.of("howWeMet")),
                    arguments(
                            "an organization of 201 characters",
                            new ContactPersonalData("Ada", null, "o".repeat(201), null, null, Map.of()),
                            none,
                            List.of("organization")),
                    arguments(
                            "a role with a tab",
                            new ContactPersonalData("Ada", null, null, "C\tTO", null, Map.of()),
                            none,
                            List.of("role")),
                    arguments(
                            "a city of 101 characters",
                            new ContactPersonalData("Ada", null, null, null, "c".repeat(101), Map.of()),
                            none,
                            List.of("city")),
                    arguments(
                            "a blank email handle",
                            new ContactPersonalData("Ada", null, null, null, null, Map.of(ChannelKind.email, " ")),
                            none,
                            List.of("channels.email")),
                    arguments(
                            "a tag with a plus sign",
                            named("Ada"),
                            new ContactAttributes(null, null, List.of("ok", "c++")),
                            List.of("tags[1]")),
                    arguments(
                            "a tag with a space inside",
                            named("Ada"),
                            new ContactAttributes(null, null, List.of("machine learning")),
                            List.of("tags[0]")),
                    arguments(
                            "a tag of 41 characters",
                            named("Ada"),
                            new ContactAttributes(null, null, List.of("a".repeat(41))),
                            List.of("tags[0]")),
                    arguments(
                            "an empty tag",
                            named("Ada"),
                            new ContactAttributes(null, null, List.of("")),
                            List.of("tags[0]")),
                    arguments("21 tags", named("Ada"), new ContactAttributes(null, null, tags(21)), List.of("tags")),
                    arguments(
                            "a three-letter country code",
                            named("Ada"),
                            new ContactAttributes("DEU", null, List.of()),
                            List.of("countryCode")),
                    arguments(
                            "an unassigned country code",
                            named("Ada"),
                            new ContactAttributes("XX", null, List.of()),
                            List.of("countryCode")),
                    arguments(
                            "an unknown time zone",
                            named("Ada"),
                            new ContactAttributes(null, "Mars/Olympus_Mons", List.of()),
                            List.of("timeZone")),
                    arguments(
                            "an offset instead of a time zone",
                            named("Ada"),
                            new ContactAttributes(null, "+02:00", List.of()),
                            List.of("timeZone")),
                    arguments(
                            "every kind of mistake at once",
                            named(""),
                            new ContactAttributes("XX", "Nowhere/Else", List.of("C#")),
                            List.of("displayName", "countryCode", "timeZone", "tags[0]")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badFields")
        void a_contact_with_a_bad_field_is_refused_naming_that_field(
                String description,
                ContactPersonalData personal,
                ContactAttributes attributes,
                List<String> badFields) {
            fixture.givenNoPriorActivity()
                    .when(new AddContact(ADA_ID, OWNER, personal, attributes, ADDED_AT))
                    .expectException(invalid(badFields.toArray(String[]::new)))
                    .expectNoEvents();
        }
    }

    @Nested
    class Updating {

        @Test
        void updating_changes_only_the_listed_fields() {
            var patch = new ContactPersonalData("Not This Name", null, "Babbage & Co", "Analyst", null, Map.of());

            fixture.given(adaAdded())
                    .when(update(Set.of(DetailField.ORGANIZATION, DetailField.ROLE), patch, null))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            new ContactPersonalData(
                                    "Ada Lovelace",
                                    "PyCon 2019, the hallway track",
                                    "Babbage & Co",
                                    "Analyst",
                                    "London",
                                    Map.of(ChannelKind.email, "ada@example.org")),
                            ADA_ATTRIBUTES,
                            NOW));
        }

        @Test
        void a_listed_field_given_as_null_is_cleared() {
            fixture.given(adaAdded())
                    .when(update(Set.of(DetailField.CITY), named("ignored"), null))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            new ContactPersonalData(
                                    "Ada Lovelace",
                                    "PyCon 2019, the hallway track",
                                    "Analytical Engines",
                                    "CTO",
                                    null,
                                    Map.of(ChannelKind.email, "ada@example.org")),
                            ADA_ATTRIBUTES,
                            NOW));
        }

        @Test
        void updated_tags_and_country_code_are_normalised() {
            var attributes = new ContactAttributes("us", "Asia/Tokyo", List.of("Rust", "Mentor", "rust"));

            fixture.given(adaAdded())
                    .when(update(Set.of(DetailField.TAGS, DetailField.COUNTRY_CODE), null, attributes))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            ADA,
                            new ContactAttributes("US", "Europe/London", List.of("mentor", "rust")),
                            NOW));
        }

        @Test
        void channel_changes_add_replace_and_remove_handles() {
            Map<ChannelKind, String> changes = new HashMap<>();
            changes.put(ChannelKind.email, null);
            changes.put(ChannelKind.phone, "+44 20 7946 0000");
            changes.put(ChannelKind.linkedin, "ada-lovelace");

            fixture.given(adaAdded())
                    .when(new UpdateContactDetails(
                            ADA_ID, OWNER, Set.of(DetailField.CHANNELS), null, null, changes, null, NOW))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            new ContactPersonalData(
                                    "Ada Lovelace",
                                    "PyCon 2019, the hallway track",
                                    "Analytical Engines",
                                    "CTO",
                                    "London",
                                    Map.of(
                                            ChannelKind.phone,
                                            "+44 20 7946 0000",
                                            ChannelKind.linkedin,
                                            "ada-lovelace")),
                            ADA_ATTRIBUTES,
                            NOW));
        }

        @Test
        void channel_changes_are_ignored_unless_channels_are_listed() {
            fixture.given(adaAdded())
                    .when(new UpdateContactDetails(
                            ADA_ID,
                            OWNER,
                            Set.of(DetailField.ROLE),
                            new ContactPersonalData(null, null, null, "CEO", null, Map.of()),
                            null,
                            Map.of(ChannelKind.phone, "+44 20 7946 0000"),
                            null,
                            NOW))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            new ContactPersonalData(
                                    "Ada Lovelace",
                                    "PyCon 2019, the hallway track",
                                    "Analytical Engines",
                                    "CEO",
                                    "London",
                                    Map.of(ChannelKind.email, "ada@example.org")),
                            ADA_ATTRIBUTES,
                            NOW));
        }

        @Test
        void an_update_that_changes_nothing_appends_nothing() {
            var sameAfterNormalising = new ContactAttributes(null, null, List.of("Mentor", "MATH", "math"));

            fixture.given(adaAdded())
                    .when(update(
                            Set.of(DetailField.DISPLAY_NAME, DetailField.TAGS),
                            named("  Ada Lovelace "),
                            sameAfterNormalising))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void an_update_with_bad_fields_is_refused_naming_each_of_them() {
            fixture.given(adaAdded())
                    .when(update(
                            Set.of(DetailField.DISPLAY_NAME, DetailField.TIME_ZONE, DetailField.TAGS),
                            named(""),
                            new ContactAttributes(null, "Europe/Atlantis", List.of("fine", "not fine"))))
                    .expectException(invalid("displayName", "timeZone", "tags[1]"))
                    .expectNoEvents();
        }

        @Test
        void an_archived_contact_cannot_be_updated() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(update(
                            Set.of(DetailField.ROLE),
                            new ContactPersonalData(null, null, null, "CEO", null, Map.of()),
                            null))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }

        @Test
        void a_stale_expected_version_is_refused() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 60, ADDED_AT))
                    .when(new UpdateContactDetails(
                            ADA_ID, OWNER, Set.of(DetailField.CITY), named(null), null, null, 0L, NOW))
                    .expectException(violation(Kind.STALE, "contact.version-mismatch"))
                    .expectNoEvents();
        }

        @Test
        void the_current_expected_version_is_accepted() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 60, ADDED_AT))
                    .when(new UpdateContactDetails(
                            ADA_ID, OWNER, Set.of(DetailField.CITY), named(null), null, null, 1L, NOW))
                    .expectEvents(new ContactDetailsUpdated(
                            ADA_ID,
                            OWNER,
                            new ContactPersonalData(
                                    "Ada Lovelace",
                                    "PyCon 2019, the hallway track",
                                    "Analytical Engines",
                                    "CTO",
                                    null,
                                    Map.of(ChannelKind.email, "ada@example.org")),
                            ADA_ATTRIBUTES,
                            NOW));
        }
    }

    @Nested
    class SettingTheCadence {

        @Test
        void setting_a_cadence_starts_tracking() {
            fixture.given(adaAdded())
                    .when(new SetCadence(ADA_ID, OWNER, 21, NOW))
                    .expectEvents(new CadenceSet(ADA_ID, OWNER, 21, NOW));
        }

        @Test
        void changing_the_cadence_is_recorded() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 21, ADDED_AT))
                    .when(new SetCadence(ADA_ID, OWNER, 60, NOW))
                    .expectEvents(new CadenceSet(ADA_ID, OWNER, 60, NOW));
        }

        @Test
        void setting_the_cadence_it_already_has_appends_nothing() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 60, ADDED_AT))
                    .when(new SetCadence(ADA_ID, OWNER, 60, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void setting_the_cadence_it_had_before_it_was_cleared_is_recorded() {
            fixture.given(
                            adaAdded(),
                            new CadenceSet(ADA_ID, OWNER, 60, ADDED_AT),
                            new CadenceCleared(ADA_ID, OWNER, ADDED_AT))
                    .when(new SetCadence(ADA_ID, OWNER, 60, NOW))
                    .expectEvents(new CadenceSet(ADA_ID, OWNER, 60, NOW));
        }

        @ParameterizedTest(name = "every {0} days")
        @ValueSource(ints = {1, 21, 3650})
        void a_cadence_within_1_to_3650_days_is_accepted(int everyDays) {
            fixture.given(adaAdded())
                    .when(new SetCadence(ADA_ID, OWNER, everyDays, NOW))
                    .expectEvents(new CadenceSet(ADA_ID, OWNER, everyDays, NOW));
        }

        @ParameterizedTest(name = "every {0} days")
        @ValueSource(ints = {-1, 0, 3651})
        void a_cadence_outside_1_to_3650_days_is_refused(int everyDays) {
            fixture.given(adaAdded())
                    .when(new SetCadence(ADA_ID, OWNER, everyDays, NOW))
                    .expectException(invalid("everyDays"))
                    .expectNoEvents();
        }

        @Test
        void an_archived_contact_cannot_be_tracked() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new SetCadence(ADA_ID, OWNER, 21, NOW))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ClearingTheCadence {

        @Test
        void clearing_the_cadence_stops_tracking() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 21, ADDED_AT))
                    .when(new ClearCadence(ADA_ID, OWNER, NOW))
                    .expectEvents(new CadenceCleared(ADA_ID, OWNER, NOW));
        }

        @Test
        void clearing_a_cadence_that_is_not_set_appends_nothing() {
            fixture.given(adaAdded())
                    .when(new ClearCadence(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void clearing_twice_appends_nothing_the_second_time() {
            fixture.given(
                            adaAdded(),
                            new CadenceSet(ADA_ID, OWNER, 21, ADDED_AT),
                            new CadenceCleared(ADA_ID, OWNER, ADDED_AT))
                    .when(new ClearCadence(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void an_archived_contact_cannot_have_its_cadence_cleared() {
            fixture.given(
                            adaAdded(),
                            new CadenceSet(ADA_ID, OWNER, 21, ADDED_AT),
                            new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new ClearCadence(ADA_ID, OWNER, NOW))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }
    }

    @Nested
    class LoggingInteractions {

        @Test
        void logging_an_interaction_records_it() {
            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, COFFEE))
                    .expectEvents(new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, List.of(ADA_ID), COFFEE, NOW));
        }

        @Test
        void an_interaction_with_several_contacts_names_them_all() {
            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, List.of(GRACE_ID, ADA_ID), COFFEE, NOW))
                    .expectEvents(
                            new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, List.of(GRACE_ID, ADA_ID), COFFEE, NOW));
        }

        @Test
        void an_interaction_without_a_favor_counts_as_none() {
            var noFavor = new InteractionRecord(COFFEE.occurredAt(), Channel.VIDEO, InitiatedBy.MUTUAL, null, null);

            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, noFavor))
                    .expectEvents(new InteractionLogged(
                            ADA_ID,
                            OWNER,
                            COFFEE_ID,
                            List.of(ADA_ID),
                            new InteractionRecord(
                                    COFFEE.occurredAt(), Channel.VIDEO, InitiatedBy.MUTUAL, Favor.NONE, null),
                            NOW));
        }

        @Test
        void an_interaction_up_to_five_minutes_in_the_future_is_accepted() {
            var soon = new InteractionRecord(
                    NOW.plus(Duration.ofMinutes(5)), Channel.CALL, InitiatedBy.ME, Favor.NONE, null);

            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, soon))
                    .expectEvents(new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, List.of(ADA_ID), soon, NOW));
        }

        @Test
        void an_interaction_more_than_five_minutes_in_the_future_is_refused() {
            var tooSoon = new InteractionRecord(
                    NOW.plus(Duration.ofMinutes(5)).plusMillis(1), Channel.CALL, InitiatedBy.ME, Favor.NONE, null);

            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, tooSoon))
                    .expectException(invalid("occurredAt"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_missing_its_instant_channel_and_initiator_is_refused_naming_each() {
            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, new InteractionRecord(null, null, null, Favor.GAVE, null)))
                    .expectException(invalid("occurredAt", "channel", "initiatedBy"))
                    .expectNoEvents();
        }

        @Test
        void a_note_of_4000_characters_with_line_breaks_is_accepted() {
            var longNote = new InteractionRecord(
                    COFFEE.occurredAt(),
                    Channel.EMAIL,
                    InitiatedBy.ME,
                    Favor.NONE,
                    new Note("first line\nsecond\tline" + "n".repeat(3978)));

            fixture.given(adaAdded())
                    .when(log(COFFEE_ID, longNote))
                    .expectEvents(new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, List.of(ADA_ID), longNote, NOW));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.keepwarm.domain.contact.ContactTest#badNotes")
        void a_bad_note_is_refused(String description, String note) {
            fixture.given(adaAdded())
                    .when(log(
                            COFFEE_ID,
                            new InteractionRecord(
                                    COFFEE.occurredAt(), Channel.EMAIL, InitiatedBy.ME, Favor.NONE, new Note(note))))
                    .expectException(invalid("note"))
                    .expectNoEvents();
        }

        @Test
        void logging_the_same_interaction_again_with_the_same_content_appends_nothing() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(log(COFFEE_ID, COFFEE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void resending_the_original_after_a_correction_appends_nothing() {
            var corrected = new InteractionRecord(
                    COFFEE.occurredAt(), Channel.IN_PERSON, InitiatedBy.THEM, Favor.NONE, COFFEE.note());

            fixture.given(
                            adaAdded(),
                            logged(COFFEE_ID, COFFEE),
                            new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, corrected, NOW))
                    .when(log(COFFEE_ID, COFFEE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void resending_an_interaction_after_the_contact_was_archived_is_still_answered_as_logged() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE), new ContactArchived(ADA_ID, OWNER, NOW))
                    .when(log(COFFEE_ID, COFFEE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void logging_an_interaction_id_again_with_other_content_is_a_conflict() {
            var otherNote = new InteractionRecord(
                    COFFEE.occurredAt(),
                    COFFEE.channel(),
                    COFFEE.initiatedBy(),
                    COFFEE.favor(),
                    new Note("tea, actually"));

            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(log(COFFEE_ID, otherNote))
                    .expectException(conflict("interaction.conflict"))
                    .expectNoEvents();
        }

        @Test
        void logging_an_interaction_id_again_with_other_contacts_is_a_conflict() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, List.of(ADA_ID, GRACE_ID), COFFEE, NOW))
                    .expectException(conflict("interaction.conflict"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_naming_no_contacts_is_refused() {
            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, List.of(), COFFEE, NOW))
                    .expectException(invalid("contactIds"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_with_50_contacts_is_accepted() {
            List<ContactId> fifty = contactsWithAda(50);

            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, fifty, COFFEE, NOW))
                    .expectEvents(new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, fifty, COFFEE, NOW));
        }

        @Test
        void an_interaction_with_51_contacts_is_refused() {
            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, contactsWithAda(51), COFFEE, NOW))
                    .expectException(invalid("contactIds"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_naming_a_null_contact_is_refused() {
            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, Arrays.asList(ADA_ID, null), COFFEE, NOW))
                    .expectException(invalid("contactIds"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_logged_on_a_contact_it_does_not_name_is_refused() {
            fixture.given(adaAdded())
                    .when(new LogInteraction(ADA_ID, OWNER, COFFEE_ID, List.of(GRACE_ID), COFFEE, NOW))
                    .expectException(invalid("contactIds"))
                    .expectNoEvents();
        }

        @Test
        void an_archived_contact_cannot_be_touched() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(log(COFFEE_ID, COFFEE))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }

        @Test
        void a_restored_contact_can_be_touched_again() {
            fixture.given(
                            adaAdded(),
                            new ContactArchived(ADA_ID, OWNER, ADDED_AT),
                            new ContactRestored(ADA_ID, OWNER, ADDED_AT))
                    .when(log(COFFEE_ID, COFFEE))
                    .expectEvents(new InteractionLogged(ADA_ID, OWNER, COFFEE_ID, List.of(ADA_ID), COFFEE, NOW));
        }

        private static List<ContactId> contactsWithAda(int size) {
            List<ContactId> ids = new ArrayList<>();
            ids.add(ADA_ID);
            for (int i = 1; i < size; i++) {
                ids.add(new ContactId(new UUID(0x5eed, i)));
            }
            return Collections.unmodifiableList(ids);
        }
    }

    static Stream<Arguments> badNotes() {
        return Stream.of(
                arguments("a note of 4001 characters", "n".repeat(4001)),
                arguments("a note with a NUL", "lunch\u0000"),
                arguments("a note with an escape character", "\u001B[31mred"),
                arguments("a note with an unpaired low surrogate", "\uDC00 lunch"));
    }

    @Nested
    class CorrectingInteractions {

        @Test
        void correcting_replaces_the_given_fields_and_keeps_the_others() {
            var after = new InteractionRecord(
                    Instant.parse("2025-03-08T17:00:00Z"),
                    Channel.IN_PERSON,
                    InitiatedBy.ME,
                    Favor.GAVE,
                    new Note("drinks, not coffee"));

            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(COFFEE_ID, after.occurredAt(), null, null, Favor.GAVE, "drinks, not coffee"))
                    .expectEvents(new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, after, NOW));
        }

        @Test
        void an_empty_note_clears_the_note() {
            var after = new InteractionRecord(
                    COFFEE.occurredAt(), COFFEE.channel(), COFFEE.initiatedBy(), COFFEE.favor(), null);

            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(COFFEE_ID, null, null, null, null, ""))
                    .expectEvents(new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, after, NOW));
        }

        @Test
        void a_second_correction_starts_from_the_first() {
            var first = new InteractionRecord(
                    COFFEE.occurredAt(), Channel.VIDEO, COFFEE.initiatedBy(), COFFEE.favor(), COFFEE.note());
            var second = new InteractionRecord(
                    COFFEE.occurredAt(), Channel.VIDEO, InitiatedBy.MUTUAL, COFFEE.favor(), COFFEE.note());

            fixture.given(
                            adaAdded(),
                            logged(COFFEE_ID, COFFEE),
                            new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, first, ADDED_AT))
                    .when(correct(COFFEE_ID, null, null, InitiatedBy.MUTUAL, null, null))
                    .expectEvents(new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, first, second, NOW));
        }

        @Test
        void a_correction_that_changes_nothing_appends_nothing() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(
                            COFFEE_ID,
                            COFFEE.occurredAt(),
                            COFFEE.channel(),
                            COFFEE.initiatedBy(),
                            COFFEE.favor(),
                            COFFEE.noteText()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_correction_into_the_far_future_is_refused() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(COFFEE_ID, NOW.plus(Duration.ofMinutes(6)), null, null, null, null))
                    .expectException(invalid("occurredAt"))
                    .expectNoEvents();
        }

        @Test
        void a_correction_with_a_note_of_4001_characters_is_refused() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(COFFEE_ID, null, null, null, null, "n".repeat(4001)))
                    .expectException(invalid("note"))
                    .expectNoEvents();
        }

        @Test
        void correcting_a_retracted_interaction_is_a_conflict() {
            fixture.given(
                            adaAdded(),
                            logged(COFFEE_ID, COFFEE),
                            new InteractionRetracted(ADA_ID, OWNER, COFFEE_ID, new Note("never happened"), ADDED_AT))
                    .when(correct(COFFEE_ID, null, Channel.CALL, null, null, null))
                    .expectException(conflict("interaction.retracted"))
                    .expectNoEvents();
        }

        @Test
        void correcting_an_unknown_interaction_is_not_found() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(correct(CALL_ID, null, Channel.CALL, null, null, null))
                    .expectException(notFound("interaction.not-found"))
                    .expectNoEvents();
        }

        @Test
        void an_interaction_of_an_archived_contact_can_still_be_corrected() {
            var after = new InteractionRecord(
                    COFFEE.occurredAt(), Channel.CALL, COFFEE.initiatedBy(), COFFEE.favor(), COFFEE.note());

            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(correct(COFFEE_ID, null, Channel.CALL, null, null, null))
                    .expectEvents(new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, after, NOW));
        }
    }

    @Nested
    class RetractingInteractions {

        @Test
        void retracting_records_the_reason() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(new RetractInteraction(ADA_ID, OWNER, COFFEE_ID, "logged on the wrong person", NOW))
                    .expectEvents(new InteractionRetracted(
                            ADA_ID, OWNER, COFFEE_ID, new Note("logged on the wrong person"), NOW));
        }

        @Test
        void a_retraction_without_a_reason_is_recorded() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(new RetractInteraction(ADA_ID, OWNER, COFFEE_ID, null, NOW))
                    .expectEvents(new InteractionRetracted(ADA_ID, OWNER, COFFEE_ID, null, NOW));
        }

        @Test
        void retracting_twice_appends_nothing_the_second_time() {
            fixture.given(
                            adaAdded(),
                            logged(COFFEE_ID, COFFEE),
                            new InteractionRetracted(ADA_ID, OWNER, COFFEE_ID, null, ADDED_AT))
                    .when(new RetractInteraction(ADA_ID, OWNER, COFFEE_ID, "again", NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void retracting_a_corrected_interaction_is_recorded() {
            var corrected = new InteractionRecord(
                    COFFEE.occurredAt(), Channel.CALL, COFFEE.initiatedBy(), COFFEE.favor(), COFFEE.note());

            fixture.given(
                            adaAdded(),
                            logged(COFFEE_ID, COFFEE),
                            new InteractionCorrected(ADA_ID, OWNER, COFFEE_ID, COFFEE, corrected, ADDED_AT))
                    .when(new RetractInteraction(ADA_ID, OWNER, COFFEE_ID, null, NOW))
                    .expectEvents(new InteractionRetracted(ADA_ID, OWNER, COFFEE_ID, null, NOW));
        }

        @Test
        void a_reason_of_1001_characters_is_refused() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(new RetractInteraction(ADA_ID, OWNER, COFFEE_ID, "r".repeat(1001), NOW))
                    .expectException(invalid("reason"))
                    .expectNoEvents();
        }

        @Test
        void retracting_an_unknown_interaction_is_not_found() {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(new RetractInteraction(ADA_ID, OWNER, CALL_ID, null, NOW))
                    .expectException(notFound("interaction.not-found"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Snoozing {

        static final Instant UNTIL = Instant.parse("2025-04-01T00:00:00Z");

        @Test
        void snoozing_hides_the_contact_until_the_given_instant() {
            fixture.given(adaAdded())
                    .when(new SnoozeContact(ADA_ID, OWNER, UNTIL, NOW))
                    .expectEvents(new ContactSnoozed(ADA_ID, OWNER, UNTIL, NOW));
        }

        @Test
        void snoozing_until_the_same_instant_again_appends_nothing() {
            fixture.given(adaAdded(), new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT))
                    .when(new SnoozeContact(ADA_ID, OWNER, UNTIL, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void snoozing_until_another_instant_moves_the_snooze() {
            Instant longer = UNTIL.plus(Duration.ofDays(30));

            fixture.given(adaAdded(), new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT))
                    .when(new SnoozeContact(ADA_ID, OWNER, longer, NOW))
                    .expectEvents(new ContactSnoozed(ADA_ID, OWNER, longer, NOW));
        }

        @Test
        void snoozing_until_now_is_refused() {
            fixture.given(adaAdded())
                    .when(new SnoozeContact(ADA_ID, OWNER, NOW, NOW))
                    .expectException(invalid("until"))
                    .expectNoEvents();
        }

        @Test
        void snoozing_without_an_end_is_refused() {
            fixture.given(adaAdded())
                    .when(new SnoozeContact(ADA_ID, OWNER, null, NOW))
                    .expectException(invalid("until"))
                    .expectNoEvents();
        }

        @Test
        void an_archived_contact_cannot_be_snoozed() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new SnoozeContact(ADA_ID, OWNER, UNTIL, NOW))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Waking {

        static final Instant UNTIL = Instant.parse("2025-04-01T00:00:00Z");

        @Test
        void waking_ends_a_snooze_early() {
            fixture.given(adaAdded(), new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT))
                    .when(new WakeContact(ADA_ID, OWNER, NOW))
                    .expectEvents(new ContactWoken(ADA_ID, OWNER, NOW));
        }

        @Test
        void waking_a_contact_that_is_not_snoozed_appends_nothing() {
            fixture.given(adaAdded())
                    .when(new WakeContact(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void waking_a_contact_already_woken_appends_nothing() {
            fixture.given(
                            adaAdded(),
                            new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT),
                            new ContactWoken(ADA_ID, OWNER, ADDED_AT))
                    .when(new WakeContact(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void waking_when_the_snooze_ends_exactly_now_appends_nothing() {
            fixture.given(adaAdded(), new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT))
                    .when(new WakeContact(ADA_ID, OWNER, UNTIL))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void waking_one_millisecond_before_the_snooze_ends_is_recorded() {
            Instant justBefore = UNTIL.minusMillis(1);

            fixture.given(adaAdded(), new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT))
                    .when(new WakeContact(ADA_ID, OWNER, justBefore))
                    .expectEvents(new ContactWoken(ADA_ID, OWNER, justBefore));
        }

        @Test
        void an_archived_contact_cannot_be_woken() {
            fixture.given(
                            adaAdded(),
                            new ContactSnoozed(ADA_ID, OWNER, UNTIL, ADDED_AT),
                            new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new WakeContact(ADA_ID, OWNER, NOW))
                    .expectException(conflict("contact.archived"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ArchivingAndRestoring {

        @Test
        void archiving_puts_the_contact_aside() {
            fixture.given(adaAdded())
                    .when(new ArchiveContact(ADA_ID, OWNER, NOW))
                    .expectEvents(new ContactArchived(ADA_ID, OWNER, NOW));
        }

        @Test
        void archiving_twice_appends_nothing_the_second_time() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new ArchiveContact(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void restoring_brings_an_archived_contact_back() {
            fixture.given(adaAdded(), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(new RestoreContact(ADA_ID, OWNER, NOW))
                    .expectEvents(new ContactRestored(ADA_ID, OWNER, NOW));
        }

        @Test
        void restoring_a_contact_that_is_not_archived_appends_nothing() {
            fixture.given(adaAdded())
                    .when(new RestoreContact(ADA_ID, OWNER, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_contact_archived_again_after_a_restore_is_archived_again() {
            fixture.given(
                            adaAdded(),
                            new ContactArchived(ADA_ID, OWNER, ADDED_AT),
                            new ContactRestored(ADA_ID, OWNER, ADDED_AT))
                    .when(new ArchiveContact(ADA_ID, OWNER, NOW))
                    .expectEvents(new ContactArchived(ADA_ID, OWNER, NOW));
        }
    }

    /**
     * Another owner's command is answered exactly like one for a contact that does not exist: NOT_FOUND, whatever
     * state the contact is in and whatever the command carries, so the answer reveals nothing about it.
     */
    @Nested
    class AnotherOwner {

        static Stream<Arguments> strangersCommands() {
            return Stream.of(
                    arguments(
                            "update details",
                            new UpdateContactDetails(
                                    ADA_ID,
                                    STRANGER,
                                    Set.of(DetailField.ROLE),
                                    new ContactPersonalData(null, null, null, "CEO", null, Map.of()),
                                    null,
                                    null,
                                    null,
                                    NOW)),
                    arguments("set a cadence", new SetCadence(ADA_ID, STRANGER, 21, NOW)),
                    arguments("clear the cadence", new ClearCadence(ADA_ID, STRANGER, NOW)),
                    arguments(
                            "log an interaction",
                            new LogInteraction(ADA_ID, STRANGER, CALL_ID, List.of(ADA_ID), CALL, NOW)),
                    arguments(
                            "correct an interaction",
                            new CorrectInteraction(
                                    ADA_ID, STRANGER, COFFEE_ID, null, Channel.CALL, null, null, null, NOW)),
                    arguments("retract an interaction", new RetractInteraction(ADA_ID, STRANGER, COFFEE_ID, null, NOW)),
                    arguments("snooze", new SnoozeContact(ADA_ID, STRANGER, LATER, NOW)),
                    arguments("wake", new WakeContact(ADA_ID, STRANGER, NOW)),
                    arguments("archive", new ArchiveContact(ADA_ID, STRANGER, NOW)),
                    arguments("restore", new RestoreContact(ADA_ID, STRANGER, NOW)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("strangersCommands")
        void another_owners_command_is_not_found(String description, Object command) {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE))
                    .when(command)
                    .expectException(notFound("contact.not-found"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("strangersCommands")
        void another_owners_command_is_not_found_even_for_an_archived_contact(String description, Object command) {
            fixture.given(adaAdded(), logged(COFFEE_ID, COFFEE), new ContactArchived(ADA_ID, OWNER, ADDED_AT))
                    .when(command)
                    .expectException(notFound("contact.not-found"))
                    .expectNoEvents();
        }

        @Test
        void another_owners_invalid_command_is_not_found_rather_than_invalid() {
            fixture.given(adaAdded())
                    .when(new SetCadence(ADA_ID, STRANGER, 0, NOW))
                    .expectException(notFound("contact.not-found"))
                    .expectNoEvents();
        }

        @Test
        void another_owners_stale_update_is_not_found_rather_than_stale() {
            fixture.given(adaAdded(), new CadenceSet(ADA_ID, OWNER, 60, ADDED_AT))
                    .when(new UpdateContactDetails(
                            ADA_ID, STRANGER, Set.of(DetailField.CITY), named(null), null, null, 0L, NOW))
                    .expectException(notFound("contact.not-found"))
                    .expectNoEvents();
        }

        @Test
        void another_owners_command_for_an_unknown_interaction_is_not_found_as_a_contact() {
            fixture.given(adaAdded())
                    .when(new RetractInteraction(ADA_ID, STRANGER, CALL_ID, null, NOW))
                    .expectException(notFound("contact.not-found"))
                    .expectNoEvents();
        }
    }
}
