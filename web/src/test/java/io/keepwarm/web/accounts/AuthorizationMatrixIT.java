package io.keepwarm.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the application maps (read from its own {@link RequestMappingHandlerMapping}, so a new
 * endpoint cannot be forgotten) as anonymous, as owner A, as owner B on A's resources and as an admin.
 *
 * <p><b>Adding an endpoint:</b> add one row to {@link #MATRIX}, keyed {@code "METHOD /path/{pattern}"} exactly
 * as mapped, saying how its owner calls it (body, query) and which status the owner gets. Everything else
 * follows from the default rules, which no row can loosen:
 * <ul>
 *   <li>anonymous → 401 on every {@code /api/**} endpoint;</li>
 *   <li>a USER on {@code /api/admin/**} → 403; an admin gets the row's status there;</li>
 *   <li>a row whose path or body names one of A's contacts, interactions or tokens ({@link #VARIABLES},
 *       {@code {contactId}} …) is owner-scoped: B and an admin get 404, with the very problem body a random
 *       id gets, and nothing is appended;</li>
 *   <li>any other row: B and an admin get the owner's status for their own data, and their answers hold none
 *       of A's ids or names;</li>
 *   <li>A on its own resources gets the row's status (each row runs on fresh data of A's).</li>
 * </ul>
 * A path variable needs a rule in {@link #VARIABLES}. Rows marked {@code planned()} are endpoints SPEC §3
 * promises that are built elsewhere: they are checked as soon as they are mapped.
 */
class AuthorizationMatrixIT extends IntegrationTest {

    /** What a path variable stands for, by the path up to and including it. */
    private static final Map<String, Variable> VARIABLES = Map.of(
            "/api/contacts/{id}", Variable.CONTACT,
            "/api/interactions/{id}", Variable.INTERACTION,
            "/api/me/tokens/{id}", Variable.TOKEN,
            "/api/admin/users/{id}", Variable.USER,
            "/api/admin/projections/{name}", Variable.PROJECTION,
            "/api/imports/{id}", Variable.IMPORT);

    /** A one-card vCard file: what an owner imports (the dry run's plan is the answer). */
    private static final String IMPORTED_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Matrix Card\r\nEND:VCARD\r\n";

    private static final String INTERACTION = """
            {"contactIds":["{contactId}"],"occurredAt":"%s","channel":"CALL","initiatedBy":"ME","note":"matrix"}""";

    /** Every endpoint, and what its owner (or, under /api/admin, an admin) gets when calling it properly. */
    private static final Map<String, Row> MATRIX = table(
            row("GET /api/me").expect(200),
            row("POST /api/me/tokens").json("{\"name\":\"matrix\"}").expect(201),
            row("GET /api/me/tokens").expect(200),
            row("DELETE /api/me/tokens/{id}").expect(204),
            row("GET /api/me/settings").expect(200),
            row("PATCH /api/me/settings")
                    .mergePatch("{\"timeZone\":\"Europe/Paris\",\"reachableDays\":[\"MONDAY\"]}")
                    .expect(200),
            row("GET /api/me/settings/history").expect(200),
            row("GET /api/today").query("limit=10").expect(200),
            row("POST /api/me/calendar").expect(201),
            row("DELETE /api/me/calendar")
                    .given((owner, f) -> owner.post("/api/me/calendar", null))
                    .expect(204),
            row("POST /api/contacts")
                    .json("{\"displayName\":\"Matrix Added\",\"tags\":[\"matrix\"]}")
                    .expect(201),
            row("GET /api/contacts").query("limit=200").expect(200),
            row("GET /api/contacts/{id}").expect(200),
            row("PATCH /api/contacts/{id}").mergePatch("{\"city\":\"Lyon\"}").expect(200),
            row("PUT /api/contacts/{id}/cadence").json("{\"everyDays\":60}").expect(200),
            row("DELETE /api/contacts/{id}/cadence").expect(204),
            row("POST /api/contacts/{id}/snooze")
                    .json("{\"until\":\"2099-01-01T00:00:00Z\"}")
                    .expect(200),
            row("DELETE /api/contacts/{id}/snooze")
                    .given((owner, f) -> owner.post(
                            "/api/contacts/" + f.contactId() + "/snooze", Map.of("until", "2099-01-01T00:00:00Z")))
                    .expect(204),
            row("POST /api/contacts/{id}/archive").expect(200),
            row("POST /api/contacts/{id}/restore")
                    .given((owner, f) -> owner.post("/api/contacts/" + f.contactId() + "/archive", null))
                    .expect(200),
            row("GET /api/contacts/{id}/history").expect(200),
            row("GET /api/contacts/{id}/export").expect(200),
            row("GET /api/contacts/{id}/interactions").expect(200),
            row("DELETE /api/contacts/{id}").expect(204),
            row("POST /api/interactions")
                    .json(INTERACTION.formatted("2024-05-01T10:00:00Z"))
                    .expect(201),
            row("GET /api/interactions/{id}").expect(200),
            row("PATCH /api/interactions/{id}")
                    .mergePatch("{\"note\":\"corrected\"}")
                    .expect(204),
            row("DELETE /api/interactions/{id}")
                    .query("reason=logged+by+mistake")
                    .expect(204),
            row("GET /api/history").query("limit=500").expect(200),
            row("POST /api/imports").text(IMPORTED_CARD, "text/vcard").expect(200),
            row("GET /api/imports/{id}").expect(200),
            // the account as a zip (Api reads its entries as text, so B's and the admin's answers are searched)
            row("GET /api/export").expect(200),
            row("GET /api/going-cold")
                    .query("status=WARM,DUE_SOON,OVERDUE,COLD")
                    .expect(200),
            row("GET /api/reports/network").query("asOf=2026-01-01T00:00:00Z").expect(200),
            row("GET /api/reports/activity")
                    .query("from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&groupBy=month")
                    .expect(200),
            row("POST /api/admin/users")
                    .json("{\"username\":\"{unique}\",\"role\":\"USER\"}")
                    .expect(201),
            row("GET /api/admin/users").expect(200),
            row("GET /api/admin/digests").expect(200),
            row("GET /api/admin/users/{id}").expect(200),
            row("POST /api/admin/users/{id}/disable").expect(204),
            row("POST /api/admin/users/{id}/enable").expect(204),
            row("DELETE /api/admin/users/{id}").expect(204),
            row("GET /api/admin/audit").expect(200),
            row("GET /api/admin/projections").expect(200).planned(),
            row("GET /api/admin/projections/{name}").expect(200).planned(),
            row("POST /api/admin/projections/{name}/rebuild").expect(202).planned(),
            row("DELETE /api/admin/projections/{name}/rebuild")
                    .given((admin, f) -> admin.post("/api/admin/projections/going-cold/rebuild", null))
                    .expect2xxOr(404),
            row("GET /api/admin/projections/{name}/dead-letters").expect(200).planned(),
            row("POST /api/admin/projections/{name}/dead-letters/retry")
                    .expect2xx()
                    .planned());

    /**
     * Mappings outside {@code /api/**}, and why they may exist: the security configuration denies any path it
     * does not name, so a new one here is a deliberate decision.
     */
    private static final Map<String, String> OUTSIDE_API = Map.of(
            "ANY /error",
            "Spring Boot's error page, reached only by the container's own error dispatch",
            "GET /v3/api-docs",
            "the OpenAPI description, open like the API's documentation",
            "GET /v3/api-docs.yaml",
            "the OpenAPI description in YAML",
            "GET /v3/api-docs/swagger-config",
            "Swagger UI's configuration",
            "GET /swagger-ui.html",
            "Swagger UI, redirects to its static page",
            "GET /calendar/{secret}.ics",
            "the calendar feed (SPEC §9): calendar apps send no bearer token, so the secret in the path is the "
                    + "credential (stored hashed, revocable; unknown or revoked is 404), CalendarFeedIT");

    /**
     * The pages (docs/pages.md), outside {@code /api}: they need a session from {@code /signin} rather than a bearer
     * token. Anonymous, every one but the sign-in and refusal pages sends the browser to sign in and changes
     * nothing; under {@code /admin} a USER is refused (403). Their data is the caller's own, through the same
     * application services (PagesIT).
     */
    private static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("GET /signin", "the sign-in form, open"),
            Map.entry("POST /signin", "signing in with a token, open (CSRF and the failed-attempt limit apply)"),
            Map.entry("ANY /forbidden", "the refusal page the pages' security chain forwards to, open"),
            Map.entry("GET /", "the dashboard"),
            Map.entry("GET /contacts", "the contact list"),
            Map.entry("GET /contacts/{id}", "a contact and its timeline"),
            Map.entry("POST /contacts/{id}/cadence", "set a cadence"),
            Map.entry("POST /contacts/{id}/cadence/clear", "stop tracking"),
            Map.entry("POST /contacts/{id}/snooze", "snooze"),
            Map.entry("POST /contacts/{id}/wake", "wake"),
            Map.entry("POST /contacts/{id}/archive", "archive"),
            Map.entry("POST /contacts/{id}/restore", "restore"),
            Map.entry("GET /contacts/{id}/forget", "the confirmation before forgetting"),
            Map.entry("POST /contacts/{id}/forget", "forget"),
            Map.entry("GET /interactions/new", "the log-a-touch page"),
            Map.entry("GET /interactions/picker", "the people picker fragment"),
            Map.entry("POST /interactions", "log a touch"),
            Map.entry("GET /imports", "the imports page: upload a file"),
            Map.entry("POST /imports", "upload a file: the dry run's plan (appends nothing)"),
            Map.entry("POST /imports/confirm", "confirm the plan waiting in the session: the import job"),
            Map.entry("GET /imports/{id}", "an import job's progress and report (another owner's: 404)"),
            Map.entry("GET /imports/{id}/progress", "the progress fragment htmx polls"),
            Map.entry("GET /reports", "the reports"),
            Map.entry("GET /settings", "the account's settings"),
            Map.entry("POST /settings", "change the settings"),
            Map.entry("GET /admin/users", "users, admin only"),
            Map.entry("POST /admin/users", "create a user, admin only"),
            Map.entry("POST /admin/users/{id}/disable", "disable a user, admin only"),
            Map.entry("POST /admin/users/{id}/enable", "enable a user, admin only"),
            Map.entry("GET /admin/projections", "projections, admin only"),
            Map.entry("GET /admin/projections/{name}/row", "one projection's row (polled), admin only"),
            Map.entry("POST /admin/projections/{name}/rebuild", "rebuild, admin only"),
            Map.entry("POST /admin/projections/{name}/rebuild/cancel", "cancel a rebuild, admin only"),
            Map.entry("GET /admin/projections/{name}/dead-letters", "dead letters, admin only"),
            Map.entry("POST /admin/projections/{name}/dead-letters/retry", "retry dead letters, admin only"));

    private static final java.util.Set<String> OPEN_PAGES =
            java.util.Set.of("GET /signin", "POST /signin", "ANY /forbidden");

    @Test
    void every_page_sends_an_anonymous_browser_to_sign_in_and_refuses_a_user_the_admin_pages() {
        Set<String> mapped = endpoints();
        List<String> pages = mapped.stream().filter(PAGES::containsKey).toList();
        assertThat(pages).hasSize(PAGES.size());
        Api user = newOwner();
        String userSession = io.keepwarm.web.testsupport.PagesSession.signIn(port, user.token());
        long events = eventCount();
        SoftAssertions soft = new SoftAssertions();
        for (String key : pages) {
            if (OPEN_PAGES.contains(key)) {
                continue;
            }
            String method = key.substring(0, key.indexOf(' '));
            String path = key.substring(key.indexOf(' ') + 1)
                    .replace("{id}", java.util.UUID.randomUUID().toString())
                    .replace("{name}", "going-cold");
            Api.Response anonymous = api.send(method, path, null, null);
            if (method.equals("GET")) {
                soft.assertThat(anonymous.status()).as("anonymous %s", key).isEqualTo(302);
                soft.assertThat(anonymous.header("Location"))
                        .as("anonymous %s", key)
                        .endsWith("/signin");
            } else {
                // no session, so no CSRF token either: refused before anything runs
                soft.assertThat(anonymous.status()).as("anonymous %s", key).isIn(302, 403);
            }
            if (path.startsWith("/admin/")) {
                Api.Response refused = io.keepwarm.web.testsupport.PagesSession.send(port, userSession, method, path);
                soft.assertThat(refused.status()).as("a USER on %s", key).isEqualTo(403);
            }
        }
        soft.assertAll();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void every_mapped_endpoint_has_a_row_in_the_matrix() {
        Set<String> mapped = endpoints();
        List<String> missing = mapped.stream()
                .filter(key -> !MATRIX.containsKey(key) && !OUTSIDE_API.containsKey(key) && !PAGES.containsKey(key))
                .toList();
        List<String> stale = MATRIX.values().stream()
                .filter(row -> !row.plannedElsewhere() && !mapped.contains(row.key()))
                .map(Row::key)
                .toList();
        List<String> unresolved = mapped.stream()
                .filter(MATRIX::containsKey)
                .flatMap(key -> variablesOf(key).stream()
                        .filter(v -> variable(key, v) == null)
                        .map(v -> key + " (variable {" + v + "})"))
                .toList();
        assertThat(missing)
                .as(
                        "endpoints with no row in AuthorizationMatrixIT.MATRIX (outside /api: OUTSIDE_API, pages: PAGES); add one, "
                                + "e.g. row(\"POST /api/things\").json(\"{...}\").expect(201)")
                .isEmpty();
        assertThat(stale)
                .as("rows of AuthorizationMatrixIT.MATRIX whose endpoint is no longer mapped")
                .isEmpty();
        assertThat(unresolved)
                .as("path variables with no rule in AuthorizationMatrixIT.VARIABLES")
                .isEmpty();
        assertThat(mapped)
                .as("the matrix must see the API's own mappings")
                .contains("GET /api/me", "GET /api/contacts");
    }

    @Test
    void anonymous_gets_401_on_every_api_endpoint_and_changes_nothing() {
        Api owner = newOwner();
        Fixture fixture = Fixture.of(owner, admin());
        long events = eventCount();
        SoftAssertions soft = new SoftAssertions();
        for (Row row : mappedRows()) {
            Api.Response response = row.call(api, fixture, Map.of());
            soft.assertThat(response.status()).as("anonymous %s", row.key()).isEqualTo(401);
            soft.assertThat(response.header("Content-Type"))
                    .as("anonymous %s", row.key())
                    .startsWith("application/problem+json");
            soft.assertThat(response.header("WWW-Authenticate"))
                    .as("anonymous %s", row.key())
                    .startsWith("Bearer");
        }
        soft.assertAll();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_user_gets_403_on_every_admin_endpoint_and_changes_nothing() {
        Api user = newOwner();
        Fixture fixture = Fixture.of(user, admin());
        long events = eventCount();
        List<Row> adminRows = mappedRows().stream().filter(Row::admin).toList();
        assertThat(adminRows).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        for (Row row : adminRows) {
            Api.Response response = row.call(user, fixture, Map.of());
            soft.assertThat(response.status()).as("USER %s", row.key()).isEqualTo(403);
            soft.assertThat(response.header("Content-Type"))
                    .as("USER %s", row.key())
                    .startsWith("application/problem+json");
        }
        soft.assertAll();
        assertThat(eventCount()).isEqualTo(events);
        assertThat(admin().get("/api/admin/users/" + fixture.userId())
                        .json()
                        .get("disabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void another_owner_and_an_admin_cannot_see_or_touch_owner_a_s_data() {
        Api ownerA = newOwner();
        Api ownerB = newOwner();
        Api anAdmin = newUser("ADMIN");
        Fixture a = Fixture.of(ownerA, admin());
        String before = snapshot(ownerA, a);
        long eventsOfA = eventsOf(a);
        List<Row> ownerRows = mappedRows().stream().filter(row -> !row.admin()).toList();

        SoftAssertions soft = new SoftAssertions();
        long events = eventCount();
        for (Row row : ownerRows.stream().filter(Row::ownerScoped).toList()) {
            for (var caller : Map.of("B", ownerB, "admin", anAdmin).entrySet()) {
                Map<String, String> randomIds = row.randomIds();
                Api.Response onA = row.call(caller.getValue(), a, Map.of());
                Api.Response onMissing = row.call(caller.getValue(), a, randomIds);
                String who = caller.getKey() + " " + row.key();
                soft.assertThat(onA.status()).as("%s on A's resource", who).isEqualTo(404);
                soft.assertThat(onMissing.status()).as("%s on a random id", who).isEqualTo(404);
                soft.assertThat(onA.header("Content-Type")).as(who).isEqualTo(onMissing.header("Content-Type"));
                soft.assertThat(normalised(onA.body(), a.ownedIds()))
                        .as("%s: A's resource must be answered exactly like a missing one", who)
                        .isEqualTo(normalised(onMissing.body(), randomIds.values()));
                soft.assertThat(headerNames(onA)).as(who).isEqualTo(headerNames(onMissing));
            }
        }
        soft.assertThat(eventCount())
                .as("events appended by B's and the admin's attempts on A's resources")
                .isEqualTo(events);

        for (Row row : ownerRows.stream().filter(row -> !row.ownerScoped()).toList()) {
            for (var caller : Map.of("B", ownerB, "admin", anAdmin).entrySet()) {
                Api.Response response = row.call(caller.getValue(), Fixture.none(), Map.of());
                String who = caller.getKey() + " " + row.key();
                soft.assertThat(row.accepts(response.status()))
                        .as("%s on its own data: %s", who, response)
                        .isTrue();
                for (String secret : a.markers()) {
                    soft.assertThat(response.body())
                            .as("%s must hold nothing of A's", who)
                            .doesNotContain(secret);
                }
            }
        }
        soft.assertAll();

        assertThat(snapshot(ownerA, a))
                .as("A's data after B's and the admin's attempts")
                .isEqualTo(before);
        assertThat(eventsOf(a)).isEqualTo(eventsOfA);
    }

    @Test
    void every_owner_gets_what_the_row_promises_on_its_own_resources() {
        Api owner = newOwner();
        SoftAssertions soft = new SoftAssertions();
        for (Row row : mappedRows().stream().filter(row -> !row.admin()).toList()) {
            Fixture fixture = Fixture.of(owner, admin());
            row.prepare(owner, fixture);
            Api.Response response = row.call(owner, fixture, Map.of());
            soft.assertThat(row.accepts(response.status()))
                    .as("owner %s: %s", row.key(), response)
                    .isTrue();
        }
        soft.assertAll();
    }

    @Test
    void an_admin_gets_what_the_row_promises_on_every_admin_endpoint() {
        Api anAdmin = newUser("ADMIN");
        SoftAssertions soft = new SoftAssertions();
        for (Row row : mappedRows().stream().filter(Row::admin).toList()) {
            Fixture fixture = Fixture.of(newOwner(), admin());
            row.prepare(anAdmin, fixture);
            Api.Response response = row.call(anAdmin, fixture, Map.of());
            soft.assertThat(row.accepts(response.status()))
                    .as("admin %s: %s", row.key(), response)
                    .isTrue();
        }
        soft.assertAll();
    }

    @Test
    void a_stale_if_match_on_another_owners_contact_is_still_a_404_like_a_missing_one() {
        Api ownerA = newOwner();
        Api ownerB = newOwner();
        Fixture a = Fixture.of(ownerA, admin());
        UUID random = UUID.randomUUID();
        var onA = ownerB.with("If-Match", "\"99\"").patch("/api/contacts/" + a.contactId(), Map.of("city", "Oslo"));
        var onMissing = ownerB.with("If-Match", "\"99\"").patch("/api/contacts/" + random, Map.of("city", "Oslo"));
        assertThat(onA.status()).isEqualTo(404);
        assertThat(normalised(onA.body(), List.of(a.contactId().toString())))
                .isEqualTo(normalised(onMissing.body(), List.of(random.toString())));
    }

    @Test
    void an_interaction_id_reused_by_another_owner_neither_reveals_nor_touches_the_first_owners_interaction() {
        Api ownerA = newOwner();
        Api ownerB = newOwner();
        Fixture a = Fixture.of(ownerA, admin());
        String contactOfB = ownerB.post("/api/contacts", Map.of("displayName", "B's friend"))
                .json()
                .get("contactId")
                .asText();
        String before = snapshot(ownerA, a);

        var logged = ownerB.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        a.interactionId().toString(),
                        "contactIds",
                        List.of(contactOfB),
                        "occurredAt",
                        "2024-02-02T10:00:00Z",
                        "channel",
                        "EMAIL",
                        "initiatedBy",
                        "THEM"));
        assertThat(logged.status()).isEqualTo(201);
        assertThat(ownerB.patch("/api/interactions/" + a.interactionId(), Map.of("note", "B's own"))
                        .status())
                .isEqualTo(204);
        assertThat(ownerB.delete("/api/interactions/" + a.interactionId() + "?reason=mine")
                        .status())
                .isEqualTo(204);

        assertThat(snapshot(ownerA, a)).isEqualTo(before);
        assertThat(ownerA.patch("/api/interactions/" + a.interactionId(), Map.of("note", "still A's"))
                        .status())
                .isEqualTo(204);
        assertThat(ownerB.get("/api/contacts/" + contactOfB + "/history").body())
                .doesNotContain("still A's");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Every {@code METHOD /pattern} the application maps; a mapping without methods is {@code ANY}. */
    private Set<String> endpoints() {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    keys.add("ANY " + pattern);
                }
                methods.forEach(method -> keys.add(method.name() + " " + pattern));
            }
        }
        return keys;
    }

    private List<Row> mappedRows() {
        Set<String> mapped = endpoints();
        return MATRIX.values().stream()
                .filter(row -> mapped.contains(row.key()))
                .toList();
    }

    /** What A can see of its own data that does not change with the clock. */
    private static String snapshot(Api owner, Fixture a) {
        Api.Response contact = owner.get("/api/contacts/" + a.contactId());
        assertThat(contact.status()).as("A's contact: %s", contact).isEqualTo(200);
        ObjectNode stable = (ObjectNode) contact.json();
        stable.remove(List.of("ratio", "status", "warmth", "askReady", "localTime", "reachableNow"));
        return String.join(
                "\n",
                stable.toString(),
                contact.header("ETag"),
                owner.get("/api/contacts/" + a.contactId() + "/history?limit=500")
                        .body(),
                owner.get("/api/history?limit=500").body(),
                owner.get("/api/me/tokens").body(),
                owner.get("/api/me").body());
    }

    private long eventsOf(Fixture a) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                a.contactId().toString());
        return count == null ? 0 : count;
    }

    private static String normalised(String body, java.util.Collection<String> ids) {
        String result = body;
        for (String id : ids) {
            result = result.replace(id, "<id>");
        }
        return result;
    }

    private static Set<String> headerNames(Api.Response response) {
        // Per request or per connection (Tomcat closes a connection after 100 requests), not per resource.
        Set<String> volatileHeaders = Set.of("date", "x-request-id", "content-length", "connection", "keep-alive");
        return response.headers().keySet().stream()
                .map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .filter(name -> !volatileHeaders.contains(name) && !name.startsWith(":"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> variablesOf(String key) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(key);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The rule for a path variable: the longest entry of VARIABLES the path up to that variable matches. */
    private static Variable variable(String key, String name) {
        String path = key.substring(key.indexOf(' ') + 1);
        String upTo = path.substring(0, path.indexOf("{" + name + "}") + name.length() + 2);
        return VARIABLES.get(upTo);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** What a path variable or a body placeholder stands for; owner-scoped ones are A's own resources. */
    enum Variable {
        CONTACT("contactId", true),
        INTERACTION("interactionId", true),
        TOKEN("tokenId", true),
        USER("userId", false),
        PROJECTION("projection", false),
        IMPORT("importId", true);

        final String placeholder;
        final boolean ownerScoped;

        Variable(String placeholder, boolean ownerScoped) {
            this.placeholder = placeholder;
            this.ownerScoped = ownerScoped;
        }
    }

    /** Data of one owner to aim at: a tracked contact with an interaction, a second token, a spare user. */
    record Fixture(UUID contactId, UUID interactionId, UUID tokenId, UUID userId, String name, UUID importId) {

        static Fixture of(Api owner, Api admin) {
            String name = "Matrix " + UUID.randomUUID();
            var contact = owner.post(
                    "/api/contacts", Map.of("displayName", name, "city", "Ghent", "tags", List.of("matrix")));
            assertThat(contact.status()).as("fixture contact: %s", contact).isEqualTo(201);
            UUID contactId = UUID.fromString(contact.json().get("contactId").asText());
            assertThat(owner.put("/api/contacts/" + contactId + "/cadence", Map.of("everyDays", 30))
                            .status())
                    .isEqualTo(200);
            var interaction = owner.post(
                    "/api/interactions",
                    Map.of(
                            "contactIds",
                            List.of(contactId.toString()),
                            "occurredAt",
                            Instant.now()
                                    .minus(1, ChronoUnit.DAYS)
                                    .truncatedTo(ChronoUnit.SECONDS)
                                    .toString(),
                            "channel",
                            "VIDEO",
                            "initiatedBy",
                            "MUTUAL",
                            "favor",
                            "GAVE",
                            "note",
                            "note of " + name));
            assertThat(interaction.status())
                    .as("fixture interaction: %s", interaction)
                    .isEqualTo(201);
            var token = owner.post("/api/me/tokens", Map.of("name", "fixture"));
            assertThat(token.status()).as("fixture token: %s", token).isEqualTo(201);
            var spare = admin.post(
                    "/api/admin/users",
                    Map.of("username", "spare" + UUID.randomUUID().toString().substring(0, 12), "role", "USER"));
            assertThat(spare.status()).as("fixture user: %s", spare).isEqualTo(201);
            var imported = owner.send(
                    "POST",
                    "/api/imports?dryRun=false",
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card of " + name + "\r\nEND:VCARD\r\n",
                    "text/vcard");
            assertThat(imported.status()).as("fixture import: %s", imported).isEqualTo(202);
            // the job appends in the background: wait for it, so the rows that count events count only their own
            String job = imported.header("Location");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!owner.get(job).json().get("state").asText().equals("COMPLETED")) {
                assertThat(System.nanoTime()).as("fixture import %s", job).isLessThan(deadline);
                Thread.onSpinWait();
            }
            return new Fixture(
                    contactId,
                    UUID.fromString(interaction.json().get("interactionId").asText()),
                    UUID.fromString(token.json().get("tokenId").asText()),
                    UUID.fromString(spare.json().get("userId").asText()),
                    name,
                    UUID.fromString(imported.json().get("importId").asText()));
        }

        /** For calls that name no resource. */
        static Fixture none() {
            return new Fixture(null, null, null, null, null, null);
        }

        Map<String, String> ids() {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("contactId", String.valueOf(contactId));
            ids.put("interactionId", String.valueOf(interactionId));
            ids.put("tokenId", String.valueOf(tokenId));
            ids.put("userId", String.valueOf(userId));
            ids.put("projection", "going-cold");
            ids.put("importId", String.valueOf(importId));
            return ids;
        }

        /** The ids of A's own resources, as they appear in answers about them. */
        List<String> ownedIds() {
            return List.of(contactId.toString(), interactionId.toString(), tokenId.toString(), importId.toString());
        }

        /** What must never show up in another owner's answers. */
        List<String> markers() {
            return List.of(name, contactId.toString(), interactionId.toString(), tokenId.toString(), "note of " + name);
        }
    }

    /** One endpoint: how it is called properly, and which status that gets. */
    record Row(
            String key,
            String body,
            String contentType,
            String query,
            int expected,
            BiConsumer<Api, Fixture> given,
            boolean plannedElsewhere) {

        String method() {
            return key.substring(0, key.indexOf(' '));
        }

        String pattern() {
            return key.substring(key.indexOf(' ') + 1);
        }

        boolean admin() {
            return pattern().startsWith("/api/admin/");
        }

        /** Names one of A's own resources, in its path or its body. */
        boolean ownerScoped() {
            boolean inPath =
                    variablesOf(key).stream().map(v -> variable(key, v)).anyMatch(v -> v != null && v.ownerScoped);
            boolean inBody = body != null
                    && java.util.Arrays.stream(Variable.values())
                            .anyMatch(v -> v.ownerScoped && body.contains("{" + v.placeholder + "}"));
            return inPath || inBody;
        }

        boolean accepts(int status) {
            if (expected < -1) {
                return status >= 200 && status < 300 || status == -expected;
            }
            return expected == 0 ? status >= 200 && status < 300 : status == expected;
        }

        Row json(String json) {
            return new Row(key, json, "application/json", query, expected, given, plannedElsewhere);
        }

        Row text(String text, String type) {
            return new Row(key, text, type, query, expected, given, plannedElsewhere);
        }

        Row mergePatch(String json) {
            return new Row(key, json, "application/merge-patch+json", query, expected, given, plannedElsewhere);
        }

        Row query(String parameters) {
            return new Row(key, body, contentType, parameters, expected, given, plannedElsewhere);
        }

        Row expect(int status) {
            return new Row(key, body, contentType, query, status, given, plannedElsewhere);
        }

        /** Any 2xx, where SPEC does not fix the status. */
        /** A 2xx, or the given status when the state the call acts on may already have passed (a rebuild ended). */
        Row expect2xxOr(int status) {
            return new Row(key, body, contentType, query, -status, given, plannedElsewhere);
        }

        Row expect2xx() {
            return expect(0);
        }

        /** A step the owner takes first, so the call makes sense (e.g. archive before restore). */
        Row given(BiConsumer<Api, Fixture> step) {
            return new Row(key, body, contentType, query, expected, step, plannedElsewhere);
        }

        /** An endpoint SPEC promises that is built on another branch: checked once it is mapped. */
        Row planned() {
            return new Row(key, body, contentType, query, expected, given, true);
        }

        void prepare(Api caller, Fixture fixture) {
            if (given != null) {
                given.accept(caller, fixture);
            }
        }

        /** Ids of the owner-scoped resources this row names, replaced by random ones. */
        Map<String, String> randomIds() {
            Map<String, String> random = new LinkedHashMap<>();
            for (Variable v : Variable.values()) {
                if (v.ownerScoped) {
                    random.put(v.placeholder, UUID.randomUUID().toString());
                }
            }
            return random;
        }

        /** Calls the endpoint on the fixture's resources, with {@code overrides} replacing some of their ids. */
        Api.Response call(Api caller, Fixture fixture, Map<String, String> overrides) {
            Map<String, String> values = new LinkedHashMap<>(fixture.ids());
            values.putAll(overrides);
            values.put(
                    "unique",
                    "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
            String path = pattern();
            for (String name : variablesOf(key)) {
                Variable v = variable(key, name);
                if (v == null) {
                    fail("no rule in VARIABLES for {" + name + "} of " + key);
                }
                path = path.replace("{" + name + "}", values.get(v.placeholder));
            }
            String sentBody = body;
            if (sentBody != null) {
                for (var entry : values.entrySet()) {
                    sentBody = sentBody.replace("{" + entry.getKey() + "}", entry.getValue());
                }
            }
            return caller.send(method(), query == null ? path : path + "?" + query, sentBody, contentType);
        }
    }

    private static Row row(String key) {
        return new Row(key, null, null, null, -1, null, false);
    }

    private static Map<String, Row> table(Row... rows) {
        Map<String, Row> table = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.expected() == -1) {
                throw new IllegalStateException("row " + row.key() + " says no status; add .expect(...)");
            }
            if (table.put(row.key(), row) != null) {
                throw new IllegalStateException("two rows for " + row.key());
            }
        }
        return table;
    }
}
