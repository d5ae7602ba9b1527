package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.auth.IncidentLinks;
import alertbridge.testkit.RepoRoot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incident page in a real browser (Debian's chromium, headless) over the whole local stack: an incident pages five
 * simulated people who behave differently, the page shows each one's lane change as the simulator plays the calls,
 * the link in the missed-call text opens the page without a token, altered and expired links are refused in words,
 * and the page's script logs no error. It also writes the README's screenshots: to local/target/screenshots, and to
 * docs/ with {@code -Dalertbridge.updateScreenshots=true}.
 */
class IncidentPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** Answers and joins; joins then leaves; busy (texted a link); answers after ~8 s (4 s here); voicemail. */
    private static final List<String> CALLEES = List.of("+818012345601", "+818012345695", "+818012345691", "+818012345698",
            "+818012345693");
    private static LocalStack stack;
    private static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser(1280, 900); // first: without chromium, fail fast and say how to install it
        stack = LocalStack.start(StackOptions.forTests(0.5).withParameter("RedialDelaySeconds", "600"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static String lane(String to) {
        return "li.lane[data-to='" + to + "'] .outcome";
    }

    @Test
    void thePageFollowsEachCalleeAndASharedLinkOpensItWithoutTheToken() throws Exception {
        LocalClient client = new LocalClient(stack);
        LocalClient.Response alert = client.alert("to=" + String.join(",", CALLEES) + "&message=Database primary is down");
        assertEquals(202, alert.status(), String.valueOf(alert.json()));
        String id = alert.json().get("incidentId").asText();

        browser.size(1280, 900);
        browser.open(stack.apiUrl() + "/ui/incidents/" + id + "#token=" + stack.options().alertToken());
        browser.until("the page shows the incident", WAIT, () -> browser.text("#message").equals("Database primary is down"));
        assertEquals("", browser.script("return location.hash;"), "the token leaves the address bar at once");
        double lanesTop = ((Number) browser.script("return document.getElementById('lanes').getBoundingClientRect().top;")).doubleValue();

        // every lane's outcomes as the page shows them, refresh after refresh
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        CALLEES.forEach(to -> seen.put(to, new LinkedHashSet<>()));
        browser.until("every callee's call played out", WAIT, () -> {
            CALLEES.forEach(to -> seen.get(to).add(browser.text(lane(to))));
            return browser.text(lane("+818012345601")).equals("joined")
                    && browser.text(lane("+818012345695")).equals("joined, then left")
                    && browser.text(lane("+818012345691")).equals("busy")
                    && browser.text(lane("+818012345698")).equals("joined")
                    && browser.text(lane("+818012345693")).startsWith("answered");
        });
        assertTrue(seen.get("+818012345698").stream().anyMatch(o -> o.equals("ringing") || o.equals("calling")),
                "the slow answerer's lane was seen ringing before it joined: " + seen);
        assertTrue(seen.get("+818012345695").contains("joined"), "the leaver's lane was seen joined, then left: " + seen);
        assertTrue(browser.text("#fact-bridge").startsWith("2 · first joined after"), browser.text("#fact-bridge"));
        assertTrue(browser.text("li.lane[data-to='+818012345691'] .attempts").contains("Round 1: busy"));
        assertEquals("On a roster? Join by phone: " + LocalStack.CALLER_NUMBER, browser.text("#dial"));
        assertEquals("tel:" + LocalStack.CALLER_NUMBER, browser.script("return document.getElementById('dial').getAttribute('href');"));
        assertEquals(lanesTop, ((Number) browser.script("return document.getElementById('lanes').getBoundingClientRect().top;")).doubleValue(),
                "nothing above the lanes moved while the page refreshed");
        screenshots(id);
        assertNoErrors(List.of());

        // the busy callee's missed-call text carries a link to this page: opened in a new tab, without the token
        String sms = LocalClient.eventually(() -> stack.simulator().orElseThrow().messageRequests().stream()
                .filter(m -> "+818012345691".equals(m.field("To"))).map(m -> m.field("Body")).findFirst().orElse(""),
                body -> body.contains("#link="), WAIT);
        String link = sms.substring(sms.indexOf("Live: ") + "Live: ".length());
        assertTrue(link.startsWith(stack.apiUrl() + "/ui/incidents/" + id + "#link="), sms);
        browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.open(link);
        assertEquals(null, browser.script("return sessionStorage.getItem('alertbridge.token');"), "a fresh tab holds no token");
        browser.until("the link opens the incident", WAIT, () -> browser.text("#message").equals("Database primary is down"));
        browser.until("lanes", WAIT, () -> !browser.text(lane("+81******5601")).isEmpty());
        assertEquals("joined", browser.text(lane("+81******5601")), "a link holder sees the numbers masked");
        assertFalse(browser.visible("#back"), "no way to the list without the token");
        assertNoErrors(List.of());

        // an altered link and an expired one are refused, in words
        String tag = link.substring(link.lastIndexOf('.') + 1);
        String altered = link.substring(0, link.lastIndexOf('.') + 1) + (tag.charAt(0) == 'A' ? 'B' : 'A') + tag.substring(1);
        refused(altered, "This link is not valid");
        String expired = IncidentLinks.parse(stack.incidentLinkSecret(), Clock.fixed(Instant.now().minusSeconds(7200), ZoneOffset.UTC))
                .url(stack.apiUrl(), id, Duration.ofHours(1));
        refused(expired, "This link has expired");
    }

    /** The list, and the check-ins as GET /checks gives them: one up, one that reported a failure and paged. */
    @Test
    void theListShowsTheIncidentAndTheCheckIns() {
        LocalClient client = new LocalClient(stack);
        assertEquals(202, new LocalClient(stack).alert("to=+818012345602&message=Queue backlog growing").status());
        String up = "heartbeat-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String down = "nightly-backup-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String upPing = putCheck(up, "{\"periodSeconds\": 3600, \"graceSeconds\": 60, \"team\": \"sre\"}");
        String downPing = putCheck(down, "{\"cron\": \"0 3 * * *\", \"tz\": \"Asia/Tokyo\", \"to\": [\"+818012345604\"]}");
        assertEquals(200, client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(upPing))
                .GET()).status());
        assertEquals("down", client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(downPing + "/3"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("rsync error"))).json().get("state").asText());
        browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.open(stack.apiUrl() + "/ui#token=" + stack.options().alertToken());
        browser.until("the list", WAIT, () -> browser.text("#incident-list").contains("Queue backlog growing"));
        browser.until("the list's details", WAIT, () -> browser.text("#incident-list").contains("on the bridge"));
        browser.until("check-ins", WAIT, () -> browser.text("#check-list").contains(down));
        String checks = browser.text("#check-list");
        assertTrue(checks.contains("up: pinged on time") && checks.contains(up), checks);
        assertTrue(checks.contains("down: reported a failure") && checks.contains("failed (exit status 3)"), checks);
        assertTrue(checks.contains("cron 0 3 * * * (Asia/Tokyo)"), checks);
        assertTrue(checks.contains("Open its incident"), "the down check links its incident: " + checks);
        assertTrue(client.get("/incidents").status() == 200);
        assertNoErrors(List.of());
        browser.screenshot(RepoRoot.resolve("local/target/screenshots/incident-list-1280.png"));
    }

    private static String putCheck(String name, String json) {
        LocalClient.Response made = new LocalClient(stack).put("/checks/" + name, json);
        assertEquals(201, made.status(), String.valueOf(made.json()));
        return made.json().get("pingUrl").asText();
    }

    @Test
    void aResolvedIncidentStopsRefreshing() throws Exception {
        String resolved;
        try (var in = IncidentPageBrowserTest.class.getResourceAsStream("/events/payloads/alertmanager-resolved.json")) {
            resolved = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        LocalClient client = new LocalClient(stack);
        LocalClient.Response firing = client.webhook("to=%2B818012345603", resolved.replace("\"resolved\"", "\"firing\""));
        assertEquals(202, firing.status(), String.valueOf(firing.json()));
        String id = firing.json().get("incidentId").asText();
        browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.open(stack.apiUrl() + "/ui/incidents/" + id + "#token=" + stack.options().alertToken());
        browser.until("the callee joins", WAIT, () -> browser.text(lane("+818012345603")).equals("joined"));
        assertTrue(browser.text("#status").startsWith("Live"), browser.text("#status"));

        assertEquals(200, client.webhook("to=%2B818012345603", resolved).status());
        browser.until("the page sees the resolve", WAIT, () -> browser.text("#status").equals("Resolved · no longer refreshing"));
        assertTrue(browser.text("#fact-status").startsWith("resolved"), browser.text("#fact-status"));
        long asked = timelineRequests(id);
        Thread.sleep(7000); // more than two refresh periods
        assertEquals(asked, timelineRequests(id), "no request for the timeline once it is resolved");
        assertNoErrors(List.of());
    }

    private static long timelineRequests(String id) {
        return stack.api().recentEvents().stream().filter(e -> ("/incidents/" + id).equals(e.get("path"))).count();
    }

    /** The check-ins' words, from GET /checks' shape, by the page's own functions (404 and 500 included). */
    @Test
    @SuppressWarnings("unchecked")
    void checkInsAreWrittenOut() {
        browser.open(stack.apiUrl() + "/ui");
        browser.until("the script", WAIT, () -> Boolean.TRUE.equals(browser.script("return !!window.AB;")));
        long now = Instant.parse("2026-12-01T03:20:00Z").toEpochMilli();
        Map<String, Object> down = new LinkedHashMap<>(Map.of("name", "nightly-backup", "state", "down", "cron", "0 3 * * *",
                "tz", "Asia/Tokyo", "graceSeconds", 600, "nextDeadline", "2026-12-01T03:10:00Z", "incidentId", "AbCdEfGhIjKlMnOpQrStUv"));
        down.put("lastPing", Map.of("kind", "fail", "at", "2026-12-01T03:00:05Z", "exitStatus", 3));
        Map<String, Object> d = (Map<String, Object>) browser.script("return AB.describeCheck(arguments[0], arguments[1]);", down, now);
        assertEquals("down: reported a failure", d.get("state"));
        assertTrue(((String) d.get("lastPing")).startsWith("failed (exit status 3), "), d.toString());
        assertTrue(((String) d.get("lastPing")).endsWith("(20 min ago)"), d.toString());
        assertTrue(((String) d.get("nextDeadline")).endsWith("(10 min ago)"), d.toString());
        assertEquals("cron 0 3 * * * (Asia/Tokyo), 10 min grace", d.get("schedule"));

        Map<String, Object> fresh = new LinkedHashMap<>(Map.of("name", "heartbeat", "state", "new", "periodSeconds", 300,
                "graceSeconds", 60));
        fresh.put("lastPing", null);
        fresh.put("nextDeadline", null);
        Map<String, Object> f = (Map<String, Object>) browser.script("return AB.describeCheck(arguments[0], arguments[1]);", fresh, now);
        assertEquals("new: no ping yet", f.get("state"));
        assertEquals("never", f.get("lastPing"));
        assertEquals("none", f.get("nextDeadline"));
        assertEquals("every 5 min, 60 s grace", f.get("schedule"));

        browser.script("document.getElementById('checks').hidden = false; AB.renderChecks(200, {checks: [arguments[0], arguments[1]]}, arguments[2]);",
                down, fresh, now);
        assertTrue(browser.text("#check-list").contains("down: reported a failure"), browser.text("#check-list"));
        down.put("lastPing", Map.of("kind", "success", "at", "2026-12-01T03:00:05Z"));
        assertEquals("down: missed its deadline", ((Map<String, Object>) browser.script(
                "return AB.describeCheck(arguments[0], arguments[1]);", down, now)).get("state"));
        assertEquals(2L, browser.script("return document.querySelectorAll('#check-list li').length;"));
        browser.script("AB.renderChecks(404, null, 0);");
        assertEquals("No check-ins", browser.text("#check-list"));
        browser.script("AB.renderChecks(500, null, 0);");
        assertEquals("Check-ins could not be read (HTTP 500)", browser.text("#check-list"));
        assertEquals(List.of(), browser.pageErrors());
        browser.consoleErrors(); // read (and so cleared)
    }

    private static void refused(String url, String title) {
        browser.script("sessionStorage.clear();");
        browser.open("about:blank"); // else only the fragment changes: the same document, not loaded again
        browser.open(url);
        browser.until("the refusal: " + title, WAIT, () -> browser.visible("#refused") && browser.text("#refused-title").equals(title));
        assertTrue(browser.visible("#token-form"), "the token can still be typed in");
        assertFalse(browser.visible("#incident"), "nothing of the incident shows");
        assertNoErrors(List.of("Failed to load resource: the server responded with a status of 401"));
    }

    /** No uncaught error and nothing on the console beyond the refusals the step expects (failed requests are logged). */
    private static void assertNoErrors(List<String> expected) {
        assertEquals(List.of(), browser.pageErrors());
        List<String> unexpected = new ArrayList<>();
        for (String error : browser.consoleErrors()) {
            if (expected.stream().noneMatch(error::contains)) {
                unexpected.add(error);
            }
        }
        assertEquals(List.of(), unexpected, "console errors");
    }

    private static void screenshots(String id) {
        boolean update = Boolean.getBoolean("alertbridge.updateScreenshots");
        for (int width : new int[] {1280, 360}) {
            browser.size(width, width == 360 ? 1500 : 1000);
            browser.until("the lanes at " + width + " px", WAIT, () -> browser.text(lane("+818012345601")).equals("joined"));
            String name = "incident-page-" + width + ".png";
            browser.screenshot(RepoRoot.resolve("local/target/screenshots/" + name));
            if (update) {
                browser.screenshot(RepoRoot.resolve("docs/" + name));
            }
            assertTrue(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue() <= width,
                    "nothing wider than the window at " + width + " px");
        }
        browser.size(1280, 900);
    }
}
