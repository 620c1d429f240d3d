package io.keepwarm.application.calendar;

import io.keepwarm.application.goingcold.GoingColdRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The feed as iCalendar (RFC 5545) through ical4j: one all-day {@code VEVENT} per tracked contact on its due date
 * in the account's zone ({@code DTSTART;VALUE=DATE} and the exclusive {@code DTEND} the day after), a {@code UID}
 * made of the contact id (stable across fetches and rotations), a {@code DTSTAMP}, the contact's name and its
 * cadence, never a note, a how-we-met or a channel. Calendar clients are asked to refresh every
 * {@link #REFRESH} ({@code REFRESH-INTERVAL;VALUE=DURATION} of RFC 7986, and {@code X-PUBLISHED-TTL} for Outlook).
 */
public final class CalendarFeed {

    public static final Duration REFRESH = Duration.ofHours(6);
    static final String PRODUCT = "-//keepwarm//calendar feed//EN";

    private CalendarFeed() {}

    public static String uid(GoingColdRow row) {
        return row.contactId() + "@keepwarm";
    }

    public static String render(List<GoingColdRow> rows, ZoneId zone, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Name("keepwarm"));
        calendar.add(new XProperty("X-WR-CALNAME", "keepwarm"));
        calendar.add(new XProperty("X-WR-TIMEZONE", zone.getId()));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        for (GoingColdRow row : rows) {
            LocalDate due = row.dueAt().atZone(zone).toLocalDate();
            VEvent event = new VEvent(due, due.plusDays(1), "Reach out to " + row.displayName());
            event.add(new Uid(uid(row)));
            event.add(new DtStamp(stamp));
            event.add(new Description("keepwarm: due " + due + ", every " + days(row.cadenceDays()) + "."));
            event.add(new Transp(Transp.VALUE_TRANSPARENT));
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String days(int cadenceDays) {
        return cadenceDays == 1 ? "day" : cadenceDays + " days";
    }
}
