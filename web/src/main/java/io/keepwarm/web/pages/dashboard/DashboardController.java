package io.keepwarm.web.pages.dashboard;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.web.pages.Htmx;
import io.keepwarm.web.pages.interaction.LogInteractionForm;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: today's plan (as {@code GET /api/today}), then who is going cold, coldest first, from the same
 * going-cold query as {@code GET /api/going-cold} ({@link GoingColdPanel}), with the form to log a touch beside it.
 * Filters and "show more" re-render only the list (htmx); without JavaScript the same links and forms load the
 * whole page.
 */
@Controller
public class DashboardController {

    private final GoingColdPanel panel;
    private final Settings settings;
    private final CurrentCaller caller;
    private final Clock clock;

    public DashboardController(GoingColdPanel panel, Settings settings, CurrentCaller caller, Clock clock) {
        this.panel = panel;
        this.settings = settings;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/")
    String dashboard(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest request,
            Model model) {
        panel.addTo(model, DashboardFilters.of(status, tag, city, limit), false);
        if (Htmx.isHtmx(request) && "going-cold".equals(request.getHeader("HX-Target"))) {
            return "pages/dashboard/dashboard :: list";
        }
        model.addAttribute(
                "form",
                LogInteractionForm.blank(
                        clock.instant(), settings.of(caller.get().ownerId()).timeZone()));
        return "pages/dashboard/dashboard";
    }
}
