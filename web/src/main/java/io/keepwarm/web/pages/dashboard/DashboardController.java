package io.keepwarm.web.pages.dashboard;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.application.today.TodaysPlans;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.web.pages.Htmx;
import io.keepwarm.web.pages.interaction.LogInteractionForm;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard: today's plan (as {@code GET /api/today}), then who is going cold, coldest first, from the same
 * going-cold query as {@code GET /api/going-cold}, with the form to log a touch beside it. Filters and "show more" re-render only the list (htmx); without
 * JavaScript the same links and forms load the whole page.
 */
@Controller
public class DashboardController {

    static final int PAGE = 25;

    /** How many people today's plan suggests on the dashboard. */
    static final int PLAN = 5;

    private final GoingColdQueries goingCold;
    private final TodaysPlans plans;
    private final Settings settings;
    private final CurrentCaller caller;
    private final Clock clock;

    public DashboardController(
            GoingColdQueries goingCold, TodaysPlans plans, Settings settings, CurrentCaller caller, Clock clock) {
        this.goingCold = goingCold;
        this.plans = plans;
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
    }

    /** The dashboard's filters as the page's form sends them; anything unreadable falls back to the default. */
    public record Filters(Set<GoingColdStatus> statuses, String tag, String city, int limit) {

        public static Filters of(List<String> status, String tag, String city, Integer limit) {
            Set<GoingColdStatus> statuses = EnumSet.noneOf(GoingColdStatus.class);
            if (status != null) {
                for (String name : status) {
                    Arrays.stream(GoingColdStatus.values())
                            .filter(s -> s.name().equalsIgnoreCase(name))
                            .forEach(statuses::add);
                }
            }
            if (statuses.isEmpty()) {
                statuses = FindGoingCold.DEFAULT_STATUSES;
            }
            int shown =
                    limit == null ? PAGE : Math.max(1, Math.min(limit, io.keepwarm.application.paging.PageLimit.MAX));
            return new Filters(statuses, blankToNull(tag), blankToNull(city), shown);
        }

        public List<String> tags() {
            return tag == null
                    ? null
                    : Arrays.stream(tag.split("[,\\s]+"))
                            .filter(t -> !t.isBlank())
                            .toList();
        }

        public boolean shows(GoingColdStatus status) {
            return statuses.contains(status);
        }

        /** The address of this view with more rows (or other changes), for links and htmx alike. */
        public String url(int rows) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/");
            statuses.forEach(s -> url.queryParam("status", s.name()));
            if (tag != null) {
                url.queryParam("tag", tag);
            }
            if (city != null) {
                url.queryParam("city", city);
            }
            if (rows != PAGE) {
                url.queryParam("limit", rows);
            }
            return url.encode().build().toUriString();
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @GetMapping("/")
    String dashboard(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest request,
            Model model) {
        Filters filters = Filters.of(status, tag, city, limit);
        addList(model, filters, false);
        if (Htmx.isHtmx(request) && "going-cold".equals(request.getHeader("HX-Target"))) {
            return "pages/dashboard/dashboard :: list";
        }
        model.addAttribute(
                "form",
                LogInteractionForm.blank(
                        clock.instant(), settings.of(caller.get().ownerId()).timeZone()));
        return "pages/dashboard/dashboard";
    }

    /**
     * Puts the going-cold list for these filters in the model: one row more than shown is asked for, to know
     * whether there are more. {@code outOfBand}: the list is sent beside another fragment (after logging a touch).
     */
    public void addList(Model model, Filters filters, boolean outOfBand) {
        Instant at = clock.instant();
        List<GoingColdRow> rows = goingCold.find(new FindGoingCold(
                caller.get().ownerId(),
                filters.statuses(),
                filters.tags(),
                filters.city(),
                Math.min(filters.limit() + 1, io.keepwarm.application.paging.PageLimit.MAX),
                at,
                false));
        boolean more = rows.size() > filters.limit();
        model.addAttribute(
                "rows",
                rows.stream()
                        .limit(filters.limit())
                        .map(row -> DashboardRow.of(row))
                        .toList());
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", GoingColdStatus.values());
        model.addAttribute("more", more ? filters.url(filters.limit() + PAGE) : null);
        model.addAttribute("oob", outOfBand);
        model.addAttribute("today", plans.today(caller.get().ownerId(), at, PLAN));
    }
}
