package io.keepwarm.bench;

import io.keepwarm.application.goingcold.FindGoingCold;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 3b, the dashboard (issue 15): p50/p99 of {@code GET /} — the page a signed-in person opens: today's
 * plan and the first 25 of the going-cold list, rendered by Thymeleaf — for the owner of scenario 3 (10,000 of
 * 1,000,000 contacts), beside {@code GET /api/going-cold} for the same owner, at the same 8 clients, in the same
 * run: each run measures the page, then the API, then the API asked for the page's 25 rows. The bench signs in to
 * the pages once, as a browser does, and every client sends that session cookie; the API clients send the token.
 * Goal: the page's p99 within 2× the API's.
 */
final class DashboardScenario {

    static final int CLIENTS = GoingColdReadScenario.CLIENTS;

    /** The rows the dashboard shows at first ({@code DashboardFilters.PAGE}, which the bench cannot see: web). */
    static final int PAGE_ROWS = 25;

    private DashboardScenario() {}

    static void run(Bench bench, ServerProcess server, MemorySampler memory, Api.User reader, int ownerContacts)
            throws Exception {
        Api api = new Api(server);
        String session = api.signIn(reader.token());
        HttpResponse<String> probe = api.page(session, "/");
        int rows = count(probe.body(), "class=\"row status-");
        if (probe.statusCode() != 200 || rows != PAGE_ROWS || !probe.body().contains("id=\"today\"")) {
            throw new IllegalStateException("dashboard probe: " + probe.statusCode() + ", " + rows + " rows");
        }
        System.out.printf(
                "dashboard: %d rows and today's plan, %,d bytes of HTML; the API's answer: %d rows (default), %d%n",
                rows, probe.body().length(), FindGoingCold.DEFAULT_LIMIT, PAGE_ROWS);
        Duration warmup = bench.sizes().warmup();
        pages(api, session, warmup);
        apiRun(api, reader, "/api/going-cold", warmup);
        List<Double> pageP50 = new ArrayList<>();
        List<Double> pageP99 = new ArrayList<>();
        List<Double> apiP50 = new ArrayList<>();
        List<Double> apiP99 = new ArrayList<>();
        List<Double> api25P50 = new ArrayList<>();
        List<Double> api25P99 = new ArrayList<>();
        memory.startWindow();
        for (int run = 0; run < bench.sizes().runs(); run++) {
            Load.Result page = pages(api, session, bench.sizes().loadRun());
            Load.Result json =
                    apiRun(api, reader, "/api/going-cold", bench.sizes().loadRun());
            Load.Result json25 = apiRun(
                    api,
                    reader,
                    "/api/going-cold?limit=" + PAGE_ROWS,
                    bench.sizes().loadRun());
            for (Load.Result result : List.of(page, json, json25)) {
                if (result.errors() > 0) {
                    throw new IllegalStateException(result.errors() + " failed requests in the dashboard scenario");
                }
            }
            pageP50.add(page.p50Millis());
            pageP99.add(page.p99Millis());
            apiP50.add(json.p50Millis());
            apiP99.add(json.p99Millis());
            api25P50.add(json25.p50Millis());
            api25P99.add(json25.p99Millis());
            System.out.printf(
                    "  run %d: dashboard p50 %.1f ms, p99 %.1f ms, %.0f pages/s; API p50 %.1f ms, p99 %.1f ms, %.0f"
                            + " req/s; API limit=%d p50 %.1f ms, p99 %.1f ms%n",
                    run + 1,
                    page.p50Millis(),
                    page.p99Millis(),
                    page.perSecond(),
                    json.p50Millis(),
                    json.p99Millis(),
                    json.perSecond(),
                    PAGE_ROWS,
                    json25.p50Millis(),
                    json25.p99Millis());
        }
        MemorySampler.Peak peak = memory.endWindow();
        String size = ownerContacts + " contacts, " + CLIENTS + " clients";
        String ceiling = "GET /api/going-cold (100 rows), same owner, same run";
        bench.results()
                .add(new Results.Figure(
                        "3b. dashboard",
                        "p99 of GET / (today's plan + 25 rows, HTML), " + size,
                        "ms",
                        Stats.Spread.of(pageP99),
                        ceiling,
                        Stats.Spread.of(apiP99),
                        Results.Better.LOWER,
                        2.0,
                        null,
                        "p99 ≤ 2× the API's",
                        null));
        bench.results()
                .add(new Results.Figure(
                        "3b. dashboard",
                        "p50 of GET /, " + size,
                        "ms",
                        Stats.Spread.of(pageP50),
                        ceiling,
                        Stats.Spread.of(apiP50),
                        Results.Better.LOWER,
                        null,
                        null,
                        null,
                        null));
        bench.results()
                .add(new Results.Figure(
                        "3b. dashboard",
                        "p99 of GET /, beside the API asked for the same 25 rows",
                        "ms",
                        Stats.Spread.of(pageP99),
                        "GET /api/going-cold?limit=25",
                        Stats.Spread.of(api25P99),
                        Results.Better.LOWER,
                        null,
                        null,
                        null,
                        "p50 of the API at limit=25: "
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%.1f",
                                        Stats.Spread.of(api25P50).median())
                                + " ms"));
        bench.results().memory(new Results.Memory("3b. dashboard", peak, null));
    }

    private static int count(String html, String needle) {
        int n = 0;
        for (int at = html.indexOf(needle); at >= 0; at = html.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static Load.Result pages(Api api, String session, Duration duration) throws InterruptedException {
        return Load.run(CLIENTS, duration, client -> {
            Api mine = api.fork();
            return (c, i) -> {
                HttpResponse<String> page = mine.page(session, "/");
                return page.statusCode() == 200 && page.body().contains("</html>");
            };
        });
    }

    private static Load.Result apiRun(Api api, Api.User reader, String path, Duration duration)
            throws InterruptedException {
        return Load.run(CLIENTS, duration, client -> {
            Api mine = api.fork();
            return (c, i) -> mine.get(reader.token(), path).statusCode() == 200;
        });
    }
}
