package io.keepwarm.web.pages;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The pages and their htmx fragments, rendered by the real application (MockMvc over the shared context and its
 * PostgreSQL): sign-in, every page, every fragment, the errors a person can meet, and what the security chain
 * promises (CSRF on every form, a CSP without inline script, no framing, the API untouched by the session).
 */
class PagesIT extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    /** Signs in with the owner's token, as the sign-in form does, and returns the session. */
    MockHttpSession signIn(Api owner) throws Exception {
        MvcResult result = mvc.perform(
                        post("/signin").param("token", owner.token()).with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    MvcResult perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    /** The going-cold list of a dashboard page (today's plan above it names people too). */
    static String list(String html) {
        int start = html.indexOf("<section id=\"going-cold\"");
        return html.substring(start, html.indexOf("</section>", start));
    }

    static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    @Test
    void without_a_session_a_page_sends_you_to_sign_in_and_htmx_is_told_to_go_there() throws Exception {
        MvcResult page = perform(get("/"));
        assertThat(page.getResponse().getStatus()).isEqualTo(302);
        assertThat(page.getResponse().getRedirectedUrl()).endsWith("/signin");

        MvcResult fragment = perform(get("/").header("HX-Request", "true"));
        assertThat(fragment.getResponse().getStatus()).isEqualTo(401);
        assertThat(fragment.getResponse().getHeader("HX-Redirect")).isEqualTo("/signin");
    }

    @Test
    void the_sign_in_page_is_a_form_with_a_csrf_token_and_a_strict_content_security_policy() throws Exception {
        MvcResult page = perform(get("/signin"));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = body(page);
        assertThat(html)
                .contains("<html lang=\"en\"")
                .contains("name=\"_csrf\"")
                .contains("name=\"token\"");
        String csp = page.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(html).doesNotContain("<script>").doesNotContain(" onclick=").doesNotContain("style=\"");
    }

    @Test
    void a_wrong_token_is_refused_on_the_page_and_no_session_is_signed_in() throws Exception {
        MvcResult refused =
                perform(post("/signin").param("token", "kw_not-a-token").with(csrf()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(401);
        assertThat(body(refused)).contains("not valid");
    }

    @Test
    void sign_in_without_the_csrf_token_is_refused() throws Exception {
        Api owner = newOwner();
        MvcResult refused = perform(post("/signin").param("token", owner.token()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void after_sign_in_the_dashboard_lists_who_is_going_cold_with_its_figures_and_never_the_token() throws Exception {
        Api owner = newOwner();
        String ada = addContact(
                owner,
                Map.of(
                        "displayName",
                        "Ada Lovelace",
                        "city",
                        "London",
                        "timeZone",
                        "Europe/London",
                        "tags",
                        java.util.List.of("mentor")));
        owner.put("/api/contacts/" + ada + "/cadence", Map.of("everyDays", 21));
        logInteraction(owner, Instant.now().minus(74, ChronoUnit.DAYS), ada);
        MockHttpSession session = signIn(owner);

        MvcResult page = perform(get("/").session(session));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = body(page);
        assertThat(html)
                .contains("Ada Lovelace")
                .contains("74 of 21 days")
                .contains("status-cold")
                .contains("London")
                .contains("mentor")
                .doesNotContain(owner.token());
    }

    @Test
    void the_going_cold_list_is_a_fragment_for_htmx_and_filters_by_status_tag_and_city() throws Exception {
        Api owner = newOwner();
        String ada =
                addContact(owner, Map.of("displayName", "Ada", "city", "London", "tags", java.util.List.of("math")));
        owner.put("/api/contacts/" + ada + "/cadence", Map.of("everyDays", 21));
        addTracked(owner, "Grace", 60);
        MockHttpSession session = signIn(owner);

        MvcResult fragment = perform(get("/").param("city", "london")
                .session(session)
                .header("HX-Request", "true")
                .header("HX-Target", "going-cold"));
        String html = body(fragment);
        assertThat(html)
                .startsWith("<section id=\"going-cold\"")
                .contains("Ada")
                .doesNotContain("Grace");
        assertThat(html).doesNotContain("<html");

        assertThat(list(body(perform(get("/").param("tag", "MATH").session(session)))))
                .contains("Ada")
                .doesNotContain(">Grace<");
        assertThat(list(body(perform(get("/").param("status", "WARM").session(session)))))
                .contains("Nobody is going cold");
    }

    @Test
    void logging_a_touch_from_the_dashboard_answers_a_fresh_form_and_the_list_without_those_people() throws Exception {
        Api owner = newOwner();
        String ada = addTracked(owner, "Ada", 21);
        String grace = addTracked(owner, "Grace", 21);
        addTracked(owner, "Linus", 21);
        MockHttpSession session = signIn(owner);
        String form = body(perform(get("/").session(session)));
        assertThat(form).contains("Ada").contains("Grace").contains("Linus");

        MvcResult logged = perform(post("/interactions")
                .session(session)
                .with(csrf())
                .header("HX-Request", "true")
                .param("interactionId", java.util.UUID.randomUUID().toString())
                .param("contactIds", ada, grace)
                .param("channel", "CALL")
                .param("initiatedBy", "ME")
                .param("favor", "GAVE")
                .param(
                        "occurredAt",
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                                .minusHours(1)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toString())
                .param("note", "coffee")
                .param("status", "DUE_SOON", "OVERDUE", "COLD"));
        assertThat(logged.getResponse().getStatus()).isEqualTo(200);
        String html = body(logged);
        assertThat(html).contains("Logged a touch with Ada and Grace.");
        assertThat(html).contains("hx-swap-oob=\"true\"");
        String list = html.substring(html.indexOf("<section id=\"going-cold\""));
        assertThat(list).contains("Linus").doesNotContain(">Ada<").doesNotContain(">Grace<");
        assertThat(owner.get("/api/going-cold").json().get("items")).hasSize(1);
    }

    @Test
    void a_touch_with_bad_fields_answers_422_with_every_field_named_and_appends_nothing() throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        long before = eventCount();
        MvcResult refused = perform(post("/interactions")
                .session(session)
                .with(csrf())
                .header("HX-Request", "true")
                .param("interactionId", java.util.UUID.randomUUID().toString())
                .param("channel", "PIGEON")
                .param("initiatedBy", "ME")
                .param("occurredAt", "yesterday"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(refused))
                .contains("at least one contact")
                .contains("Channel: is not one of the choices")
                .contains("When: must be a date and time");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void the_picker_finds_contacts_by_typing_and_keeps_those_picked() throws Exception {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada Lovelace");
        addContact(owner, "Adam Smith");
        addContact(owner, "Grace Hopper");
        MockHttpSession session = signIn(owner);

        String html = body(perform(get("/interactions/picker")
                .param("q", "ada")
                .param("contactIds", ada)
                .session(session)
                .header("HX-Request", "true")));
        assertThat(html).startsWith("<div id=\"picker\"");
        String picked = html.substring(html.indexOf("class=\"picked\""), html.indexOf("class=\"matches\""));
        assertThat(picked).contains("Ada Lovelace").doesNotContain("Adam Smith");
        String matches = html.substring(html.indexOf("class=\"matches\""));
        assertThat(matches)
                .contains("Adam Smith")
                .doesNotContain("Ada Lovelace")
                .doesNotContain("Grace");
    }

    @Test
    void the_contact_page_shows_details_cadence_presets_and_the_timeline_with_corrections_and_retractions()
            throws Exception {
        Api owner = newOwner();
        String ada = addTracked(owner, "Ada", 21);
        String first = logInteraction(owner, Instant.now().minus(3, ChronoUnit.DAYS), ada);
        owner.patch("/api/interactions/" + first, Map.of("channel", "VIDEO"));
        String second = logInteraction(owner, Instant.now().minus(1, ChronoUnit.DAYS), ada);
        owner.delete("/api/interactions/" + second + "?reason=wrong%20person");
        MockHttpSession session = signIn(owner);

        String html = body(perform(get("/contacts/" + ada).session(session)));
        assertThat(html).contains("<h1>Ada</h1>").contains("A · 21 d").contains("D · 365 d");
        assertThat(html).contains("CALL").contains("VIDEO").contains("→");
        assertThat(html).contains("class=\"entry interaction retracted\"").contains("wrong person");
    }

    @Test
    void cadence_snooze_archive_and_restore_from_the_contact_page_go_through_the_commands() throws Exception {
        Api owner = newOwner();
        String ada = addContact(owner, "Ada");
        MockHttpSession session = signIn(owner);

        MvcResult preset = perform(post("/contacts/" + ada + "/cadence")
                .param("preset", "B")
                .session(session)
                .with(csrf()));
        assertThat(preset.getResponse().getRedirectedUrl()).isEqualTo("/contacts/" + ada);
        assertThat(owner.get("/api/contacts/" + ada).json().get("cadenceDays").asInt())
                .isEqualTo(60);

        perform(post("/contacts/" + ada + "/cadence")
                .param("everyDays", "0")
                .session(session)
                .with(csrf()));
        assertThat(owner.get("/api/contacts/" + ada).json().get("cadenceDays").asInt())
                .isEqualTo(60);

        perform(post("/contacts/" + ada + "/snooze")
                .param("until", "2099-01-01")
                .session(session)
                .with(csrf()));
        assertThat(owner.get("/api/contacts/" + ada).json().get("snoozedUntil").asText())
                .startsWith("2099-01-01");
        perform(post("/contacts/" + ada + "/archive").session(session).with(csrf()));
        assertThat(owner.get("/api/contacts/" + ada).json().get("archived").asBoolean())
                .isTrue();
        perform(post("/contacts/" + ada + "/restore").session(session).with(csrf()));
        assertThat(owner.get("/api/contacts/" + ada).json().get("archived").asBoolean())
                .isFalse();
    }

    @Test
    void forgetting_asks_for_a_confirmation_then_erases_the_contact() throws Exception {
        Api owner = newOwner();
        String ada = addTracked(owner, "Ada", 21);
        MockHttpSession session = signIn(owner);

        assertThat(body(perform(get("/contacts/" + ada + "/forget").session(session))))
                .contains("Forget for good");
        MvcResult forgot =
                perform(post("/contacts/" + ada + "/forget").session(session).with(csrf()));
        assertThat(forgot.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(owner.get("/api/contacts/" + ada).status()).isEqualTo(404);
        assertThat(perform(get("/contacts/" + ada).session(session))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void another_owners_contact_is_a_404_page_not_a_problem_document() throws Exception {
        Api owner = newOwner();
        String theirs = addContact(newOwner(), "Someone else's");
        MockHttpSession session = signIn(owner);

        MvcResult missing = perform(get("/contacts/" + theirs).session(session));
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getContentType()).startsWith("text/html");
        assertThat(body(missing)).contains("Not found").doesNotContain("Someone else");
        assertThat(perform(get("/contacts/not-a-uuid").session(session))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void names_that_look_like_markup_are_escaped_everywhere_they_are_shown() throws Exception {
        Api owner = newOwner();
        String script = addTracked(owner, "<script>alert(1)</script>", 21);
        String img = addTracked(owner, "\"><img src=x onerror=alert(1)>", 21);
        MockHttpSession session = signIn(owner);

        for (String path : new String[] {"/", "/contacts/" + script, "/contacts/" + img, "/contacts"}) {
            String html = body(perform(get(path).session(session)));
            assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
        }
        assertThat(body(perform(get("/").session(session))))
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void a_session_cookie_never_authenticates_the_api() throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        MvcResult api = perform(get("/api/me").session(session));
        assertThat(api.getResponse().getStatus()).isEqualTo(401);
        assertThat(api.getResponse().getContentType()).startsWith("application/problem+json");
    }

    @Test
    void signing_out_ends_the_session_and_a_revoked_token_ends_it_too() throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        MvcResult out = perform(post("/signout").session(session).with(csrf()));
        assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/signin?signedOut");
        assertThat(perform(get("/").session(session)).getResponse().getStatus()).isEqualTo(302);

        Api other = newOwner();
        MockHttpSession second = signIn(other);
        assertThat(perform(get("/").session(second)).getResponse().getStatus()).isEqualTo(200);
        String tokenId =
                other.get("/api/me/tokens").json().get(0).get("tokenId").asText();
        assertThat(other.delete("/api/me/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(perform(get("/").session(second)).getResponse().getStatus()).isEqualTo(302);
    }

    @Test
    void the_reports_page_draws_activity_as_an_svg_and_lists_the_network_as_it_stood() throws Exception {
        Api owner = newOwner();
        String ada = addTracked(owner, "Ada", 21);
        logInteraction(owner, Instant.now().minus(10, ChronoUnit.DAYS), ada);
        MockHttpSession session = signIn(owner);

        MvcResult page = perform(get("/reports").session(session));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = body(page);
        assertThat(html)
                .contains("<svg class=\"chart\"")
                .contains("class=\"bar\"")
                .contains("<polyline");
        assertThat(html).contains(">Ada</a>").contains("10 of 21 days");
        assertThat(html).doesNotContain("<script src=\"http");

        String monthly = body(perform(get("/reports").param("groupBy", "month").session(session)));
        assertThat(monthly).containsPattern("\\d{4}-\\d{2}</th>");
        String wrong = body(perform(get("/reports")
                .param("asOf", "someday")
                .param("from", "2026-02-01")
                .param("to", "2026-01-01")
                .session(session)));
        assertThat(wrong).contains("asOf must be an ISO-8601 instant").contains("from must not be after to");
    }

    @Test
    void a_user_is_refused_the_admin_pages_with_a_403_page() throws Exception {
        MockHttpSession session = signIn(newOwner());
        MvcResult refused = perform(get("/admin/projections").session(session));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getForwardedUrl()).isEqualTo("/forbidden");
        MvcResult forbidden = perform(get("/forbidden").session(session));
        assertThat(forbidden.getResponse().getStatus()).isEqualTo(403);
        assertThat(body(forbidden)).contains("Not allowed");
        assertThat(perform(post("/admin/projections/going-cold/rebuild")
                                .session(session)
                                .with(csrf()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void an_admin_rebuilds_a_projection_and_its_row_polls_until_reads_switch() throws Exception {
        MockHttpSession session = signIn(admin());
        String page = body(perform(get("/admin/projections").session(session)));
        assertThat(page).contains("going-cold").contains("relationship-history").contains("Rebuild");

        String started = body(perform(post("/admin/projections/relationship-history/rebuild")
                .session(session)
                .with(csrf())
                .header("HX-Request", "true")));
        assertThat(started).startsWith("<tr id=\"projection-relationship-history\"");
        String row = started;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!row.contains("Switched to version") && System.nanoTime() < deadline) {
            assertThat(row)
                    .satisfiesAnyOf(
                            r -> assertThat(r).contains("<progress").contains("hx-trigger=\"every 1s\""),
                            r -> assertThat(r).contains("Switched to version"));
            Thread.sleep(250);
            row = body(
                    perform(get("/admin/projections/relationship-history/row").session(session)));
        }
        assertThat(row).contains("Switched to version").doesNotContain("hx-trigger");
    }

    @Test
    void an_admin_creates_a_user_whose_token_is_shown_once_and_signs_them_in() throws Exception {
        MockHttpSession session = signIn(admin());
        String name = "page" + java.util.UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = perform(post("/admin/users")
                .param("username", name)
                .param("role", "USER")
                .session(session)
                .with(csrf()));
        assertThat(created.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
        String html = body(created);
        java.util.regex.Matcher token =
                java.util.regex.Pattern.compile("class=\"token-once\">([^<]+)<").matcher(html);
        assertThat(token.find()).isTrue();
        assertThat(new Api(port, token.group(1)).get("/api/me").status()).isEqualTo(200);
        assertThat(body(perform(get("/admin/users").session(session))))
                .contains(name)
                .doesNotContain(token.group(1));

        MvcResult bad = perform(post("/admin/users")
                .param("username", "x")
                .param("role", "KING")
                .session(session)
                .with(csrf()));
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(bad)).contains("username").contains("role");
    }

    @Test
    void an_admin_sees_a_projections_dead_letters() throws Exception {
        MockHttpSession session = signIn(admin());
        MvcResult page =
                perform(get("/admin/projections/going-cold/dead-letters").session(session));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(page)).contains("Dead letters of");
        assertThat(perform(get("/admin/projections/no-such/dead-letters").session(session))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_and_the_session_id_never_goes_in_a_url() {
        var session = io.keepwarm.web.testsupport.PagesSession.session(
                port, newOwner().token());
        assertThat(session.setCookie())
                .startsWith("keepwarm_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
        var dashboard = io.keepwarm.web.testsupport.PagesSession.send(port, session.cookie(), "GET", "/");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).doesNotContain(";jsessionid").doesNotContain("keepwarm_session");
    }

    @Test
    void the_dashboard_opens_with_todays_plan_and_logging_refreshes_it() throws Exception {
        Api owner = newOwner();
        String ada = addTracked(owner, "Ada", 21);
        MockHttpSession session = signIn(owner);
        String html = body(perform(get("/").session(session)));
        String plan = html.substring(html.indexOf("<section id=\"today\""), html.indexOf("<h1>Going cold</h1>"));
        assertThat(plan).contains("Today's plan").contains(">Ada</a>").contains("say hello");

        String logged = body(perform(post("/interactions")
                .session(session)
                .with(csrf())
                .header("HX-Request", "true")
                .param("interactionId", java.util.UUID.randomUUID().toString())
                .param("contactIds", ada)
                .param("channel", "CALL")
                .param("initiatedBy", "ME")
                .param(
                        "occurredAt",
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toString())));
        String refreshed = logged.substring(logged.indexOf("<section id=\"today\""));
        assertThat(refreshed).contains("hx-swap-oob=\"true\"").doesNotContain(">Ada</a>");
    }

    @Test
    void settings_are_changed_through_the_same_patch_as_the_api_and_bad_ones_change_nothing() throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        assertThat(body(perform(get("/settings").session(session))))
                .contains("Europe/Paris")
                .contains("09:00");

        MvcResult saved = perform(post("/settings")
                .session(session)
                .with(csrf())
                .param("timeZone", "Europe/Paris")
                .param("from", "08:30")
                .param("until", "18:00")
                .param("days", "MONDAY", "TUESDAY")
                .param("frequency", "WEEKLY")
                .param("digestDay", "FRIDAY")
                .param("digestHour", "7")
                .param("digestEmail", "me@example.com"));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/settings");
        var api = owner.get("/api/me/settings").json();
        assertThat(api.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(api.get("reachableHours").get("from").asText()).isEqualTo("08:30");
        assertThat(api.get("digest").get("day").asText()).isEqualTo("FRIDAY");
        assertThat(body(perform(get("/").session(session)))).contains("(Europe/Paris)");

        MvcResult refused = perform(post("/settings")
                .session(session)
                .with(csrf())
                .param("timeZone", "Mars/Olympus")
                .param("from", "18:00")
                .param("until", "08:00")
                .param("frequency", "OFF"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(refused))
                .contains("timeZone")
                .contains("reachableHours.until")
                .contains("reachableDays");
        assertThat(owner.get("/api/me/settings").json().get("timeZone").asText())
                .isEqualTo("Europe/Paris");
    }

    // --- imports ------------------------------------------------------------------------------------------------

    static byte[] resource(String path) throws java.io.IOException {
        try (var in = PagesIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    static MockMultipartFile upload(String name, byte[] content) {
        return new MockMultipartFile("file", name, "text/csv", content);
    }

    static String uploadId(String planPage) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("name=\"uploadId\" value=\"([0-9a-f-]{36})\"")
                .matcher(planPage);
        assertThat(id.find()).as("the plan's confirm form names its upload").isTrue();
        return id.group(1);
    }

    /** Polls the progress fragment as htmx does until the job is done; answers the last fragment. */
    String awaitImported(MockHttpSession session, String job) throws Exception {
        String fragment = "";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            fragment = body(perform(get(job + "/progress").session(session).header("HX-Request", "true")));
            assertThat(fragment).startsWith("<section id=\"import-progress\"").doesNotContain("<html");
            if (!fragment.contains("hx-trigger")) {
                return fragment;
            }
            assertThat(fragment).contains("hx-trigger=\"every 1s\"").contains("<progress");
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish: " + fragment);
    }

    @Test
    void the_imports_page_is_a_labelled_multipart_form_with_a_csrf_token_linked_from_every_page() throws Exception {
        MockHttpSession session = signIn(newOwner());
        assertThat(body(perform(get("/").session(session)))).contains("<a href=\"/imports\">Import</a>");

        MvcResult page = perform(get("/imports").session(session));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = body(page);
        assertThat(html)
                .contains("enctype=\"multipart/form-data\"")
                .contains("name=\"_csrf\"")
                .contains("<label for=\"import-file\">")
                .contains("<label for=\"cadenceDays\">")
                .contains("<label for=\"tags\">")
                .contains("<label for=\"tagCadence\">")
                .contains("<label for=\"rampPerDay\">")
                .contains("<label for=\"charset\">");
        for (String field : new String[] {"file", "cadenceDays", "tags", "tagCadence", "rampPerDay", "charset"}) {
            assertThat(html).contains("name=\"" + field + "\"");
        }
        assertThat(html).doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void uploading_a_linkedin_file_shows_the_plan_per_row_with_its_counts_and_appends_nothing() throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        long before = eventCount();

        MvcResult plan = perform(multipart("/imports")
                .file(upload("Connections.csv", resource("/pages/Connections.csv")))
                .param("cadenceDays", "60")
                .param("tags", "linkedin")
                .session(session)
                .with(csrf()));
        assertThat(plan.getResponse().getStatus()).isEqualTo(200);
        String html = body(plan);
        assertThat(html).contains("Connections.csv").contains("<strong>LinkedIn</strong>");
        String counts = html.substring(
                html.indexOf("id=\"plan-counts\""), html.indexOf("</ul>", html.indexOf("id=\"plan-counts\"")));
        assertThat(counts.replaceAll("\\s+", " "))
                .contains("<span class=\"n\">4</span> <span>create</span>")
                .contains("<span class=\"n\">0</span> <span>update</span>")
                .contains("<span class=\"n\">1</span> <span>error</span>");
        String rows = html.substring(html.indexOf("id=\"plan-rows\""));
        assertThat(rows)
                .contains("Amara Okonkwo-Testa")
                .contains("Dev Placeholder-Rao")
                .contains(">8</td>")
                .contains("no name: LinkedIn leaves a row empty")
                .contains("name, organization, role, channels, known since, tags, cadence");
        assertThat(html).contains("every imported contact without a cadence gets one of 60 days");
        assertThat(html).contains("Import 4 rows");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(owner.get("/api/contacts").json().get("items")).isEmpty();
    }

    @Test
    void confirming_commits_the_plan_as_a_job_whose_progress_fragment_polls_until_done_then_shows_the_report()
            throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        String plan = body(perform(multipart("/imports")
                .file(upload("Connections.csv", resource("/pages/Connections.csv")))
                .param("cadenceDays", "60")
                .session(session)
                .with(csrf())));

        assertThat(perform(post("/imports/confirm")
                                .param("uploadId", uploadId(plan))
                                .session(session))
                        .getResponse()
                        .getStatus())
                .as("confirming needs the CSRF token")
                .isEqualTo(403);
        MvcResult confirmed = perform(post("/imports/confirm")
                .param("uploadId", uploadId(plan))
                .session(session)
                .with(csrf()));
        String job = confirmed.getResponse().getRedirectedUrl();
        assertThat(job).matches("/imports/[0-9a-f-]{36}");

        String done = awaitImported(session, job);
        assertThat(done).contains("Done").contains("value=\"100").contains("id=\"report-rows\"");
        assertThat(done).contains(">Amara Okonkwo-Testa</a>").contains("no name: LinkedIn");
        var status =
                owner.get("/api/imports/" + job.substring("/imports/".length())).json();
        assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("counts").get("CREATE").asInt()).isEqualTo(4);
        assertThat(body(perform(get(job).session(session))))
                .contains("<h1>Import")
                .contains("Done");
        assertThat(list(body(perform(get("/").session(session)))))
                .contains("Amara Okonkwo-Testa")
                .contains("Mateo Ejemplar")
                .contains("never contacted");

        MvcResult again = perform(post("/imports/confirm")
                .param("uploadId", uploadId(plan))
                .session(session)
                .with(csrf()));
        assertThat(again.getResponse().getStatus()).as("an upload commits once").isEqualTo(409);
        assertThat(body(again)).contains("upload the file again");
        assertThat(owner.get("/api/contacts").json().get("items")).hasSize(4);
    }

    @Test
    void a_bad_file_or_bad_options_answer_the_form_again_with_every_field_named_and_never_a_stack_trace()
            throws Exception {
        Api owner = newOwner();
        MockHttpSession session = signIn(owner);
        long before = eventCount();

        MvcResult truncated = perform(multipart("/imports")
                .file(upload("truncated.csv", resource("/imports/truncated-linkedin.csv")))
                .session(session)
                .with(csrf()));
        assertThat(truncated.getResponse().getStatus()).isEqualTo(422);
        assertThat(truncated.getResponse().getContentType()).startsWith("text/html");
        assertThat(body(truncated))
                .contains("The file was not imported")
                .contains("File: the CSV cannot be read past line")
                .contains("enctype=\"multipart/form-data\"");

        MvcResult options = perform(multipart("/imports")
                .file(upload("Connections.csv", resource("/pages/Connections.csv")))
                .param("cadenceDays", "often")
                .param("tagCadence", "mentor")
                .param("rampPerDay", "0")
                .param("tags", "friends")
                .session(session)
                .with(csrf()));
        assertThat(options.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(options))
                .contains("Cadence: must be a whole number of days")
                .contains("Cadence by tag: must be tag:days")
                .contains("New people due per day: must be between 1 and 10000")
                .contains("value=\"friends\"");

        MvcResult empty = perform(multipart("/imports")
                .file(upload("empty.csv", new byte[0]))
                .param("rampPerDay", "many")
                .session(session)
                .with(csrf()));
        assertThat(empty.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(empty)).contains("File: choose a file to import").contains("must be a whole number");

        MvcResult latin1 = perform(multipart("/imports")
                .file(upload(
                        "old.csv",
                        "displayName,city\nJos\u00e9 Beispiel,M\u00e1laga\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .session(session)
                .with(csrf()));
        assertThat(latin1.getResponse().getStatus()).isEqualTo(422);
        assertThat(body(latin1)).contains("is not UTF-8 text");
        MvcResult named = perform(multipart("/imports")
                .file(upload(
                        "old.csv",
                        "displayName,city\nJos\u00e9 Beispiel,M\u00e1laga\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .param("charset", "ISO-8859-1")
                .session(session)
                .with(csrf()));
        assertThat(named.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(named)).contains("José Beispiel").contains("keepwarm contacts");

        for (MvcResult refused : new MvcResult[] {truncated, options, empty, latin1}) {
            assertThat(body(refused)).doesNotContain("Exception").doesNotContain("at io.keepwarm");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_file_larger_than_the_limit_is_sent_back_to_the_form_which_says_so() throws Exception {
        MockHttpSession session = signIn(newOwner());
        MockMvc filtered = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(io.keepwarm.web.support.RequestSizeLimitFilter.class))
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        MvcResult large = filtered.perform(post("/imports")
                        .contentType("multipart/form-data; boundary=x")
                        .content(new byte[16 * 1024 * 1024 + 64 * 1024 + 1])
                        .session(session)
                        .with(csrf()))
                .andReturn();
        assertThat(large.getResponse().getStatus()).isEqualTo(303);
        assertThat(large.getResponse().getHeader("Location")).isEqualTo("/imports?tooLarge");
        MvcResult page = perform(get("/imports").param("tooLarge", "").session(session));
        assertThat(page.getResponse().getStatus()).isEqualTo(413);
        assertThat(body(page)).contains("File: the file is larger than 16 MiB");
    }

    @Test
    void another_owners_import_is_a_404_page_and_names_in_a_plan_are_escaped() throws Exception {
        Api other = newOwner();
        var theirs = other.send(
                "POST",
                "/api/imports?dryRun=false",
                "displayName\nSomeone Else\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/csv");
        assertThat(theirs.status()).isEqualTo(202);
        MockHttpSession session = signIn(newOwner());
        MvcResult missing =
                perform(get(theirs.header("Location").replace("/api", "")).session(session));
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(body(missing)).contains("Not found").doesNotContain("Someone Else");
        assertThat(perform(get("/imports/not-an-id").session(session))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);

        String hostile = body(perform(multipart("/imports")
                .file(upload(
                        "x.csv",
                        "displayName\n<script>alert(1)</script>\n\"\"\"><img src=x onerror=alert(1)>\"\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .session(session)
                .with(csrf())));
        assertThat(hostile)
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }
}
