package io.keepwarm.application.digest;

import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.reports.ActivityPeriod;
import io.keepwarm.application.reports.ActivityReport;
import io.keepwarm.application.reports.GroupBy;
import io.keepwarm.application.reports.ReportParameters;
import io.keepwarm.application.reports.Reports;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.today.TodayRow;
import io.keepwarm.application.today.TodayView;
import io.keepwarm.application.today.TodaysPlans;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.domain.contact.TodaysPlan;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Writes a digest: today's plan ({@link TodaysPlans}), who went cold since the last digest (COLD in the
 * going-cold view now and not at the last digest, both asked of {@link GoingColdQueries}, so no rule is written
 * twice) and last week's activity (the activity report, replayed from the event store). Names and counts only:
 * no note, no how-we-met, no channel; a forgotten contact is in none of the three.
 */
@Component
public class DigestComposer {

    /** A digest ready to send. */
    public record Digest(String subject, String body) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final Set<GoingColdStatus> COLD = EnumSet.of(GoingColdStatus.COLD);

    private final TodaysPlans plans;
    private final GoingColdQueries goingCold;
    private final Reports reports;

    public DigestComposer(TodaysPlans plans, GoingColdQueries goingCold, Reports reports) {
        this.plans = plans;
        this.goingCold = goingCold;
        this.reports = reports;
    }

    public Digest compose(
            OwnerId owner, String username, AccountSettings settings, Instant previous, Instant period, Instant now) {
        ZoneId zone = settings.timeZone();
        TodayView plan = plans.today(owner, now, TodaysPlan.DEFAULT_LIMIT);
        Set<UUID> coldBefore =
                cold(owner, previous).stream().map(GoingColdRow::contactId).collect(Collectors.toSet());
        List<GoingColdRow> wentCold = cold(owner, now).stream()
                .filter(row -> !coldBefore.contains(row.contactId()))
                .toList();
        Instant weekAgo = period.minus(Duration.ofDays(7));
        ActivityReport activity =
                reports.activity(owner, new ReportParameters.Activity(weekAgo, period, GroupBy.WEEK, zone));
        int interactions = activity.periods().stream()
                .mapToInt(ActivityPeriod::interactions)
                .sum();
        int asks = activity.periods().stream().mapToInt(ActivityPeriod::asks).sum();
        int gives = activity.periods().stream().mapToInt(ActivityPeriod::gives).sum();

        StringBuilder body = new StringBuilder();
        body.append("Hello ").append(username).append(",\n\n");
        body.append("Today's plan (")
                .append(DAY.format(now.atZone(zone)))
                .append(", ")
                .append(zone.getId())
                .append("):\n");
        if (plan.items().isEmpty()) {
            body.append("  nobody is due: your network is warm.\n");
        }
        for (TodayRow row : plan.items()) {
            body.append("  ").append(row.rank()).append(". ").append(row.displayName());
            if (row.organization() != null && !row.organization().isBlank()) {
                body.append(" (").append(row.organization()).append(")");
            }
            body.append(": ").append(row.reason()).append("\n");
        }
        body.append("\nWent cold since ")
                .append(previous.equals(weekAgo) ? "a week ago" : "your last digest")
                .append(" (")
                .append(DAY.format(previous.atZone(zone)))
                .append("):\n");
        if (wentCold.isEmpty()) {
            body.append("  nobody.\n");
        }
        for (GoingColdRow row : wentCold) {
            body.append("  - ")
                    .append(row.displayName())
                    .append(": every ")
                    .append(row.cadenceDays())
                    .append(" days, due since ")
                    .append(row.dueAt().atZone(zone).toLocalDate())
                    .append("\n");
        }
        body.append("\nLast week (")
                .append(DAY.format(weekAgo.atZone(zone)))
                .append(" to ")
                .append(DAY.format(period.atZone(zone)))
                .append("): ")
                .append(count(interactions, "interaction"))
                .append(", ")
                .append(count(asks, "ask"))
                .append(", ")
                .append(count(gives, "give"))
                .append(".\n\n");
        AccountSettings.Digest digest = settings.digest();
        body.append("You get this digest every ")
                .append(digest.day().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .append(" at ")
                .append("%02d:00".formatted(digest.hour()))
                .append(" (")
                .append(zone.getId())
                .append("). To stop it: PATCH /api/me/settings {\"digest\":{\"frequency\":\"OFF\"}}.\n");
        String subject = "keepwarm: "
                + (plan.items().isEmpty()
                        ? "your network is warm"
                        : count(plan.items().size(), "person", "people") + " to reach out to");
        return new Digest(subject, body.toString());
    }

    private List<GoingColdRow> cold(OwnerId owner, Instant at) {
        return goingCold.find(
                new FindGoingCold(owner, COLD, null, null, io.keepwarm.application.paging.PageLimit.MAX, at, false));
    }

    private static String count(int n, String noun) {
        return count(n, noun, noun + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
