package io.keepwarm.application.today;

import io.keepwarm.application.goingcold.FindGoingCold;
import io.keepwarm.application.goingcold.GoingColdQueries;
import io.keepwarm.application.goingcold.GoingColdRow;
import io.keepwarm.application.reports.ReportCsv;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.application.settings.Settings;
import io.keepwarm.domain.contact.TodaysPlan;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Today's plan (SPEC §9): the going-cold view as {@link GoingColdQueries} answers it (so the rows are assessed by
 * the one set of rules, with the account's reachable hours), each row's organization from the contact list, and
 * {@link TodaysPlan} to choose, order and explain.
 */
@Service
public class TodaysPlans {

    /** How many of the coldest rows the plan chooses from, per row wanted. */
    static final int CANDIDATES_PER_ROW = 20;

    static final int MIN_CANDIDATES = 100;

    private final GoingColdQueries goingCold;
    private final Settings settings;
    private final JdbcTemplate jdbc;

    public TodaysPlans(GoingColdQueries goingCold, Settings settings, JdbcTemplate jdbc) {
        this.goingCold = goingCold;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    public TodayView today(OwnerId owner, Instant at, int limit) {
        AccountSettings account = settings.of(owner);
        int candidates = Math.min(
                io.keepwarm.application.paging.PageLimit.MAX, Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_ROW));
        List<GoingColdRow> rows = goingCold.find(
                new FindGoingCold(owner, FindGoingCold.DEFAULT_STATUSES, null, null, candidates, at, false));
        Map<UUID, String> organizations = organizations(owner, rows);
        Map<UUID, GoingColdRow> byId =
                rows.stream().collect(Collectors.toMap(GoingColdRow::contactId, Function.identity()));
        List<TodaysPlan.Candidate> input = rows.stream()
                .map(row -> new TodaysPlan.Candidate(
                        row.contactId(),
                        row.displayName(),
                        organizations.get(row.contactId()),
                        row.city(),
                        row.timeZone() == null ? null : ZoneId.of(row.timeZone()),
                        row.cadenceDays(),
                        row.lastInteractionAt(),
                        row.ratio(),
                        row.status(),
                        row.asks(),
                        row.gives()))
                .toList();
        List<TodaysPlan.Item> plan = TodaysPlan.plan(input, at, account.timeZone(), account.reachable(), limit);
        List<TodayRow> items = new ArrayList<>();
        for (TodaysPlan.Item item : plan) {
            GoingColdRow row = byId.get(item.contact().contactId());
            items.add(new TodayRow(
                    items.size() + 1,
                    row.contactId(),
                    row.displayName(),
                    item.contact().organization(),
                    row.city(),
                    row.timeZone(),
                    row.cadenceDays(),
                    row.lastInteractionAt(),
                    row.dueAt(),
                    row.ratio(),
                    row.status(),
                    row.warmth(),
                    row.asks(),
                    row.gives(),
                    row.balance(),
                    row.localTime(),
                    row.reachableNow(),
                    item.reachableToday(),
                    item.touch(),
                    item.reason()));
        }
        return new TodayView(
                at,
                at.atZone(account.timeZone()).toLocalDate(),
                account.timeZone().getId(),
                items);
    }

    private Map<UUID, String> organizations(OwnerId owner, List<GoingColdRow> rows) {
        Map<UUID, String> organizations = new HashMap<>();
        if (rows.isEmpty()) {
            return organizations;
        }
        jdbc.query(
                """
                SELECT contact_id, organization FROM contact_view
                WHERE owner_id = ? AND contact_id = ANY (?) AND NOT forgotten""",
                rs -> {
                    organizations.put(rs.getObject("contact_id", UUID.class), rs.getString("organization"));
                },
                owner.value(),
                rows.stream().map(GoingColdRow::contactId).toArray(UUID[]::new));
        return organizations;
    }

    public static final List<String> CSV_HEADER = List.of(
            "rank",
            "contactId",
            "displayName",
            "organization",
            "city",
            "timeZone",
            "cadenceDays",
            "lastInteractionAt",
            "dueAt",
            "ratio",
            "status",
            "warmth",
            "asks",
            "gives",
            "balance",
            "localTime",
            "reachableNow",
            "reachableToday",
            "suggestedTouch",
            "reason");

    /** The plan as CSV, formula-safe like every CSV keepwarm writes. */
    public static String csv(TodayView view) {
        return ReportCsv.write(CSV_HEADER, printer -> {
            for (TodayRow row : view.items()) {
                printer.printRecord(java.util.Arrays.asList(
                        row.rank(),
                        row.contactId(),
                        row.displayName(),
                        row.organization(),
                        row.city(),
                        row.timeZone(),
                        row.cadenceDays(),
                        row.lastInteractionAt(),
                        row.dueAt(),
                        row.ratio().toPlainString(),
                        row.status(),
                        row.warmth(),
                        row.asks(),
                        row.gives(),
                        row.balance(),
                        row.localTime() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.localTime()),
                        row.reachableNow(),
                        row.reachableToday(),
                        row.suggestedTouch(),
                        row.reason()));
            }
        });
    }
}
