package io.keepwarm.web.calendar;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static io.keepwarm.web.testsupport.Fixtures.setCadence;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * The calendar feed (SPEC §9), fetched without a bearer token and parsed back by ical4j, field by field. The
 * account lives in Paris; both contacts were last touched on 2026-12-01 at 22:30 UTC (23:30 in Paris), so a due
 * date falls at 22:30 UTC: 23:30 the same day in winter (CET, +01:00) and 00:30 the next day once Paris is on
 * summer time (CEST, +02:00, from 2027-03-28).
 */
class CalendarFeedIT extends IntegrationTest {

    private static final Instant LAST_TOUCH = Instant.parse("2026-12-01T22:30:00Z");

    @Test
    void the_feed_holds_one_all_day_event_per_tracked_contact_on_its_due_date_in_the_account_s_zone() throws Exception {
        Api owner = newOwner();
        assertThat(owner.patch("/api/me/settings", Map.of("timeZone", "Europe/Paris"))
                        .status())
                .isEqualTo(200);
        String winter = tracked(owner, "Wanda Winter", 110, "a note about Wanda that must never leave");
        String summer = tracked(owner, "Sven Summer", 117, "a note about Sven");
        addContact(owner, "Ulla Untracked");

        var created = owner.post("/api/me/calendar", null);
        assertThat(created.status()).isEqualTo(201);
        String path = created.json().get("path").asText();
        assertThat(path).matches("/calendar/kwcal_[A-Za-z0-9_-]{43}\\.ics");
        assertThat(created.json().get("url").asText()).endsWith(path);
        assertThat(created.header("Cache-Control")).contains("no-store");

        var fetched = api.get(path);
        assertThat(fetched.status())
                .as("no bearer token: the secret is the credential")
                .isEqualTo(200);
        assertThat(fetched.header("Content-Type")).startsWith("text/calendar");
        assertThat(fetched.body()).doesNotContain("note", "Ulla");
        Calendar calendar = parse(fetched.body());

        assertThat(text(calendar, Property.VERSION)).isEqualTo("2.0");
        assertThat(text(calendar, Property.PRODID)).isEqualTo("-//keepwarm//calendar feed//EN");
        Property refresh = calendar.getProperty("REFRESH-INTERVAL").orElseThrow();
        assertThat(refresh.getValue()).isEqualTo("PT6H");
        assertThat(refresh.getParameter(Parameter.VALUE).orElseThrow().getValue())
                .isEqualTo("DURATION");

        Map<String, VEvent> events = events(calendar);
        assertThat(events).containsOnlyKeys(winter + "@keepwarm", summer + "@keepwarm");
        VEvent wanda = events.get(winter + "@keepwarm");
        assertThat(text(wanda, Property.SUMMARY)).isEqualTo("Reach out to Wanda Winter");
        // due 2027-03-21T22:30Z = 23:30 CET: the same day
        assertThat(date(wanda, Property.DTSTART)).isEqualTo(LocalDate.of(2027, 3, 21));
        assertThat(date(wanda, Property.DTEND))
                .as("exclusive end: the day after")
                .isEqualTo(LocalDate.of(2027, 3, 22));
        assertThat(wanda.getProperty(Property.DTSTART)
                        .orElseThrow()
                        .getParameter(Parameter.VALUE)
                        .orElseThrow()
                        .getValue())
                .isEqualTo("DATE");
        VEvent sven = events.get(summer + "@keepwarm");
        // due 2027-03-28T22:30Z = 00:30 CEST on the 29th: the day after in Paris, though still the 28th in UTC
        assertThat(date(sven, Property.DTSTART)).isEqualTo(LocalDate.of(2027, 3, 29));
        assertThat(date(sven, Property.DTEND)).isEqualTo(LocalDate.of(2027, 3, 30));
        Instant stamp = Instant.parse(wanda.getProperty(Property.DTSTAMP)
                .orElseThrow()
                .getValue()
                .replaceFirst("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z"));
        assertThat(stamp)
                .isBetween(
                        Instant.now().minus(5, ChronoUnit.MINUTES),
                        Instant.now().plusSeconds(5));
        assertThat(text(wanda, Property.DESCRIPTION)).isEqualTo("keepwarm: due 2027-03-21, every 110 days.");

        Map<String, VEvent> again = events(parse(api.get(path).body()));
        assertThat(again.keySet()).as("UIDs are stable across fetches").isEqualTo(events.keySet());
        assertThat(date(again.get(summer + "@keepwarm"), Property.DTSTART)).isEqualTo(LocalDate.of(2027, 3, 29));

        assertThat(owner.patch("/api/me/settings", Map.of("timeZone", "UTC")).status())
                .isEqualTo(200);
        assertThat(date(events(parse(api.get(path).body())).get(summer + "@keepwarm"), Property.DTSTART))
                .as("the account's zone decides the date")
                .isEqualTo(LocalDate.of(2027, 3, 28));
    }

    @Test
    void a_forgotten_contact_disappears_from_the_feed() throws Exception {
        Api owner = newOwner();
        String kept = tracked(owner, "Kept Karl", 30, "fine");
        String forgotten = tracked(owner, "Forgotten Fiona", 30, "Fiona's secret");
        String path = owner.post("/api/me/calendar", null).json().get("path").asText();
        assertThat(events(parse(api.get(path).body()))).containsOnlyKeys(kept + "@keepwarm", forgotten + "@keepwarm");

        assertThat(owner.delete("/api/contacts/" + forgotten).status()).isEqualTo(204);

        String body = api.get(path).body();
        assertThat(events(parse(body))).containsOnlyKeys(kept + "@keepwarm");
        assertThat(body).doesNotContain("Fiona", forgotten);
    }

    @Test
    void rotating_the_secret_retires_the_old_url_and_revoking_retires_the_feed() {
        Api owner = newOwner();
        tracked(owner, "Rita Rotate", 30, null);
        String first = owner.post("/api/me/calendar", null).json().get("path").asText();
        assertThat(api.get(first).status()).isEqualTo(200);

        String second = owner.post("/api/me/calendar", null).json().get("path").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(api.get(first).status()).as("rotated").isEqualTo(404);
        assertThat(api.get(second).status()).isEqualTo(200);
        String secret = second.substring("/calendar/".length(), second.length() - ".ics".length());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM calendar_feed WHERE secret_hash = sha256(convert_to(?, 'UTF8'))",
                        Long.class,
                        secret))
                .as("the secret is stored as its SHA-256 hash")
                .isEqualTo(1);

        assertThat(owner.delete("/api/me/calendar").status()).isEqualTo(204);
        var revoked = api.get(second);
        assertThat(revoked.status()).isEqualTo(404);
        assertThat(revoked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/calendar/kwcal_guessed.ics").status()).isEqualTo(404);
    }

    private static String tracked(Api owner, String name, int everyDays, String note) {
        String id = addContact(owner, Map.of("displayName", name, "howWeMet", "how we met " + name));
        setCadence(owner, id, everyDays);
        Map<String, Object> touch = interaction(LAST_TOUCH, id);
        if (note != null) {
            touch.put("note", note);
        }
        logInteraction(owner, touch);
        return id;
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static Map<String, VEvent> events(Calendar calendar) {
        Map<String, VEvent> events = new TreeMap<>();
        List<VEvent> all = calendar.getComponents("VEVENT");
        for (VEvent event : all) {
            events.put(text(event, Property.UID), event);
        }
        return events;
    }

    private static String text(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).orElseThrow().getValue();
    }

    private static LocalDate date(VEvent event, String name) {
        return LocalDate.parse(text(event, name), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }
}
