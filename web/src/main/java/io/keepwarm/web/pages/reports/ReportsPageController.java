package io.keepwarm.web.pages.reports;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.reports.ActivityReport;
import io.keepwarm.application.reports.InvalidReportQuery;
import io.keepwarm.application.reports.NetworkReport;
import io.keepwarm.application.reports.ReportParameters;
import io.keepwarm.application.reports.Reports;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.pages.dashboard.DashboardRow;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The replayable reports (SPEC §4) on one page, from the same {@link Reports} and {@link ReportParameters} as
 * {@code /api/reports/*}: the network as it stood at the end of a day (optionally as known at the end of another),
 * and the activity per week or month over a range of days, drawn as an SVG chart with its table beside it. Days
 * are days in the account's time zone (its settings).
 */
@Controller
public class ReportsPageController {

    private final Reports reports;
    private final Settings settings;
    private final CurrentCaller caller;
    private final Clock clock;

    public ReportsPageController(Reports reports, Settings settings, CurrentCaller caller, Clock clock) {
        this.reports = reports;
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/reports")
    String reports(
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String knownAt,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            Model model) {
        OwnerId owner = caller.get().ownerId();
        AccountSettings account = settings.of(owner);
        ZoneId zone = account.timeZone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        String asOfDay = orDefault(asOf, today.toString());
        String fromDay = orDefault(
                from,
                today.minusWeeks(11)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .toString());
        String toDay = orDefault(to, today.toString());
        String by = orDefault(groupBy, "week");
        model.addAttribute("asOf", asOfDay);
        model.addAttribute("knownAt", knownAt == null ? "" : knownAt.strip());
        model.addAttribute("from", fromDay);
        model.addAttribute("to", toDay);
        model.addAttribute("groupBy", by);
        model.addAttribute("zone", zone.getId());
        try {
            NetworkReport network =
                    reports.network(owner, ReportParameters.network(endOfDay(asOfDay, zone), endOfDay(knownAt, zone)));
            model.addAttribute(
                    "network",
                    network.items().stream().map(row -> DashboardRow.of(row)).toList());
            model.addAttribute(
                    "networkCounts",
                    network.items().stream()
                            .collect(Collectors.groupingBy(
                                    row -> DashboardRow.statusLabel(row), Collectors.counting())));
        } catch (InvalidReportQuery invalid) {
            model.addAttribute("networkProblem", problems(invalid));
        }
        try {
            ActivityReport activity = reports.activity(
                    owner,
                    ReportParameters.activity(
                            startOfDay(fromDay, 0, zone), startOfDay(toDay, 1, zone), by, null, zone));
            model.addAttribute("activity", activity);
            model.addAttribute("chart", ActivityChart.of(activity.periods()));
        } catch (InvalidReportQuery invalid) {
            model.addAttribute("activityProblem", problems(invalid));
        }
        return "pages/reports/reports";
    }

    private static String problems(InvalidReportQuery invalid) {
        return invalid.parameters().stream()
                .map(p -> p.name() + " " + p.message())
                .collect(Collectors.joining("; "));
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /**
     * The last second of a day in the account's zone, as the report parameters read an instant; a bad day is left
     * for them to name.
     */
    private static String endOfDay(String day, ZoneId zone) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day.strip())
                    .atTime(23, 59, 59)
                    .atZone(zone)
                    .toOffsetDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            return day;
        }
    }

    /** The start of a day in the account's zone (plus some days: the range's last day is included). */
    private static String startOfDay(String day, int plusDays, ZoneId zone) {
        try {
            return LocalDate.parse(day)
                    .plusDays(plusDays)
                    .atStartOfDay(zone)
                    .toOffsetDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            return day;
        }
    }
}
