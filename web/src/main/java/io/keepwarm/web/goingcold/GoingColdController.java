package io.keepwarm.web.goingcold;

import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.domain.contact.GoingColdStatus;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryInstants;
import io.keepwarm.web.support.QueryLists;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The going-cold view: who needs a touch, coldest first. */
@RestController
public class GoingColdController {

    /** The view at one instant. */
    public record GoingColdResponse(Instant at, List<GoingColdRow> items) {}

    private final GoingColdQueries queries;
    private final CurrentCaller caller;
    private final Clock clock;

    public GoingColdController(GoingColdQueries queries, CurrentCaller caller, Clock clock) {
        this.queries = queries;
        this.caller = caller;
        this.clock = clock;
    }

    @GetMapping("/api/going-cold")
    public GoingColdResponse goingCold(
            @RequestParam(required = false) String[] status,
            @RequestParam(required = false) String[] tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant at,
            @RequestParam(defaultValue = "false") boolean includeSnoozed) {
        Instant when = at == null ? clock.instant() : QueryInstants.checked("at", at);
        FindGoingCold query = new FindGoingCold(
                caller.get().ownerId(),
                statuses(QueryLists.items("status", status)),
                tags(QueryLists.items("tag", tag)),
                city,
                Paging.limit(limit, FindGoingCold.DEFAULT_LIMIT),
                when,
                includeSnoozed);
        return new GoingColdResponse(when, queries.find(query));
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

    /** Tags are stored in lower case, so they are matched so; several tags all must be on a row (AND). */
    static List<String> tags(List<String> tags) {
        return tags == null
                ? null
                : tags.stream()
                        .map(tag -> tag.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
    }
}
