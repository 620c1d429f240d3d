package io.keepwarm.web.pages.dashboard;

import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.paging.PageLimit;
import io.keepwarm.domain.contact.GoingColdStatus;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The going-cold list's filters as the dashboard's form sends them (and the log-a-touch form repeats, so that the
 * list it refreshes keeps them); anything unreadable falls back to the default.
 */
public record DashboardFilters(Set<GoingColdStatus> statuses, String tag, String city, int limit) {

    /** Rows shown at first, and added by each "Show more". */
    public static final int PAGE = 25;

    public static DashboardFilters of(List<String> status, String tag, String city, Integer limit) {
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
        int shown = limit == null ? PAGE : Math.max(1, Math.min(limit, PageLimit.MAX));
        return new DashboardFilters(statuses, blankToNull(tag), blankToNull(city), shown);
    }

    public List<String> tags() {
        return tag == null
                ? null
                : Arrays.stream(tag.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
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
