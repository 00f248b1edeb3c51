package org.gigaplan.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard in headless Chromium against the built distribution in demo mode: the public view without a login,
 * the board's heat map of the seeded data and a drill into a school, the language switch, a school user refused
 * another school, the fiscal-year report (the server's PDF and CSV, the board's evaluation, printed by the browser),
 * the families' page and a school tablet's width.
 * Screenshots of each view and the printed report go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Distribution dist;
    private static ChromeDriver browser;
    /** The SMTP server the distribution mails to (GreenMail, in this JVM, on a free loopback port). */
    private static com.icegreen.greenmail.util.GreenMail smtp;
    private static Path screenshots;
    private static Path downloads;

    /** A failed test leaves the page as it was (screenshot, text, browser console) beside the other screenshots. */
    @RegisterExtension
    static final TestWatcher ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null || screenshots == null) {
                return;
            }
            String name = "FAILED-" + context.getRequiredTestMethod().getName();
            try {
                Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
                Files.writeString(screenshots.resolve(name + ".txt"), browser.getCurrentUrl() + "\n\n" + pageText()
                        + "\n\n--- browser console\n" + browserConsole());
            } catch (Exception e) {
                System.out.println("[e2e] could not record the failed page: " + e);
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        dist = Distribution.unpack(Path.of(E2e.property("gigaplan.e2e.distribution")),
                Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("dashboard"));
        int smtpPort = Distribution.freePorts(1)[0];
        smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(smtpPort,
                "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Distribution.setProperties(dist.home().resolve("etc/org.gigaplan.platform.notify.cfg"), java.util.Map.of(
                "smtpHost", "127.0.0.1", "smtpPort", Integer.toString(smtpPort), "smtpSecurity", "none",
                "sender", "gigaplan@city.example.jp", "dashboardUrl", "https://gigaplan.example.jp/dashboard/",
                "tickSeconds", "2"));
        dist.start();
        Distribution.awaitDemoFills(dist);
        screenshots = Files.createDirectories(Path.of(E2e.property("gigaplan.e2e.screenshots")));
        downloads = Path.of(E2e.property("gigaplan.e2e.workdir")).resolve("dashboard-downloads").toAbsolutePath();
        // Empty: a file left by an earlier run would be taken for this run's download.
        if (Files.exists(downloads)) {
            try (var old = Files.list(downloads)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setBinary("/usr/bin/chromium");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=ja");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        viewport(1280, 900);
        // Japanese first, as a Sendai school's browser would be; the language switch is tested below.
        open("");
        browser.executeScript("localStorage.setItem('gigaplan.lang', 'ja')");
    }

    @AfterAll
    static void stop() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        if (browser != null) {
            browser.quit();
        }
        if (dist != null) {
            dist.close();
        }
    }

    /** Sizes the page itself (headless Chromium counts its window frame in --window-size). */
    private static void viewport(int width, int height) {
        List<?> frame = (List<?>) browser.executeScript("return [outerWidth - innerWidth, outerHeight - innerHeight]");
        browser.manage().window().setSize(new Dimension(width + ((Number) frame.get(0)).intValue(),
                height + ((Number) frame.get(1)).intValue()));
    }

    private static void open(String hash) {
        browser.get(dist.uri("/dashboard/index.html" + hash).toString());
    }

    /**
     * A wait of {@link #WAIT} that looks again when the view was redrawn under it, and when it runs out says what the
     * page showed and the browser logged (the build's log is often all a reader of a failed run has).
     */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.withMessage(() -> "at " + browser.getCurrentUrl() + " the page said: " + pageText()
                + " | browser console: " + browserConsole());
        return wait;
    }

    private static String pageText() {
        try {
            String text = String.valueOf(browser.executeScript("return document.body.innerText")).replaceAll("\\s+", " ");
            return text.length() > 1500 ? text.substring(0, 1500) + " …" : text;
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String browserConsole() {
        try {
            StringBuilder console = new StringBuilder();
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry).append('\n'));
            return console.toString();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void awaitView(String view) {
        waiting().until(ExpectedConditions.attributeToBe(By.id("view"), "data-view", view));
    }

    private static void screenshot(String name) throws Exception {
        Thread.sleep(600); // charts animate in
        Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Logs in as one of the test users, or as {@code name:password}. */
    private static void logIn(String user) {
        open("#/login");
        WebElement name = await(By.id("user"));
        name.clear();
        name.sendKeys(user.contains(":") ? user.substring(0, user.indexOf(':')) : user);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(user.contains(":") ? user.substring(user.indexOf(':') + 1)
                : dist.password(user));
        browser.findElement(By.id("login-submit")).click();
    }

    private static void logOut() {
        WebElement logout = browser.findElement(By.id("logout"));
        if (logout.isDisplayed()) {
            logout.click();
        }
        awaitView("public");
    }

    /** Chooses a fiscal year in the header's chooser (the view is drawn again for it), unless it is chosen already. */
    private static void chooseYear(int year) {
        org.openqa.selenium.support.ui.Select chooser = new org.openqa.selenium.support.ui.Select(await(By.id("fy")));
        if (!String.valueOf(year).equals(chooser.getFirstSelectedOption().getAttribute("value"))) {
            chooser.selectByValue(String.valueOf(year));
        }
    }

    @Test
    @Order(1)
    void thePublicViewNeedsNoLogin() throws Exception {
        browser.get(dist.uri("/dashboard").toString());
        awaitView("public");
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard/index.html") || browser.getCurrentUrl().contains("#"),
                browser.getCurrentUrl());
        // The distribution runs on 2026-11-30: the page opens on 令和8年度, which has no action plan yet, and says so
        // rather than showing another year.
        assertEquals("2026", new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fy")))
                .getFirstSelectedOption().getAttribute("value"));
        WebElement none = await(By.id("no-action-plan"));
        assertTrue(none.getText().contains("令和8年度") && none.getText().contains("まだありません"), none::getText);
        assertTrue(browser.findElements(By.id("rollover")).isEmpty(), "only the board may roll a year forward");
        screenshot("public-no-plan");
        chooseYear(2025);
        awaitView("public");
        waiting().until(d -> !d.findElements(By.cssSelector("#public-indicators tr[data-indicator]")).isEmpty());
        List<WebElement> indicators = browser.findElements(By.cssSelector("#public-indicators tr[data-indicator]"));
        assertEquals(20, indicators.size(), "every indicator of the plan");
        assertFalse(browser.findElements(By.cssSelector("#public-indicators [data-status=MET]")).isEmpty()
                && browser.findElements(By.cssSelector("#public-indicators [data-status=BELOW]")).isEmpty(),
                "the seeded data gives traffic lights");
        List<WebElement> posts = browser.findElements(By.cssSelector("#public-posts article.post"));
        assertTrue(posts.size() >= 5, () -> "published demo posts: " + posts.size());
        String page = browser.getPageSource();
        assertFalse(page.contains("（下書き）"), "a draft never shows");
        assertTrue(browser.findElements(By.id("nav-city")).isEmpty(), "no board view without a login");
        screenshot("public");
    }

    @Test
    @Order(2)
    void theBoardSeesTheHeatMapAndDrillsIntoASchool() throws Exception {
        logIn("tester");
        awaitView("city");
        // The login is a session the server keeps, in a cookie scripts cannot read: the page holds no credential.
        assertEquals("", browser.executeScript("return document.cookie"), "no cookie readable by a script");
        assertEquals(List.of(), browser.executeScript("return Object.keys(sessionStorage).concat("
                + "Object.keys(localStorage).filter(k => k !== 'gigaplan.lang'))"), "nothing kept in web storage");
        WebElement heat = await(By.cssSelector("#heatmap-chart canvas"));
        assertTrue(heat.isDisplayed());
        int cells = Integer.parseInt(browser.findElement(By.id("heatmap-chart")).getAttribute("data-cells"));
        int schools = browser.findElements(By.cssSelector("#heatmap a[data-school]")).size();
        assertTrue(schools >= 8, () -> "sample schools with seeded check-ins: " + schools);
        assertEquals(5 * schools, cells, "schools × scenes");
        await(By.cssSelector("#trend-chart canvas"));
        await(By.cssSelector("#rates-chart canvas"));
        assertFalse(browser.findElements(By.cssSelector("#bandwidth tr[data-school]")).isEmpty(), "bandwidth table");
        assertFalse(browser.findElements(By.cssSelector("#parent-meetings li[data-school]")).isEmpty(),
                "two demo schools without a parent meeting");
        assertEquals(4, browser.findElements(By.cssSelector("#rates tr[data-category]")).size(), "A–D as figures too");
        assertFalse(browser.findElements(By.cssSelector("#staff-meetings tr[data-school]")).isEmpty(),
                "staff meetings per school and term");
        for (String table : List.of("heatmap", "trend", "rates", "bandwidth")) {
            assertEquals(1, browser.findElements(By.cssSelector("[data-csv=" + table + "]")).size(), table + " as CSV");
        }
        screenshot("city");

        browser.findElement(By.cssSelector("#heatmap a[data-school='S-E01']")).click();
        awaitView("school");
        await(By.cssSelector("#school-heatmap-chart canvas"));
        assertTrue(browser.findElement(By.id("school-title")).getText().contains("S-E01"));
        assertFalse(browser.findElements(By.cssSelector("#school-staff-meetings tr[data-meeting]")).isEmpty(),
                "the school's staff meetings, with the plan items they took up");
        assertFalse(browser.findElements(By.cssSelector("#school-indicators tr[data-indicator]")).isEmpty());
        int classes = browser.findElements(By.cssSelector("#school-heatmap tr[data-school]")).size();
        assertTrue(classes >= 3, () -> "the school's classes × scenes: " + classes);
        assertEquals(String.valueOf(5 * classes),
                browser.findElement(By.id("school-heatmap-chart")).getAttribute("data-cells"));
        screenshot("school");
        browser.findElement(By.id("back")).click();
        awaitView("city");
    }

    @Test
    @Order(3)
    void theBoardDownloadsTheFiscalYearReport() throws Exception {
        inJapanese();
        chooseYear(2025);
        open("#/report");
        awaitView("report");
        waiting().until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("[data-policy-chart][data-ready=true] canvas"), 4));
        assertEquals(4, browser.findElements(By.cssSelector("section[id^=report-policy-]")).size());
        assertEquals(13, browser.findElements(By.cssSelector("#report tr[data-item]")).size(), "every action item");
        screenshot("report");

        // Too long: refused, the error beside the field it is about, said once.
        setValue(By.id("evaluation-1"), "長".repeat(2001));
        browser.findElement(By.id("save-evaluation-1")).click();
        WebElement fieldError = await(By.cssSelector("#evaluation-1 + .field-error[data-field=text]"));
        assertEquals("true", browser.findElement(By.id("evaluation-1")).getAttribute("aria-invalid"));
        assertEquals(fieldError.getAttribute("id"), browser.findElement(By.id("evaluation-1"))
                .getAttribute("aria-describedby"));
        assertTrue(browser.findElements(By.cssSelector("[data-evaluation='1'] li[data-field]")).isEmpty(),
                "not listed again under the form");
        // The board writes its evaluation of policy 1; the PDF and the families' page print it.
        String evaluation = "端末の活用は全ての場面で伸びた。来年度は授業事例の共有を進める。";
        setValue(By.id("evaluation-1"), evaluation);
        browser.findElement(By.id("save-evaluation-1")).click();
        waiting().until(d -> d.findElement(By.cssSelector("[data-evaluation='1'] .ok")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector("[data-evaluation='1'] .field-error")).isEmpty(),
                "the error is gone once the field is right");

        browser.findElement(By.id("report-pdf")).click();
        byte[] rendered = Files.readAllBytes(awaitDownload("gigaplan-report-2025.pdf"));
        Files.write(screenshots.resolve("report-server.pdf"), rendered);
        try (var document = org.apache.pdfbox.Loader.loadPDF(rendered)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertTrue(text.contains("令和7年度進捗報告"), () -> "the report's year and title: " + text);
            assertTrue(text.contains(evaluation), "the board's evaluation, as written");
            for (int policy = 1; policy <= 4; policy++) {
                assertTrue(text.contains("基本方針" + policy), "a page for basic policy " + policy);
            }
            assertTrue(text.contains("P1-B1") && text.contains("P4-S1"), "action items of the first and last policy");
            assertTrue(document.getNumberOfPages() >= 5, "a cover and a page per policy");
        }

        browser.findElement(By.id("report-csv")).click();
        List<String> rows = Files.readAllLines(awaitDownload("gigaplan-report-2025.csv"));
        assertTrue(rows.get(0).startsWith("\ufefffiscal_year,scope,policy,"), rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.contains(",usage.scene1,") && r.matches(".*,(MET|BELOW|INSUFFICIENT_DATA),"
                + "(達成|未達|データ不足),.*")), () -> "scene 1 with its status as code and word: " + rows);

        browser.findElement(By.cssSelector("[data-csv=report-policy-1]")).click();
        String csv = Files.readString(awaitDownload("report-policy-1-2025.csv"));
        assertTrue(csv.startsWith("\ufeff"), "a BOM, so spreadsheets read it as UTF-8");
        assertTrue(csv.lines().count() >= 6, () -> "header and scene indicators: " + csv);

        open("#/families");
        awaitView("families");
        assertEquals(evaluation, browser.findElement(By.cssSelector("#families-policy-1 .evaluation p")).getText());
        assertEquals(4, browser.findElements(By.cssSelector("section[id^=families-policy-]")).size());
        await(By.id("families-posts"));
        screenshot("families");
        assertEquals(List.of(), accessibility("families"), "accessibility violations on the families' page");
        open("#/report");
        awaitView("report");

        byte[] pdf = java.util.Base64.getDecoder().decode(((org.openqa.selenium.PrintsPage) browser)
                .print(new org.openqa.selenium.print.PrintOptions()).getContent());
        Files.write(screenshots.resolve("report.pdf"), pdf);
        assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(pdf.length > 20_000, () -> "the printed report: " + pdf.length + " bytes");
    }

    /** The page in Japanese, as a Sendai school's browser opens it (the language test may have left it English). */
    private static void inJapanese() {
        if (!"ja".equals(browser.findElement(By.tagName("html")).getAttribute("lang"))) {
            browser.findElement(By.id("lang")).click();
            waiting().until(d -> "ja".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        }
    }

    private static Path awaitDownload(String name) throws Exception {
        Path file = downloads.resolve(name);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.size(file) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), () -> name + " not downloaded to " + downloads);
        Thread.sleep(200);
        return file;
    }

    @Test
    @Order(4)
    void theLanguageSwitches() throws Exception {
        chooseYear(2025);
        open("#/plan");
        awaitView("plan");
        String before = browser.findElement(By.id("nav-plan")).getText();
        browser.findElement(By.id("lang")).click();
        waiting().until(d -> !d.findElement(By.id("nav-plan")).getText().equals(before));
        String lang = browser.findElement(By.tagName("html")).getAttribute("lang");
        String after = browser.findElement(By.id("nav-plan")).getText();
        assertEquals("ja".equals(lang) ? "計画と進捗" : "Plan and progress", after);
        awaitView("plan");
        assertEquals(4, browser.findElements(By.cssSelector("section.policy")).size(), "four basic policies");
        screenshot("plan-" + lang);
        browser.findElement(By.id("lang")).click();
        waiting().until(d -> d.findElement(By.id("nav-plan")).getText().equals(before));
        logOut();
    }

    @Test
    @Order(5)
    void aSchoolUserCannotOpenAnotherSchool() throws Exception {
        logIn("school-a");
        awaitView("school");
        assertTrue(browser.findElement(By.id("school-title")).getText().contains("S-E01"));
        assertFalse(browser.findElements(By.cssSelector("#school-staff-meetings tr[data-meeting]")).isEmpty(),
                "the school's staff meetings, with the plan items they took up");
        assertTrue(browser.findElements(By.id("nav-city")).isEmpty(), "no city view for a school");
        // This year has no action plan yet: the school's page says so where its indicators would be, and shows the
        // school's records of the year all the same; the roll-forward is the board's.
        chooseYear(2026);
        awaitView("school");
        WebElement none = await(By.cssSelector("#school-indicators #no-action-plan"));
        assertTrue(none.getText().contains("令和8年度"), none::getText);
        assertTrue(browser.findElements(By.id("rollover")).isEmpty());
        await(By.cssSelector("#school-heatmap-chart canvas"));
        chooseYear(2025);
        awaitView("school");
        open("#/school/S-E02");
        awaitView("school");
        WebElement refused = await(By.id("forbidden"));
        assertFalse(refused.getText().isBlank());
        assertFalse(browser.getPageSource().contains("S-E02\","), "none of the other school's data");
        screenshot("school-refused");
        open("#/city");
        waiting().until(d -> !"city".equals(d.findElement(By.id("view")).getAttribute("data-view")));
        logOut();
    }

    @Test
    @Order(6)
    void aWrongPasswordStaysOnTheForm() throws Exception {
        open("#/login");
        WebElement name = await(By.id("user"));
        name.clear();
        name.sendKeys("tester");
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("login-submit")).click();
        WebElement error = waiting().until(d -> {
            WebElement e = d.findElement(By.id("login-error"));
            return e.getText().isBlank() ? null : e;
        });
        assertFalse(error.getText().isBlank());
        assertEquals("login", browser.findElement(By.id("view")).getAttribute("data-view"));
    }

    @Test
    @Order(6)
    void logoutEndsTheSessionOnTheServer() throws Exception {
        logIn("school-a");
        awaitView("school");
        // The browser's copy of the session cookie (it is sent to /api only, so it is read there).
        browser.get(dist.uri("/api/session").toString());
        org.openqa.selenium.Cookie cookie = browser.manage().getCookieNamed("gigaplan_session");
        assertNotNull(cookie, "the session cookie");
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("Strict", cookie.getSameSite());
        java.net.http.HttpRequest me = java.net.http.HttpRequest.newBuilder(dist.uri("/api/me"))
                .header("Cookie", cookie.getName() + "=" + cookie.getValue()).build();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        assertEquals(200, http.send(me, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        open("#/school/S-E01");
        awaitView("school");
        logOut();
        assertEquals(401, http.send(me, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(),
                "a copy of the cookie is worth nothing after logging out");
        chooseYear(2025); // the page was loaded anew: back to the year the tests after this one look at
        awaitView("public");
    }

    @Test
    @Order(7)
    void aSchoolTabletShowsTheSchoolWithoutSidewaysScrolling() throws Exception {
        viewport(800, 1280);
        try {
            logIn("school-a");
            awaitView("school");
            await(By.cssSelector("#school-heatmap-chart canvas"));
            long overflow = (Long) browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, () -> "wider than the tablet by " + overflow + " px");
            screenshot("school-tablet");
            logOut();
        } finally {
            viewport(1280, 900);
        }
    }

    @Test
    @Order(8)
    void aModuleUninstalledWhileThePageIsOpenTakesItsPageWithItAndComesBack() throws Exception {
        logIn("tester");
        awaitView("city");
        await(By.cssSelector("#parent-meetings"));
        assertFalse(browser.findElements(By.id("nav-posts")).isEmpty(), "the outreach page's view is offered");
        String uninstall = dist.console("feature:uninstall gigaplan-outreach");
        Distribution.await("outreach to be gone (console said: " + uninstall.strip() + ")", TIMEOUT,
                () -> assertEquals(404, dist.getAs(null, "/api/outreach/site/posts").status()));
        try {
            // The page stays open: the next view asks which module pages there are, and outreach has none now.
            open("#/public");
            awaitView("public");
            chooseYear(2025);
            awaitView("public");
            assertTrue(browser.findElements(By.id("public-posts")).isEmpty(), "no posts without the module");
            assertEquals(20, browser.findElements(By.cssSelector("#public-indicators tr[data-indicator]")).size());
            assertFalse(browser.findElements(By.cssSelector("#public-indicators [data-status=NO_MODULE]")).isEmpty(),
                    "its indicators say the module is not installed");
            open("#/city");
            awaitView("city");
            await(By.cssSelector("#heatmap-chart canvas"));
            assertTrue(browser.findElements(By.id("parent-meetings")).isEmpty(), "no outreach card");
            assertTrue(browser.findElements(By.id("nav-posts")).isEmpty(), "no outreach view in the header");
            screenshot("city-without-outreach");
            open("#/posts");
            awaitView("public");
        } finally {
            dist.console("feature:install gigaplan-outreach");
            Distribution.await("outreach to be back", TIMEOUT,
                    () -> assertEquals(200, dist.getAs(null, "/api/outreach/site/posts").status()));
        }
        open("#/city");
        awaitView("city");
        await(By.cssSelector("#parent-meetings"));
        assertFalse(browser.findElements(By.id("nav-posts")).isEmpty(), "back with the module");
        logOut();
    }

    private static void setValue(By by, String value) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(by), value);
    }

    @Test
    @Order(9)
    void aSchoolRecordsItsWeekAndItsMeetings() throws Exception {
        logIn("school-a");
        awaitView("school");
        browser.findElement(By.id("nav-record")).click();
        awaitView("record");
        double before = dist.json("/api/usage/attainment?schoolId=S-E01&week=2025-06-02").path("groups").get(0)
                .path("scenes").get(4).path("classShare").asDouble();
        assertTrue(before < 100, "precondition: the demo week does not meet scene 5 in every class");
        List<WebElement> cells = browser.findElements(By.cssSelector("#check-in-form input[data-scene]"));
        assertTrue(cells.size() >= 15, () -> "classes × 5 scenes: " + cells.size());
        // Only scene 5 is filled in; blank cells leave what is recorded as it is.
        setValue(By.id("check-in-week"), "2025-06-02");
        browser.executeScript("document.getElementById('check-in-week').dispatchEvent(new Event('change'))");
        Thread.sleep(500);
        for (WebElement cell : cells) {
            cell.clear();
            if ("5".equals(cell.getAttribute("data-scene"))) {
                cell.sendKeys("4");
            }
        }
        screenshot("record");
        browser.findElement(By.id("check-in-submit")).click();
        await(By.cssSelector("#check-in-result .ok"));
        // The week now reads: every class meets scene 5 (4 a week).
        JsonNode week = dist.json("/api/usage/attainment?schoolId=S-E01&week=2025-06-02");
        assertEquals(100.0, week.path("groups").get(0).path("scenes").get(4).path("classShare").asDouble(),
                () -> "scene 5: " + week);
        // Opened again on that week, the grid shows what is recorded.
        open("#/school/S-E01");
        awaitView("school");
        open("#/record");
        awaitView("record");
        setValue(By.id("check-in-week"), "2025-06-02");
        browser.executeScript("document.getElementById('check-in-week').dispatchEvent(new Event('change'))");
        waiting().until(d -> d.findElements(By.cssSelector("#check-in-form input[data-scene='5']"))
                .stream().allMatch(i -> "4".equals(i.getAttribute("value")) || "4".equals(i.getDomProperty("value"))));

        // A figure the server refuses: its error beside its cell, in Japanese, and nothing of the batch stored.
        WebElement first = browser.findElement(By.cssSelector("#check-in-form input[data-scene='1']"));
        first.clear();
        first.sendKeys("40");
        browser.findElement(By.id("check-in-submit")).click();
        WebElement cellError = await(By.cssSelector("#check-in-form input[data-scene='1'] + .field-error"));
        assertTrue(cellError.getText().contains("0〜35"), cellError::getText);
        assertEquals("true", first.getAttribute("aria-invalid"));

        // The class list, kept in the browser: a class added there is one the records may name; a line not written
        // as grade-name is refused before anything is sent; taken off again (no records), the class goes.
        String listed = (String) browser.executeScript("return document.getElementById('class-list').value");
        assertTrue(listed.lines().count() >= 3, () -> "the school's classes: " + listed);
        setValue(By.id("class-list"), listed + "\n６-ひまわり");
        browser.findElement(By.id("class-list-submit")).click();
        await(By.cssSelector("#class-list-result .ok"));
        assertTrue(dist.json("/api/usage/schools/S-E01/classes").toString().contains("\"grade\":6,\"name\":\"ひまわり\""),
                "added as grade 6, class ひまわり");
        setValue(By.id("class-list"), listed + "\nひまわり");
        browser.findElement(By.id("class-list-submit")).click();
        await(By.cssSelector("#class-list-result .error"));
        setValue(By.id("class-list"), listed);
        browser.findElement(By.id("class-list-submit")).click();
        await(By.cssSelector("#class-list-result .ok"));
        assertFalse(dist.json("/api/usage/schools/S-E01/classes").toString().contains("ひまわり"), "taken off, it went");

        setValue(By.id("parent-date"), "2026-05-20");
        browser.findElement(By.id("parent-audience")).sendKeys("5年学年懇談会");
        browser.findElement(By.id("parent-topics")).sendKeys("授業での端末活用\n家庭での約束");
        browser.findElement(By.id("parent-attendees")).sendKeys("64");
        browser.findElement(By.id("parent-submit")).click();
        await(By.cssSelector("#parent-result .ok"));
        JsonNode meetings = dist.json("/api/outreach/schools/S-E01/parent-meetings?fiscalYear=2026");
        assertTrue(meetings.toString().contains("5年学年懇談会") && meetings.toString().contains("家庭での約束"),
                () -> "recorded: " + meetings);

        // What the server refuses is shown, field by field.
        setValue(By.id("staff-date"), "1999-04-01");
        browser.findElement(By.id("staff-topics")).sendKeys("校内研修");
        browser.findElement(By.id("staff-submit")).click();
        WebElement refused = await(By.cssSelector("#staff-result .error"));
        // In the page's language, and once: the title under the form, the field's error beside the field.
        assertTrue(refused.getText().contains("入力に誤りがあります"), () -> "refusal: " + refused.getText());
        assertFalse(refused.getText().contains("[0].heldOn"), () -> "not listed again: " + refused.getText());
        WebElement beside = await(By.cssSelector("#staff-date + .field-error[data-field='[0].heldOn']"));
        assertTrue(beside.getText().contains("2000年以降の日付にしてください"), () -> "in the module's own Japanese: "
                + beside.getText());
        assertEquals("true", browser.findElement(By.id("staff-date")).getAttribute("aria-invalid"));
        logOut();
    }

    @Test
    @Order(10)
    void theBoardWritesReviewsAndPublishesAPost() throws Exception {
        logIn("tester");
        awaitView("city");
        browser.findElement(By.id("nav-posts")).click();
        awaitView("posts");
        browser.findElement(By.id("post-title")).sendKeys("e2e: 冬休みの端末持ち帰り");
        browser.findElement(By.id("post-body")).sendKeys("**充電**をお願いします。<script>alert(1)</script>");
        browser.findElement(By.id("post-submit")).click();
        awaitView("posts");
        String id = waiting()
                .until(d -> d.findElements(By.cssSelector("#post-list tr[data-post]")).stream()
                        .filter(r -> r.getText().contains("e2e: 冬休み")).map(r -> r.getAttribute("data-post"))
                        .findFirst().orElse(null));
        assertEquals(404, dist.getAs(null, "/api/outreach/site/posts/" + id).status(), "a draft is not public");
        for (String move : List.of("REVIEW", "PUBLISHED")) {
            browser.findElement(By.cssSelector("#post-list tr[data-post='" + id + "'] button[data-move=" + move + "]"))
                    .click();
            waiting()
                    .until(d -> !d.findElements(By.cssSelector(
                    "#post-list tr[data-post='" + id + "'] button[data-move=" + (move.equals("REVIEW") ? "PUBLISHED"
                            : "ARCHIVED") + "]")).isEmpty());
        }
        screenshot("posts");
        logOut();
        open("#/login");
        open("#/public");
        awaitView("public");
        WebElement post = await(By.cssSelector("#public-posts article[data-post='" + id + "']"));
        assertTrue(post.getText().contains("充電"));
        assertFalse(post.getAttribute("innerHTML").contains("<script"), "a script never reaches a reader");
    }

    @Test
    @Order(11)
    void aTeacherAnswersTheChecklistAndSeesTheirScores() throws Exception {
        logIn("teacher-a");
        awaitView("checklist");
        List<WebElement> fours = browser.findElements(By.cssSelector("#checklist-form input[type=radio][value='4']"));
        assertEquals(16, fours.size(), "A-1 … D-4");
        fours.forEach(WebElement::click);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("select[name=genai]")))
                .selectByValue("WEEKLY");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("select[name=history]")))
                .selectByValue("DAILY");
        assertEquals(16L, browser.executeScript(
                "return document.querySelectorAll('#checklist-form input[type=radio][value=\"4\"]:checked').length"),
                "every item answered before sending");
        screenshot("checklist");
        browser.findElement(By.id("checklist-submit")).click();
        // Either the view is drawn again with the scores, or the form says why not.
        waiting().until(d -> d.findElements(By.cssSelector("#checklist-scores tr[data-category]")).size() == 4
                || !d.findElements(By.cssSelector("#checklist-result .error")).isEmpty());
        assertEquals(4, browser.findElements(By.cssSelector("#checklist-scores tr[data-category]")).size(),
                () -> "the form said: " + browser.findElement(By.id("checklist-result")).getText());
        // Answered on 2026-11-30: stored for FY2026 (令和8年度), whatever year the page was showing.
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("令和8年度"));
        JsonNode mine = dist.json("/api/training/schools/S-E01/teachers/A01?fiscalYear=2026");
        assertEquals(16, mine.path("answers").size(), () -> "answers: " + mine);
        mine.path("answers").forEach(a -> assertEquals(4, a.asInt()));
        assertEquals(100.0, mine.path("categories").get(0).path("rate").asDouble());
        // The school's own view (the board's hides a group this small).
        JsonNode use = dist.getAs("school-a", "/api/environment/learning-history/schools/S-E01/uses?fiscalYear=2026").json();
        assertTrue(use.path("byFrequency").path("DAILY").asInt() >= 1, () -> "learning-history use: " + use);
        logOut();
    }

    @Test
    @Order(12)
    void theBoardNotesWhatWasFoundAndASchoolRecordsASpeedTest() throws Exception {
        logIn("tester");
        awaitView("city");
        browser.findElement(By.id("nav-network")).click();
        awaitView("network");
        WebElement finding = await(By.cssSelector("#findings-open article[data-finding]"));
        String id = finding.getAttribute("data-finding");
        new org.openqa.selenium.support.ui.Select(finding.findElement(By.cssSelector("select[name=kind]")))
                .selectByValue("CAUSE");
        finding.findElement(By.cssSelector("textarea[name=text]")).sendKeys("e2e: 校内LANのスイッチが古い");
        // Who acts on it, by when (follow-up escalates it to the board once the day is past).
        finding.findElement(By.cssSelector(".assign-form input[name=owner]")).sendKeys("情報担当 佐藤");
        setValue(By.cssSelector("#findings-open article[data-finding='" + id + "'] .assign-form input[name=dueDate]"),
                "2026-12-20");
        finding.findElement(By.cssSelector(".assign-form button.assign")).click();
        waiting().until(d -> d.findElement(By.cssSelector("#findings-open article[data-finding='" + id
                + "'] .assign-result")).getText().contains("保存しました"));
        finding.findElement(By.cssSelector(".note-form button[type=submit]")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#findings-open article[data-finding='" + id
                + "'] li[data-kind=CAUSE]")).stream().anyMatch(li -> li.getText().contains("e2e: 校内LAN")));
        JsonNode stored = dist.json("/api/environment/findings/" + id);
        assertTrue(stored.path("notes").toString().contains("e2e: 校内LANのスイッチが古い"), stored::toString);
        assertEquals("情報担当 佐藤", stored.path("owner").asText(), stored::toString);
        assertEquals("2026-12-20", stored.path("dueDate").asText(), stored::toString);
        assertFalse(browser.findElements(By.cssSelector("#network-status tr[data-school]")).size() < 2,
                "the board sees every school");
        screenshot("network-board");
        logOut();

        logIn("school-a");
        awaitView("school");
        browser.findElement(By.id("nav-network")).click();
        awaitView("network");
        assertEquals(List.of("S-E01"), browser.findElements(By.cssSelector("#network-status tr[data-school]")).stream()
                .map(r -> r.getAttribute("data-school")).toList(), "a school sees its own");
        browser.findElement(By.id("measure-down")).sendKeys("12.3");
        browser.findElement(By.id("measure-latency")).sendKeys("35");
        screenshot("network-school");
        browser.findElement(By.id("measure-submit")).click();
        waiting().until(d -> {
            try {
                return dist.getAs("school-a", "/api/environment/network/measurements?schoolId=S-E01").json().findValues(
                        "downloadMbps").stream().anyMatch(v -> v.asDouble() == 12.3);
            } catch (Exception e) {
                return false;
            }
        });
        awaitView("network");
        // A webhook URL for the school's Speedtest Tracker: shown once, listed, revoked.
        await(By.id("hook-label")).sendKeys("職員室の Speedtest Tracker");
        browser.findElement(By.id("hook-create")).click();
        String url = waiting().until(d -> d.findElements(By.id("hook-url")).stream().map(WebElement::getText)
                .filter(u -> !u.isEmpty()).findFirst().orElse(null));
        assertTrue(url.contains("/api/environment/measurements/hook/gph_"), url);
        screenshot("network-hook");
        browser.navigate().refresh();
        awaitView("network");
        WebElement hook = waiting().until(d -> d.findElements(By.cssSelector("#network-hooks tr[data-hook]")).stream()
                .filter(r -> r.getText().contains("職員室の Speedtest Tracker")).findFirst().orElse(null));
        assertFalse(browser.getPageSource().contains(url.substring(url.indexOf("gph_"))), "the secret is shown once");
        String hookId = hook.getAttribute("data-hook");
        hook.findElement(By.cssSelector("button.revoke")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#network-hooks tr[data-hook='" + hookId + "'] .badge"))
                .size() == 1);
        JsonNode hooks = dist.getAs("school-a", "/api/environment/webhooks").json();
        assertTrue(java.util.stream.StreamSupport.stream(hooks.spliterator(), false).anyMatch(h -> h.path("id").asText()
                .equals(hookId) && !h.path("revokedAt").isNull()), hooks::toString);
        logOut();
    }

    @Test
    @Order(13)
    void aLearnerSeesTheirOwnLearningAndATeacherTheirClasses() throws Exception {
        String learner = "demo-s-e01-5-1-1@drill.example";
        logIn(learner + ":demo");
        awaitView("learning");
        chooseYear(2025);
        awaitView("learning");
        assertTrue(browser.findElements(By.id("nav-plan")).isEmpty(), "a learner has no plan pages");
        JsonNode mine = dist.getAs(learner + ":demo", "/api/environment/xapi/me?since=2025-04-01T00:00:00%2B09:00"
                + "&until=2026-04-01T00:00:00%2B09:00").json();
        assertTrue(mine.path("statements").size() > 0, mine::toString);
        assertEquals(mine.path("statements").size(),
                browser.findElements(By.cssSelector("#my-records tbody tr")).size(), "the year's records, all of them");
        await(By.cssSelector("#my-activity-chart canvas"));
        screenshot("learning");
        logOut();

        logIn("teacher-a");
        awaitView("checklist");
        browser.findElement(By.id("nav-classes")).click();
        awaitView("classes");
        WebElement chosen = await(By.cssSelector("#class-picker a.current"));
        assertFalse(browser.findElements(By.cssSelector("#class-activity tbody tr")).isEmpty(), "the class's weeks");
        assertFalse(pageText().contains("drill.example"), "never a learner");
        JsonNode activity = dist.getAs("teacher-a", "/api/environment/xapi/classes/"
                + java.net.URLEncoder.encode(chosen.getAttribute("data-class"), java.nio.charset.StandardCharsets.UTF_8)
                + "/activity?since=2025-04-01T00:00:00%2B09:00&until=2026-04-01T00:00:00%2B09:00").json();
        assertEquals(activity.size(), browser.findElements(By.cssSelector("#class-activity tbody tr")).size(),
                "a row per week and activity");
        screenshot("classes");
        logOut();
    }

    @Test
    @Order(14)
    void theBoardRunsANewYearRollingItForwardEditingAndPublishing() throws Exception {
        logIn("tester");
        awaitView("city");
        chooseYear(2026);
        open("#/plan");
        awaitView("plan");
        WebElement none = await(By.id("no-action-plan"));
        assertTrue(none.getText().contains("令和8年度"), none::getText);
        screenshot("plan-no-action-plan");
        await(By.id("rollover")).click();
        awaitView("plan-edit");
        await(By.cssSelector("#plan-status[data-status=DRAFT]"));
        assertEquals(404, dist.getAs(null, "/api/progress?fiscalYear=2026").status(), "a draft is not public");

        WebElement row = await(By.cssSelector("tr[data-indicator='usage.scene1']"));
        for (String[] field : new String[][] { { "target", "80" }, { "baseline", "55.5" }, { "baselineYear", "2024" } }) {
            WebElement input = row.findElement(By.name(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        screenshot("plan-edit");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(d -> {
            try {
                JsonNode i = dist.json("/api/indicators/usage.scene1");
                return i.path("baseline").path("value").asDouble() == 55.5 && i.path("targets").toString()
                        .contains("{\"fiscalYear\":2026,\"value\":80.0}");
            } catch (Exception e) {
                return false;
            }
        });
        awaitView("plan-edit");
        await(By.id("publish")).click();
        await(By.cssSelector("#plan-status[data-status=PUBLISHED]"));
        // The history says who changed what, before → after.
        waiting().until(d -> {
            String history = d.findElement(By.id("plan-versions")).getText();
            return history.contains("indicators[usage.scene1].targets[2026].value: 100.0 → 80.0")
                    && history.contains("indicators[usage.scene1].baseline") && history.contains("api:tester");
        });
        screenshot("plan-versions");

        JsonNode progress = dist.getAs(null, "/api/progress?fiscalYear=2026").json();
        JsonNode scene1 = E2e.indicator(progress, "usage.scene1");
        assertEquals(80.0, scene1.path("target").path("value").asDouble(), scene1::toString);
        assertEquals(2026, scene1.path("target").path("fiscalYear").asInt(), scene1::toString);
        assertEquals(55.5, scene1.path("baseline").path("value").asDouble(), scene1::toString);
        open("#/plan");
        awaitView("plan");
        assertEquals(4, browser.findElements(By.cssSelector("section.policy")).size(), "FY2026's four basic policies");
        logOut();
    }

    @Test
    @Order(15)
    void theBoardAdministersKeysModuleSwitchesAndReadsTheAuditLog() throws Exception {
        logIn("tester");
        awaitView("city");
        browser.findElement(By.id("nav-admin")).click();
        awaitView("admin");

        // An API key for a school's speed-test agent: shown once, working at once, revoked from the list.
        new org.openqa.selenium.support.ui.Select(await(By.id("key-school"))).selectByValue("S-E02");
        browser.findElement(By.id("key-label")).sendKeys("e2e 速度計測");
        browser.findElement(By.id("key-submit")).click();
        String key = await(By.id("new-key")).getText().strip();
        assertTrue(key.startsWith("gpk_"), key);
        JsonNode agent = dist.getAs(key, "/api/me").json();
        assertEquals("AGENT", agent.path("role").asText(), agent::toString);
        assertEquals("S-E02", agent.path("schoolId").asText());
        screenshot("admin-key-created");
        browser.navigate().refresh();
        awaitView("admin");
        assertFalse(browser.getPageSource().contains(key), "the key is shown once only");
        String keyId = key.substring(4, 20);
        WebElement revoke = await(By.cssSelector("[data-revoke='" + keyId + "']"));
        revoke.click();
        browser.switchTo().alert().accept();
        waiting().until(d -> "true".equals(d.findElement(By.cssSelector("tr[data-key='" + keyId + "']"))
                .getAttribute("data-revoked")));
        assertEquals(401, dist.getAs(key, "/api/me").status(), "a revoked key no longer logs in");

        // Training switched off for S-E02 and on again, each saved at once.
        By trainingAtE02 = By.cssSelector("#admin-switches tr[data-school='S-E02'] input[data-module='training']");
        WebElement training = await(trainingAtE02);
        assertTrue(training.isSelected(), "on by default");
        training.click();
        Distribution.await("training off for S-E02", WAIT, () -> assertFalse(enabled("S-E02")));
        browser.findElement(trainingAtE02).click();
        Distribution.await("training on again for S-E02", WAIT, () -> assertTrue(enabled("S-E02")));

        // The audit log, filtered by action: the key's creation and revocation, and the switches, with who did them.
        WebElement action = browser.findElement(By.id("audit-action"));
        action.clear();
        action.sendKeys("api-keys");
        browser.findElement(By.id("audit-search")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#audit-list tr[data-entry]")).size() >= 2
                && d.findElements(By.cssSelector("#audit-list tr[data-entry]")).stream()
                        .allMatch(r -> r.getText().contains("api-keys")));
        String entries = browser.findElement(By.id("audit-list")).getText();
        assertTrue(entries.contains("POST /api/api-keys") && entries.contains("DELETE /api/api-keys/" + keyId), entries);
        assertTrue(entries.contains("tester"), entries);
        screenshot("admin");
        logOut();
    }


    /**
     * The board imports the roster from the administration page: tried first (nothing stored, the changes listed),
     * then imported; the school, its teacher and its classes (the classes expected to report) come from it. A set
     * with a bad row changes nothing and names file, line and column beside the form.
     */
    @Test
    @Order(15)
    void theBoardTriesAndImportsARosterFromTheAdministrationPage() throws Exception {
        Path bad = Files.write(downloads.resolve("roster-bad.zip"), E2e.rosterZip("名簿 小"));
        Path good = Files.write(downloads.resolve("roster.zip"), E2e.rosterZip("R-E01"));
        logIn("tester");
        awaitView("city");
        open("#/admin");
        awaitView("admin");
        await(By.id("roster-file")).sendKeys(bad.toString());
        browser.findElement(By.id("roster-try")).click();
        waiting().until(d -> d.findElement(By.id("roster-result")).getText().contains("orgs.csv line 2.identifier"));
        await(By.id("roster-file")).sendKeys(good.toString());
        browser.findElement(By.id("roster-try")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#roster-change tr[data-school='R-E01']")).size() == 1);
        String preview = browser.findElement(By.id("roster-change")).getText();
        assertTrue(preview.contains("5年1組") && preview.contains("5年2組") && preview.contains("T-AOKI"), preview);
        assertEquals(404, dist.get("/api/schools/R-E01").status(), "a dry run stores nothing");
        screenshot("admin-roster-preview");
        browser.findElement(By.id("roster-import")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#roster-list tr[data-school='R-E01']")).size() == 1);
        JsonNode school = dist.json("/api/schools/R-E01");
        assertEquals("名簿テスト小学校", school.path("name").path("ja").asText(), school::toString);
        assertEquals("ELEMENTARY", school.path("type").asText());
        assertEquals(2, school.path("enrollment").asInt());
        assertTrue(dist.json("/api/schools/R-E01/teachers").toString().contains("T-AOKI"));
        Distribution.await("the usage module takes the roster's classes", WAIT, () -> {
            JsonNode classes = dist.json("/api/usage/schools/R-E01/classes");
            assertEquals(2, classes.size(), classes::toString);
        });
        screenshot("admin-roster");
        logOut();
    }

    /**
     * JIS X 8341-3 (WCAG 2.1 AA), as far as a machine can tell: axe-core finds no violation on the public page, the
     * login form, a school's page and its recording forms, and a teacher's and a learner's pages.
     */
    @Test
    @Order(16)
    void thePublicSchoolAndTeacherPagesPassAnAutomatedAccessibilityCheck() throws Exception {
        List<String> found = new ArrayList<>();
        open("#/public");
        chooseYear(2025);
        awaitView("public");
        await(By.cssSelector("#public-indicators tr[data-indicator]"));
        found.addAll(accessibility("public"));
        open("#/login");
        awaitView("login");
        found.addAll(accessibility("login"));
        logIn("school-a");
        awaitView("school");
        await(By.cssSelector("#school-heatmap-chart canvas"));
        found.addAll(accessibility("school"));
        open("#/record");
        awaitView("record");
        await(By.id("check-in-form"));
        found.addAll(accessibility("record"));
        logOut();
        logIn("teacher-a");
        awaitView("checklist");
        found.addAll(accessibility("checklist"));
        logOut();
        logIn("demo-s-e01-5-1-1@drill.example:demo");
        awaitView("learning");
        found.addAll(accessibility("learning"));
        logOut();
        assertEquals(List.of(), found, "accessibility violations");
    }

    /** axe-core's WCAG 2.0 and 2.1 A and AA rules on the page as it is: each violation with up to three places. */
    @SuppressWarnings("unchecked")
    private static List<String> accessibility(String page) throws Exception {
        browser.executeScript(Files.readString(Path.of(E2e.property("gigaplan.e2e.axe"))));
        List<String> violations = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(r => done(r.passes.length < 10 ? ['axe checked only ' + r.passes.length + ' rules']
                    : r.violations.map(v => v.id + ' (' + v.impact + ', ' + v.nodes.length + '×): '
                    + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return violations.stream().map(v -> page + ": " + v).toList();
    }


    @Test
    @Order(17)
    void theBoardPublishesALessonCaseAndASchoolRecordsUsingIt() throws Exception {
        logIn("tester");
        awaitView("city");
        // The city's attainment by school type and by grade, for the year and for a term.
        await(By.cssSelector("#attainment-groups #groups-tables[data-period=year] table"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("groups-period"))).selectByValue("1");
        await(By.cssSelector("#attainment-groups #groups-tables[data-period='1'] table"));

        browser.findElement(By.id("nav-cases")).click();
        awaitView("cases");
        String title = "e2e 理科の観察記録を共有 " + System.nanoTime();
        browser.findElement(By.id("case-title-ja")).sendKeys(title);
        browser.findElement(By.id("case-title-en")).sendKeys("Sharing science observations");
        browser.findElement(By.id("case-summary-ja")).sendKeys("観察した結果を授業支援ソフトで共有し、考えを比べる。");
        browser.findElement(By.id("case-summary-en")).sendKeys("Pupils share what they observed and compare ideas.");
        browser.findElement(By.cssSelector("input[name=case-scenes][value='2']")).click();
        browser.findElement(By.id("case-new-subject")).sendKeys("理科");
        browser.findElement(By.id("case-grade")).sendKeys("5");
        browser.findElement(By.id("case-submit")).click();
        waiting().until(d -> d.findElements(By.cssSelector("article.case")).stream()
                .anyMatch(a -> a.getText().contains(title)));
        String caseId = browser.findElements(By.cssSelector("article.case")).stream()
                .filter(a -> a.getText().contains(title)).findFirst().orElseThrow().getAttribute("data-case");
        screenshot("cases-board");
        logOut();

        logIn("school-a");
        awaitView("school");
        browser.findElement(By.id("nav-cases")).click();
        awaitView("cases");
        browser.findElement(By.id("case-q")).sendKeys("観察記録");
        browser.findElement(By.id("case-search-submit")).click();
        WebElement adopt = await(By.cssSelector("#case-results[data-query*='q='] [data-adopt='" + caseId + "']"));
        adopt.click();
        waiting().until(d -> d.findElement(By.cssSelector("article[data-case='" + caseId + "'] .ok")).isDisplayed());
        assertTrue(dist.json("/api/usage/cases/adoptions?schoolId=S-E01").path("items").toString()
                .contains("\"caseId\":" + caseId), "the adoption is stored for S-E01");
        screenshot("cases-school");
        logOut();
    }


    @Test
    @Order(18)
    void aSchoolEnrolsATeacherWhoSeesTheTrainingInTheirRecord() throws Exception {
        dist.listTeachers("S-E01", "A01");
        // A city course with room: the board adds one with a session, in the browser.
        logIn("tester");
        awaitView("city");
        inJapanese();
        browser.findElement(By.id("nav-trainings")).click();
        awaitView("trainings");
        String title = "e2e 授業支援ソフト活用研修 " + System.nanoTime();
        browser.findElement(By.id("course-title-ja")).sendKeys(title);
        browser.findElement(By.id("course-title-en")).sendKeys("Using the support software");
        browser.findElement(By.cssSelector("input[name=course-category][value=B]")).click();
        browser.findElement(By.id("course-submit")).click();
        WebElement course = waiting().until(d -> d.findElements(By.cssSelector("article.course")).stream()
                .filter(a -> a.getText().contains(title)).findFirst().orElse(null));
        String courseId = course.getAttribute("data-course");
        WebElement sessionForm = course.findElement(By.cssSelector("form[data-add-session]"));
        setValue(By.cssSelector("form[data-add-session='" + courseId + "'] input[name=heldOn]"), "2026-12-10");
        sessionForm.findElement(By.name("capacity")).sendKeys("20");
        sessionForm.findElement(By.name("place")).sendKeys("教育センター");
        sessionForm.findElement(By.cssSelector("button[type=submit]")).click();
        By session = By.cssSelector("article.course[data-course='" + courseId + "'] tr[data-session]");
        String sessionId = waiting().until(d -> d.findElements(session).isEmpty() ? null
                : d.findElement(session).getAttribute("data-session"));
        screenshot("trainings-board");
        logOut();

        // The school enrols its teacher A01 and records the attendance.
        logIn("school-a");
        awaitView("school");
        browser.findElement(By.id("nav-trainings")).click();
        awaitView("trainings");
        new org.openqa.selenium.support.ui.Select(await(By.cssSelector("tr[data-session='" + sessionId
                + "'] select[name=teacher]"))).selectByValue("A01");
        browser.findElement(By.cssSelector("[data-enrol='" + sessionId + "']")).click();
        waiting().until(d -> d.findElement(By.cssSelector("tr[data-session='" + sessionId + "'] td:nth-child(4)"))
                .getText().equals("1"));
        new org.openqa.selenium.support.ui.Select(await(By.cssSelector("tr[data-session='" + sessionId
                + "'] select[name=teacher]"))).selectByValue("A01");
        browser.findElement(By.cssSelector("[data-attend='" + sessionId + "']")).click();
        waiting().until(d -> d.findElement(By.cssSelector("tr[data-session='" + sessionId + "'] td:nth-child(5)"))
                .getText().equals("1"));
        screenshot("trainings-school");
        logOut();

        // The teacher sees it in their own training record, beside the trainings recommended for them.
        logIn("teacher-a");
        awaitView("checklist");
        WebElement row = await(By.cssSelector("#my-record tr[data-session='" + sessionId + "']"));
        assertTrue(row.getText().contains(title), row::getText);
        assertFalse(browser.findElements(By.id("my-recommendations")).isEmpty());
        screenshot("checklist-record");
        logOut();

        // The board sees who attended, school by school.
        logIn("tester");
        awaitView("city");
        browser.findElement(By.id("nav-trainings")).click();
        awaitView("trainings");
        await(By.cssSelector("details[data-enrolled='" + sessionId + "'] summary")).click();
        WebElement attendee = await(By.cssSelector("details[data-enrolled='" + sessionId
                + "'] li[data-teacher='S-E01/A01']"));
        assertTrue(attendee.getText().endsWith("受講"), attendee::getText);
        logOut();
    }


    @Test
    @Order(19)
    void aClassWhoseCheckInAndSoftwareRecordsDifferIsFlagged() throws Exception {
        JsonNode first = dist.json("/api/usage/schools/S-E01/classes").get(0);
        int grade = first.path("grade").asInt();
        String name = first.path("name").asText();
        String cls = "{\"schoolId\":\"S-E01\",\"grade\":" + grade + ",\"className\":\"" + name + "\"";
        // One more use recorded by the software, and a check-in three above what it recorded in all.
        Distribution.Response event = dist.post("/api/usage/events", "application/json", "[" + cls
                + ",\"at\":\"2025-06-10T10:00:00+09:00\",\"scene\":3,\"app\":\"e2e\"}]");
        assertEquals(200, event.status(), event::toString);
        int recorded = 0;
        for (JsonNode f : dist.json("/api/usage/check-ins?schoolId=S-E01&week=2025-06-09&fiscalYear=2025&limit=500")
                .path("items")) {
            if (f.path("grade").asInt() == grade && f.path("className").asText().equals(name)
                    && f.path("scene").asInt() == 3) {
                recorded = f.path("eventUses").asInt();
            }
        }
        assertTrue(recorded >= 1, "the software's use is counted");
        int reported = recorded + 3;
        Distribution.Response checkIn = dist.post("/api/usage/check-ins", "application/json", "[" + cls
                + ",\"week\":\"2025-06-09\",\"scenes\":[{\"scene\":3,\"count\":" + reported + "}]}]");
        assertEquals(200, checkIn.status(), checkIn::toString);

        logIn("tester");
        awaitView("city");
        open("#/school/S-E01");
        awaitView("school");
        setValue(By.id("self-report-week"), "2025-06-09");
        browser.executeScript("document.getElementById('self-report-week').dispatchEvent(new Event('change'))");
        WebElement cell = waiting().until(d -> {
            if (!"2025-06-09".equals(d.findElement(By.id("self-report-table")).getAttribute("data-week"))) {
                return null;
            }
            List<WebElement> found = d.findElements(By.cssSelector("#self-report-table tr[data-class='" + grade + "-"
                    + name + "'] td[data-scene='3']"));
            return found.isEmpty() ? null : found.get(0);
        });
        assertEquals("true", cell.getAttribute("data-apart"), cell::getText);
        assertEquals(reported + "/" + recorded, cell.getAttribute("data-value"), "reported / recorded");
        screenshot("self-report");
        logOut();
    }


    /**
     * A high school keeps its own measures (it has no scene targets): the board reads every school's on the city, a
     * measure is added and its progress recorded on the school's page; an elementary school's page shows its grades.
     */
    @Test
    @Order(20)
    void aHighSchoolKeepsItsOwnMeasuresAndASchoolPageShowsItsGrades() throws Exception {
        chooseYear(2025);
        logIn("tester");
        awaitView("city");
        await(By.cssSelector("#city-own-measures tr[data-measure]"));
        open("#/school/S-E01");
        awaitView("school");
        assertFalse(await(By.id("school-groups-tables")).findElements(By.cssSelector("tr[data-school]")).isEmpty(),
                "the school's grades");
        assertTrue(browser.findElements(By.id("own-measures")).isEmpty(), "an elementary school has scene targets");

        open("#/school/S-H01");
        awaitView("school");
        await(By.id("own-measures"));
        int before = browser.findElements(By.cssSelector("#own-measures article[data-measure]")).size();
        String measure = "探究の授業で1人1台端末を使った発表を全学年で行う";
        setValue(By.id("measure-text"), measure);
        setValue(By.id("measure-target"), "全学年で年2回以上");
        browser.findElement(By.id("measure-submit")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#own-measures article[data-measure]")).size() == before + 1);
        WebElement added = browser.findElements(By.cssSelector("#own-measures article[data-measure]")).stream()
                .filter(a -> a.getText().contains(measure)).findFirst().orElseThrow();
        String id = added.getAttribute("data-measure");
        setValue(By.id("progress-text-" + id), "1年生の発表を終えた");
        setValue(By.id("progress-percent-" + id), "40");
        added.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(d -> d.findElement(By.cssSelector("#own-measures article[data-measure='" + id + "']"))
                .getText().contains("(40%) 1年生の発表を終えた"));
        screenshot("own-measures");
        assertEquals(List.of(), accessibility("own-measures"), "accessibility violations");
        open("#/city");
        awaitView("city");
        WebElement row = await(By.cssSelector("#city-own-measures tr[data-measure='" + id + "']"));
        assertEquals("40", row.findElement(By.cssSelector("td[data-value]")).getAttribute("data-value"));
        logOut();
    }

    /**
     * A school's week and a teacher's checklist by keyboard alone: logging in, moving through the page with Tab (every
     * stop showing where the focus is), opening the recording page from the header and sending with Enter.
     */
    @Test
    @Order(21)
    void aSchoolAndATeacherDoTheirWorkByKeyboardAlone() throws Exception {
        open("#/public");
        awaitView("public");
        open("#/login");
        awaitView("login");
        logInByKeyboard("school-a");
        awaitView("school");
        await(By.cssSelector("#school-heatmap-chart canvas"));
        waiting().until(d -> "school-title".equals(d.switchTo().activeElement().getAttribute("id")));
        // The new view has the focus at its heading; the header is behind it.
        WebElement record = tabTo(e -> "nav-record".equals(e.getAttribute("id")), 40, true);
        record.sendKeys(Keys.ENTER);
        awaitView("record");
        await(By.id("check-in-form"));
        setValue(By.id("check-in-week"), "2025-06-16");
        browser.executeScript("document.getElementById('check-in-week').dispatchEvent(new Event('change'))");
        Thread.sleep(500);
        WebElement cell = tabTo(e -> "input".equals(e.getTagName()) && e.getAttribute("data-scene") != null, 60, false);
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.chord(Keys.CONTROL, "a")).sendKeys("3")
                .sendKeys(Keys.ENTER).perform();
        await(By.cssSelector("#check-in-result .ok"));
        assertEquals("3", cell.getDomProperty("value"));
        logOut();

        // A teacher's checklist by keyboard: through every question to the button, and Enter sends it.
        open("#/login");
        awaitView("login");
        logInByKeyboard("teacher-a");
        awaitView("checklist");
        WebElement form = await(By.id("checklist-form"));
        tabTo(e -> "checklist-submit".equals(e.getAttribute("id")), 150, false).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.stalenessOf(form));
        assertTrue(browser.findElements(By.cssSelector("#checklist-result .error")).isEmpty(), "sent and drawn again");
        logOut();
    }

    /** Logs in with the keys alone: the form opens on its first field; Tab to the password, Enter to send. */
    private static void logInByKeyboard(String user) {
        assertEquals("user", browser.switchTo().activeElement().getAttribute("id"), "the form opens on its first field");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(user).sendKeys(Keys.TAB)
                .sendKeys(dist.password(user)).sendKeys(Keys.ENTER).perform();
    }

    /**
     * Presses Tab (Shift+Tab when going {@code back}) from where the focus is until it reaches an element
     * {@code wanted} accepts; every element it stops at must show that it has the focus (an outline or the header's
     * highlight).
     */
    private static WebElement tabTo(java.util.function.Predicate<WebElement> wanted, int most, boolean back) {
        for (int i = 0; i < most; i++) {
            var keys = new org.openqa.selenium.interactions.Actions(browser);
            (back ? keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT) : keys.sendKeys(Keys.TAB)).perform();
            WebElement focused = browser.switchTo().activeElement();
            String shown = (String) browser.executeScript("""
                    const s = getComputedStyle(arguments[0]);
                    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline'
                      : s.backgroundColor !== 'rgba(0, 0, 0, 0)' && arguments[0].closest('#nav') ? 'highlight' : '';
                    """, focused);
            assertFalse(shown.isEmpty(), () -> "no visible focus on " + focused.getTagName() + "#"
                    + focused.getAttribute("id") + " " + focused.getText() + " " + browser.executeScript(
                            "return [document.hasFocus(), arguments[0].matches(':focus'), "
                            + "getComputedStyle(arguments[0]).outline].join(' ')", focused));
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("not reached by " + most + " presses of Tab");
    }

    /**
     * Follow-up: the board runs the weekly reminder (Monday 30 Nov 2026 on the platform's clock); a school with a class
     * that did not report the week before gets it by mail (a real SMTP server) once, however often the job runs, and
     * reads it in its inbox, where opening it marks it read; the console lists the job's run and the mail.
     */
    @Test
    @Order(25)
    void aSchoolReadsTheWeeklyReminderInItsInboxAndByMail() throws Exception {
        // S-E01 lists a class that has no record for last week (the demo's classes may all have reported).
        JsonNode classes = dist.json("/api/usage/schools/S-E01/classes");
        com.fasterxml.jackson.databind.node.ArrayNode list = Distribution.MAPPER.createArrayNode();
        classes.forEach(c -> list.addObject().put("grade", c.path("grade").asInt()).put("className", c.path("name").asText()));
        com.fasterxml.jackson.databind.node.ArrayNode withNew = list.deepCopy();
        withNew.addObject().put("grade", 6).put("className", "9");
        assertEquals(200, dist.send("PUT", "/api/usage/schools/S-E01/classes", withNew.toString()).status());
        try {
            Distribution.Response prefs = dist.sendAs("school-a", "PUT", "/api/notifications/preferences",
                    "{\"email\": \"joho@s-e01.example.jp\", \"language\": \"ja\"}");
            assertEquals(200, prefs.status(), prefs::toString);
            Distribution.Response bad = dist.sendAs("school-a", "PUT", "/api/notifications/preferences",
                    "{\"email\": \"not an address\"}");
            assertEquals(400, bad.status(), bad::toString);
            assertTrue(bad.body().contains("\"email\""), bad::toString);

            Distribution.Response run = dist.post("/api/notifications/jobs/usage.weekly-reminder/run",
                    "application/json", "{}");
            assertEquals(200, run.status(), run::toString);
            assertEquals("OK", run.json().path("outcome").asText(), run::toString);
            if (!smtp.waitForIncomingEmail(30_000, 1)) {
                org.junit.jupiter.api.Assertions.fail("the reminder did not reach the mail server: " + dist.get("/api/notifications/deliveries").body()
                        + " | the school's inbox: " + dist.getAs("school-a", "/api/notifications").body());
            }
            javax.mail.internet.MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("joho@s-e01.example.jp", mail.getAllRecipients()[0].toString());
            assertTrue(mail.getSubject().startsWith("[GIGA Plan] 端末活用の記録がまだのクラスがあります")
                    && mail.getSubject().contains("11月23日からの週"), mail.getSubject());
            String text = (String) mail.getContent();
            assertTrue(text.contains("6-9") && text.contains("https://gigaplan.example.jp/dashboard/#/record")
                    && text.contains("令和8年度"), text);
            // Run again: nothing is sent twice.
            assertEquals(200, dist.post("/api/notifications/jobs/usage.weekly-reminder/run", "application/json", "{}")
                    .status());
            Thread.sleep(5_000);
            assertEquals(1, smtp.getReceivedMessages().length, "once per school and week");

            logIn("school-a");
            awaitView("school");
            inJapanese();
            waiting().until(d -> !d.findElement(By.id("inbox-count")).getText().isBlank());
            int unreadBefore = Integer.parseInt(browser.findElement(By.id("inbox-count")).getText());
            browser.findElement(By.id("nav-inbox")).click();
            awaitView("inbox");
            WebElement reminder = await(By.cssSelector("li.notice[data-kind='usage.not-reporting']"));
            assertEquals("false", reminder.getAttribute("data-read"));
            WebElement subject = reminder.findElement(By.cssSelector(".notice-subject"));
            assertTrue(subject.getText().contains("11月23日からの週"), subject::getText);
            subject.click();
            WebElement body = reminder.findElement(By.cssSelector(".notice-body"));
            waiting().until(d -> body.isDisplayed());
            assertTrue(body.getText().contains("6-9"), body::getText);
            waiting().until(d -> "true".equals(reminder.getAttribute("data-read")));
            waiting().until(d -> {
                String n = d.findElement(By.id("inbox-count")).getText();
                return (n.isBlank() ? 0 : Integer.parseInt(n)) == unreadBefore - 1;
            });
            assertEquals("joho@s-e01.example.jp", browser.findElement(By.id("pref-email")).getAttribute("value"));
            screenshot("inbox-school");
            List<String> violations = new ArrayList<>(accessibility("inbox"));
            logOut();

            // The board's page: the jobs with the run just made, the delivery log, a test mail from the console.
            logIn("tester");
            awaitView("city");
            open("#/inbox");
            awaitView("inbox");
            WebElement job = await(By.cssSelector("#job-list tr[data-job='usage.weekly-reminder']"));
            assertTrue(job.getText().contains("OK"), job::getText);
            assertTrue(Integer.parseInt(await(By.id("delivery-list")).getAttribute("data-total")) >= 1);
            violations.addAll(accessibility("inbox-board"));
            screenshot("inbox-board");
            logOut();
            assertEquals(List.of(), violations, "accessibility violations");
            // The board gives its address: the findings follow-up and the monthly digest reach it by mail.
            assertEquals(200, dist.send("PUT", "/api/notifications/preferences",
                    "{\"email\": \"kyoiku@city.example.jp\", \"language\": \"ja\"}").status());
            for (String each : List.of("environment.follow-up", "platform.board-digest")) {
                Distribution.Response ran = dist.post("/api/notifications/jobs/" + each + "/run", "application/json",
                        "{}");
                assertEquals("OK", ran.json().path("outcome").asText(), ran::toString);
            }
            Distribution.await("the board's mails", TIMEOUT, () -> {
                List<String> subjects = new ArrayList<>();
                for (javax.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
                    if ("kyoiku@city.example.jp".equals(m.getAllRecipients()[0].toString())) {
                        subjects.add(m.getSubject());
                    }
                }
                assertTrue(subjects.stream().anyMatch(x -> x.contains("推奨帯域を下回っています"))
                        && subjects.stream().anyMatch(x -> x.startsWith("[GIGA Plan] 月次まとめ 2026年11月")),
                        subjects::toString);
            });
            int before = smtp.getReceivedMessages().length;
            String test = dist.console("notify:send-test --lang en kyoiku@city.example.jp");
            assertTrue(test.contains("Sent to kyoiku@city.example.jp"), test);
            assertTrue(smtp.waitForIncomingEmail(10_000, before + 1), "the test mail arrives");

            String jobs = dist.console("notify:jobs --lang en");
            assertTrue(jobs.contains("usage.weekly-reminder") && jobs.contains("OK")
                    && jobs.contains("outreach.parent-meeting-check") && jobs.contains("platform.digest"), jobs);
            String mails = dist.console("notify:list --lang en");
            assertTrue(mails.contains("joho@s-e01.example.jp") && mails.contains("SENT"), mails);
        } finally {
            dist.send("PUT", "/api/usage/schools/S-E01/classes", list.toString());
        }
    }

    /**
     * Last: a third party's module installed while the board's page is open adds its page, and takes it away; the
     * indicator it proposes joins the plan from the plan editor.
     */
    @Test
    @Order(30)
    void aThirdPartyModuleInstalledWhileThePageIsOpenAddsItsPage() throws Exception {
        logIn("tester");
        awaitView("city");
        assertTrue(browser.findElements(By.id("nav-samplemod")).isEmpty(), "not installed yet");
        String install = dist.installSampleModule();
        Distribution.await("the sample module's page to be listed (console said: " + install.strip() + ")", TIMEOUT,
                () -> assertTrue(dist.getAs(null, "/api/modules/pages").body().contains("samplemod")));
        try {
            // The page stays open; the next view asks which module pages there are.
            open("#/public");
            awaitView("public");
            open("#/city");
            awaitView("city");
            await(By.id("samplemod-card"));
            browser.findElement(By.id("nav-samplemod")).click();
            awaitView("samplemod");
            String pong = await(By.id("samplemod-pong")).getText();
            assertTrue(pong.equals("応答あり") || pong.equals("Answering"), () -> "its view calls its own API: " + pong);
            screenshot("third-party-page");
            // The indicator it proposes is offered in the plan editor until the board adds it.
            assertEquals(404, dist.get("/api/indicators/samplemod.visits").status(), "not in the plan yet");
            chooseYear(2025);
            open("#/plan-edit");
            awaitView("plan-edit");
            WebElement proposal = await(By.cssSelector("#plan-proposals tr[data-proposal='samplemod.visits']"));
            assertTrue(proposal.getText().contains("samplemod"), proposal::getText);
            screenshot("plan-proposals");
            proposal.findElement(By.tagName("button")).click();
            await(By.cssSelector("tr[data-indicator='samplemod.visits']"));
            assertTrue(browser.findElements(By.cssSelector("tr[data-proposal='samplemod.visits']")).isEmpty(),
                    "added, it is proposed no more");
            assertEquals("samplemod", dist.json("/api/indicators/samplemod.visits").path("module").asText());
        } finally {
            dist.console("feature:uninstall gigaplan-samplemod");
            Distribution.await("the sample module to be gone", TIMEOUT,
                    () -> assertFalse(dist.getAs(null, "/api/modules/pages").body().contains("samplemod")));
        }
        open("#/city");
        awaitView("city");
        assertTrue(browser.findElements(By.id("samplemod-card")).isEmpty(), "its card went with it");
        assertTrue(browser.findElements(By.id("nav-samplemod")).isEmpty(), "and its header link");
        logOut();
    }

    /** Whether the board has the training module on for a school. */
    private static boolean enabled(String school) {
        try {
            for (JsonNode s : dist.json("/api/modules/training/schools")) {
                if (school.equals(s.path("schoolId").asText())) {
                    return s.path("enabled").asBoolean();
                }
            }
            throw new AssertionError("no school " + school);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
