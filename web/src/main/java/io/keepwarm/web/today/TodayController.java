package io.keepwarm.web.today;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.today.TodayView;
import io.keepwarm.application.today.TodaysPlans;
import io.keepwarm.domain.contact.TodaysPlan;
import io.keepwarm.web.reports.ReportsController;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryInstants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Today's plan (SPEC §9): whom to touch today and why. JSON, or CSV for {@code Accept: text/csv}. {@code at}
 * (default now), like the going-cold view's, asks for the plan of another instant ("and tomorrow?").
 */
@RestController
public class TodayController {

    private final TodaysPlans plans;
    private final CurrentCaller caller;
    private final Clock clock;

    public TodayController(TodaysPlans plans, CurrentCaller caller, Clock clock) {
        this.plans = plans;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/api/today")
    public ResponseEntity<?> today(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant at,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        boolean csv = ReportsController.wantsCsv(accept);
        TodayView view = plans.today(
                caller.get().ownerId(),
                at == null ? clock.instant() : QueryInstants.checked("at", at),
                Paging.limit(limit, TodaysPlan.DEFAULT_LIMIT));
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(ReportsController.CSV)
                    .body(TodaysPlans.csv(view).getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
    }
}
