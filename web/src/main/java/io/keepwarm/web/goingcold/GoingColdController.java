package io.keepwarm.web.goingcold;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdPage;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.reports.ReportCsv;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.reports.ReportsController;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryInstants;
import io.keepwarm.web.support.QueryLists;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The going-cold view: who needs a touch, coldest first. */
@RestController
public class GoingColdController {

    /**
     * One page of the view at one instant: {@code nextCursor} continues it (null on the last page; every page of one
     * listing is evaluated at the first page's {@code at}), {@code total} counts the rows matching in all pages.
     */
    public record GoingColdResponse(Instant at, List<GoingColdRow> items, String nextCursor, long total) {}

    static final List<String> CSV_HEADER = ReportCsv.concat(List.of("at"), ReportCsv.ROW_HEADER);

    private final GoingColdQueries queries;
    private final CurrentCaller caller;
    private final Clock clock;

    public GoingColdController(GoingColdQueries queries, CurrentCaller caller, Clock clock) {
        this.queries = queries;
        this.caller = caller;
        this.clock = clock;
    }

    /** JSON, or CSV (formula-safe cells, one row per item with the instant first) for {@code Accept: text/csv}. */
    @GetMapping("/api/going-cold")
    public ResponseEntity<?> goingCold(
            @RequestParam(required = false) String[] status,
            @RequestParam(required = false) String[] tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant at,
            @RequestParam(defaultValue = "false") boolean includeSnoozed,
            @RequestParam(required = false) String cursor,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        boolean csv = ReportsController.wantsCsv(accept);
        Instant when = at == null ? clock.instant() : QueryInstants.checked("at", at);
        FindGoingCold query = new FindGoingCold(
                caller.get().ownerId(),
                statuses(QueryLists.items("status", status)),
                QueryLists.items("tag", tag),
                city,
                Paging.limit(limit, FindGoingCold.DEFAULT_LIMIT),
                when,
                includeSnoozed);
        GoingColdPage page = queries.page(query, cursor);
        GoingColdResponse response = new GoingColdResponse(page.at(), page.items(), page.nextCursor(), page.total());
        if (csv) {
            String body = ReportCsv.write(CSV_HEADER, printer -> {
                for (GoingColdRow row : response.items()) {
                    List<Object> values = new ArrayList<>(List.of(response.at()));
                    values.addAll(ReportCsv.values(row));
                    printer.printRecord(values);
                }
            });
            return ResponseEntity.ok().contentType(ReportsController.CSV).body(body.getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    /** The statuses asked for (default DUE_SOON, OVERDUE, COLD); an unknown one is a 400 naming {@code status}. */
    static Set<GoingColdStatus> statuses(List<String> names) {
        if (names == null) {
            return FindGoingCold.DEFAULT_STATUSES;
        }
        Set<GoingColdStatus> statuses = EnumSet.noneOf(GoingColdStatus.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            try {
                statuses.add(GoingColdStatus.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw InvalidRequest.of(
                    "status", "unknown status " + unknown + "; use a comma list of WARM, DUE_SOON, OVERDUE, COLD");
        }
        return statuses;
    }
}
