package io.keepwarm.web.pages;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.addTracked;
import static io.keepwarm.web.testsupport.Fixtures.logInteraction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages end to end in a real Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium with the driver's path given, so nothing is downloaded): sign in, importing a LinkedIn file (its plan,
 * the confirmation, the job to done, the people on the list), the going-cold list, logging a touch
 * with two people who then leave the list without a reload, a timeline with a correction, forgetting, an admin's
 * rebuild watched to the switch, and names full of markup shown as text. Screenshots of every page at 1280 and
 * 375 px go to {@code web/target/screenshots/}. Without Chromium these tests fail; they never skip.
 */
class PagesBrowserIT extends IntegrationTest {

    static final Path CHROMIUM = Path.of(System.getProperty("keepwarm.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("keepwarm.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat(CHROMIUM)
                .as("Chromium is needed for the browser tests: apt-get install chromium chromium-driver (.ci/run does)")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is needed for the browser tests: apt-get install chromium-driver (.ci/run does)")
                .isExecutable();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--lang=en-GB",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.manage().deleteAllCookies();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(Api who) {
        browser.get(url("/signin"));
        browser.findElement(By.id("token")).sendKeys(who.token());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().equals(url("/")));
        assertThat(browser.getPageSource()).doesNotContain(who.token());
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    static String listText() {
        return browser.findElement(By.id("going-cold")).getText();
    }

    /** The whole page at this width, as a PNG under target/screenshots (and the path). */
    static Path screenshot(String name, int width) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 900));
        ChromeDriver chrome = (ChromeDriver) browser;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
        Map<String, Object> shot = chrome.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path target = SCREENSHOTS.resolve(name + "-" + width + ".png");
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
        browser.manage().window().setSize(new Dimension(1280, 900));
        return target;
    }

    static void screenshots(String name) throws IOException {
        assertThat(Files.size(screenshot(name, 1280))).isPositive();
        assertThat(Files.size(screenshot(name, 375))).isPositive();
    }

    /** A network worth looking at: people at every temperature, with zones, tags, asks and gives. */
    static Map<String, String> aNetwork(Api owner) {
        Map<String, String> ids = new LinkedHashMap<>();
        Instant now = Instant.now();
        ids.put(
                "Ada Lovelace",
                person(owner, "Ada Lovelace", "London", "Europe/London", List.of("mentor", "math"), 21));
        ids.put("Grace Hopper", person(owner, "Grace Hopper", "Arlington", "America/New_York", List.of("navy"), 60));
        ids.put(
                "Linus Torvalds",
                person(owner, "Linus Torvalds", "Portland", "America/Los_Angeles", List.of("oss"), 21));
        ids.put(
                "Margaret Hamilton",
                person(owner, "Margaret Hamilton", "Boston", "America/New_York", List.of("nasa"), 180));
        ids.put("Tim Berners-Lee", person(owner, "Tim Berners-Lee", "Geneva", "Europe/Zurich", List.of("web"), 60));
        ids.put("Katherine Johnson", person(owner, "Katherine Johnson", "Hampton", "America/New_York", List.of(), 21));
        ids.put("Hedy Lamarr", person(owner, "Hedy Lamarr", "Vienna", "Europe/Vienna", List.of("radio"), 365));
        logInteraction(owner, at(now, 74), ids.get("Ada Lovelace"));
        logInteraction(owner, at(now, 55), ids.get("Grace Hopper"));
        favor(owner, at(now, 200), "ASKED", ids.get("Margaret Hamilton"));
        favor(owner, at(now, 130), "GAVE", ids.get("Tim Berners-Lee"));
        favor(owner, at(now, 125), "GAVE", ids.get("Tim Berners-Lee"));
        logInteraction(owner, at(now, 19), ids.get("Katherine Johnson"));
        logInteraction(owner, at(now, 300), ids.get("Hedy Lamarr"));
        return ids;
    }

    static Instant at(Instant now, int daysAgo) {
        return now.minus(daysAgo, ChronoUnit.DAYS);
    }

    static String person(Api owner, String name, String city, String zone, List<String> tags, int cadence) {
        String id = addContact(owner, Map.of("displayName", name, "city", city, "timeZone", zone, "tags", tags));
        assertThat(owner.put("/api/contacts/" + id + "/cadence", Map.of("everyDays", cadence))
                        .status())
                .isEqualTo(200);
        return id;
    }

    static void favor(Api owner, Instant when, String favor, String id) {
        Map<String, Object> body = new LinkedHashMap<>(io.keepwarm.web.testsupport.Fixtures.interaction(when, id));
        body.put("favor", favor);
        logInteraction(owner, body);
    }

    @Test
    void sign_in_see_the_list_and_log_a_touch_with_two_people_who_leave_it_without_a_reload() throws IOException {
        Api owner = newOwner();
        aNetwork(owner);
        signIn(owner);
        assertThat(listText()).contains("Ada Lovelace", "Grace Hopper", "Linus Torvalds", "74 of 21 days");
        screenshots("dashboard");
        ((JavascriptExecutor) browser).executeScript("window.keepwarmNoReload = 'still here';");

        pick("Ada");
        pick("Linus");
        new Select(browser.findElement(By.name("channel"))).selectByValue("VIDEO");
        browser.findElement(By.name("note")).sendKeys("Caught up over video");
        browser.findElement(By.cssSelector("#log-form button[type=submit]")).click();

        waitUntil(() -> browser.findElement(By.id("log-panel")).getText().contains("Logged a touch with"));
        waitUntil(() -> !listText().contains("Ada Lovelace") && !listText().contains("Linus Torvalds"));
        assertThat(listText()).contains("Grace Hopper");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.keepwarmNoReload"))
                .as("the page was not reloaded")
                .isEqualTo("still here");
        assertThat(owner.get("/api/going-cold").body())
                .doesNotContain("Ada Lovelace")
                .doesNotContain("Linus");
        screenshots("dashboard-after-logging");
    }

    @Test
    void import_a_linkedin_file_see_the_plan_confirm_and_find_the_people_on_the_going_cold_list() throws Exception {
        Api owner = newOwner();
        signIn(owner);
        browser.findElement(By.linkText("Import")).click();
        waitUntil(() -> browser.getCurrentUrl().equals(url("/imports")));
        screenshots("imports-upload");

        Path file = Path.of(
                PagesBrowserIT.class.getResource("/pages/Connections.csv").toURI());
        browser.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("details.options summary")).click();
        browser.findElement(By.id("cadenceDays")).sendKeys("60");
        browser.findElement(By.id("tags")).sendKeys("linkedin");
        browser.findElement(By.xpath("//button[normalize-space()='Show what it would do']"))
                .click();

        waitUntil(() -> browser.findElement(By.tagName("h1")).getText().equals("What the import would do"));
        assertThat(browser.findElement(By.id("plan-counts")).getText())
                .contains("4 create", "0 update", "0 unchanged", "1 error");
        WebElement plan = browser.findElement(By.id("plan-rows"));
        assertThat(plan.getText())
                .contains("Amara Okonkwo-Testa", "Mateo Ejemplar", "Sanna Virtanen-Esim", "Dev Placeholder-Rao")
                .contains("no name: LinkedIn leaves a row empty");
        assertThat(plan.findElements(By.cssSelector("tbody tr"))).hasSize(5);
        assertThat(owner.get("/api/contacts").json().get("items"))
                .as("the plan changed nothing")
                .isEmpty();
        screenshots("imports");

        browser.findElement(By.xpath("//button[normalize-space()='Import 4 rows']"))
                .click();
        waitUntil(() -> browser.getCurrentUrl().matches(url("/imports/") + "[0-9a-f-]{36}"));
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    WebElement progress = driver.findElement(By.id("import-progress"));
                    seen.add(progress.findElement(By.tagName("progress")).getAttribute("value"));
                    return progress.findElement(By.cssSelector(".job-state"))
                            .getText()
                            .startsWith("Done");
                });
        assertThat(seen).isNotEmpty();
        assertThat(browser.findElement(By.id("import-bar")).getAttribute("value"))
                .isEqualTo("100");
        assertThat(browser.findElement(By.id("report-rows")).getText())
                .contains("Amara Okonkwo-Testa")
                .contains("no name: LinkedIn");
        screenshots("imports-done");

        browser.findElement(By.linkText("See who is going cold")).click();
        waitUntil(() -> browser.getCurrentUrl().equals(url("/")));
        assertThat(listText())
                .contains("Amara Okonkwo-Testa", "Mateo Ejemplar", "Sanna Virtanen-Esim", "Dev Placeholder-Rao")
                .contains("never contacted");
        assertThat(browser.findElement(By.id("going-cold")).getText()).contains("linkedin");
    }

    /** Types into the picker and ticks the first match of that name. */
    static void pick(String typed) {
        WebElement search = browser.findElement(By.id("contact-search"));
        search.clear();
        search.sendKeys(typed);
        waitUntil(() ->
                !browser.findElements(By.cssSelector("#picker .matches label")).isEmpty()
                        && browser.findElement(By.cssSelector("#picker .matches"))
                                .getText()
                                .contains(typed));
        WebElement match = browser.findElements(By.cssSelector("#picker .matches li")).stream()
                .filter(li -> li.getText().contains(typed))
                .findFirst()
                .orElseThrow();
        match.findElement(By.cssSelector("input[type=checkbox]")).click();
        waitUntil(() ->
                browser.findElement(By.cssSelector("#picker .picked")).getText().contains(typed));
    }

    @Test
    void a_timeline_shows_a_correction_before_and_after_and_a_retraction_struck_through() throws IOException {
        Api owner = newOwner();
        Map<String, String> ids = aNetwork(owner);
        String ada = ids.get("Ada Lovelace");
        Map<String, Object> coffee = new LinkedHashMap<>(
                io.keepwarm.web.testsupport.Fixtures.interaction(Instant.now().minus(3, ChronoUnit.DAYS), ada));
        coffee.put("note", "Coffee at the Royal Society");
        String corrected = logInteraction(owner, coffee);
        owner.patch("/api/interactions/" + corrected, Map.of("channel", "IN_PERSON", "favor", "GAVE"));
        String mistaken = logInteraction(owner, Instant.now().minus(1, ChronoUnit.DAYS), ada);
        owner.delete("/api/interactions/" + mistaken + "?reason=logged%20on%20the%20wrong%20person");
        signIn(owner);

        browser.get(url("/contacts/" + ada));
        WebElement correction = browser.findElement(By.cssSelector(".timeline .entry.correction .changes"));
        assertThat(correction.getText()).contains("channel: CALL → IN_PERSON").contains("favor: NONE → GAVE");
        WebElement retracted = browser.findElement(By.cssSelector(".timeline .entry.retracted"));
        assertThat(retracted.findElements(By.tagName("del"))).isNotEmpty();
        assertThat(retracted.getText()).contains("Retracted: logged on the wrong person");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Coffee at the Royal Society");
        screenshots("contact");
    }

    @Test
    void forgetting_a_contact_after_the_confirmation_takes_them_off_the_list() throws IOException {
        Api owner = newOwner();
        Map<String, String> ids = aNetwork(owner);
        signIn(owner);
        assertThat(listText()).contains("Grace Hopper");

        browser.findElement(By.linkText("Grace Hopper")).click();
        browser.findElement(By.linkText("Forget this contact…")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Forget Grace Hopper?");
        screenshots("forget");
        browser.findElement(By.xpath("//button[normalize-space()='Forget for good']"))
                .click();

        waitUntil(() -> browser.getCurrentUrl().equals(url("/")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("forgotten");
        assertThat(listText()).doesNotContain("Grace Hopper").contains("Ada Lovelace");
        browser.get(url("/contacts/" + ids.get("Grace Hopper")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        screenshots("not-found");
    }

    @Test
    void an_admin_rebuilds_a_projection_and_watches_the_progress_bar_reach_the_switch() throws IOException {
        Api admin = admin();
        signIn(admin);
        browser.get(url("/admin/projections"));
        screenshots("admin-projections");
        WebElement row = browser.findElement(By.id("projection-contacts"));
        int before = Integer.parseInt(row.findElements(By.tagName("td")).get(0).getText());
        ((JavascriptExecutor) browser).executeScript("window.keepwarmNoReload = 'still here';");

        row.findElement(By.xpath(".//button[normalize-space()='Rebuild']")).click();
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(240))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    WebElement current = driver.findElement(By.id("projection-contacts"));
                    if (!current.findElements(By.tagName("progress")).isEmpty()) {
                        seen.add(current.findElement(By.tagName("progress")).getAttribute("value"));
                    }
                    return current.getText().contains("Switched to version " + (before + 1));
                });
        assertThat(seen).as("the progress bar was shown while the rebuild ran").isNotEmpty();
        WebElement done = browser.findElement(By.id("projection-contacts"));
        assertThat(done.findElements(By.tagName("td")).get(0).getText()).isEqualTo(Integer.toString(before + 1));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.keepwarmNoReload"))
                .isEqualTo("still here");
        screenshots("admin-projections-switched");
    }

    @Test
    void names_full_of_markup_are_shown_as_text_and_run_nothing() throws IOException {
        Api owner = newOwner();
        String script = "<script>alert(1)</script>";
        String img = "\"><img src=x onerror=alert(1)>";
        String scriptId = addTracked(owner, script, 21);
        addTracked(owner, img, 21);
        signIn(owner);

        assertThat(listText()).contains(script).contains(img);
        assertThat(browser.findElements(By.cssSelector("#going-cold img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#going-cold script"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.get(url("/contacts/" + scriptId));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(script);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        pickOnLogPage("alert");
        assertThat(browser.findElements(By.cssSelector("#picker img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    void pickOnLogPage(String typed) {
        browser.get(url("/interactions/new"));
        WebElement search = browser.findElement(By.id("contact-search"));
        search.sendKeys(typed);
        waitUntil(() ->
                browser.findElements(By.cssSelector("#picker .matches li")).size() == 2);
    }

    @Test
    void every_page_at_a_laptops_and_a_phones_width() throws IOException {
        Api owner = newOwner();
        Map<String, String> ids = aNetwork(owner);
        browser.get(url("/signin"));
        screenshots("signin");
        signIn(owner);
        browser.get(url("/interactions/new?contactIds=" + ids.get("Ada Lovelace")));
        assertThat(browser.findElement(By.cssSelector("#picker .picked")).getText())
                .contains("Ada Lovelace");
        screenshots("log-a-touch");
        browser.get(url("/contacts"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Hedy Lamarr");
        screenshots("contacts");
        browser.get(url("/reports"));
        assertThat(browser.findElements(By.cssSelector("svg.chart rect.bar"))).isNotEmpty();
        screenshots("reports");
        browser.get(url("/contacts/" + ids.get("Tim Berners-Lee")));
        screenshots("contact-plain");
        browser.get(url("/settings"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Settings");
        screenshots("settings");

        browser.manage().deleteAllCookies();
        signIn(admin());
        browser.get(url("/admin/users"));
        screenshots("admin-users");
        browser.get(url("/admin/projections/going-cold/dead-letters"));
        screenshots("admin-dead-letters");

        browser.manage().deleteAllCookies();
        signIn(owner);
        browser.get(url("/admin/projections"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        screenshots("forbidden");
    }
}
