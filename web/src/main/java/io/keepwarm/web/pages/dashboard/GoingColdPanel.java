package io.keepwarm.web.pages.dashboard;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.paging.PageLimit;
import io.keepwarm.application.today.TodaysPlans;
import io.keepwarm.domain.contact.GoingColdStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the dashboard's list and plan show, put in a page's model: the dashboard renders it, and logging a touch
 * sends it again beside the fresh form (out of band) so the list updates without a reload. One place, so the two
 * pages cannot drift apart, and no page controller calls another.
 */
@Component
public class GoingColdPanel {

    /** How many people today's plan suggests on the dashboard. */
    static final int PLAN = 5;

    private final GoingColdQueries goingCold;
    private final TodaysPlans plans;
    private final CurrentCaller caller;
    private final Clock clock;

    public GoingColdPanel(GoingColdQueries goingCold, TodaysPlans plans, CurrentCaller caller, Clock clock) {
        this.goingCold = goingCold;
        this.plans = plans;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Puts the going-cold list for these filters and today's plan in the model: one row more than shown is asked
     * for, to know whether there are more. {@code outOfBand}: the list is sent beside another fragment.
     */
    public void addTo(Model model, DashboardFilters filters, boolean outOfBand) {
        Instant at = clock.instant();
        List<GoingColdRow> rows = goingCold.find(new FindGoingCold(
                caller.get().ownerId(),
                filters.statuses(),
                filters.tags(),
                filters.city(),
                Math.min(filters.limit() + 1, PageLimit.MAX),
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
        model.addAttribute("more", more ? filters.url(filters.limit() + DashboardFilters.PAGE) : null);
        model.addAttribute("oob", outOfBand);
        model.addAttribute("today", plans.today(caller.get().ownerId(), at, PLAN));
    }
}
