package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The on-call schedules on /ui, in headless Chromium over the local stack: each schedule's next two weeks, who and
 * when in the schedule's zone, an override marked.
 */
class SchedulesPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theListShowsTheNextTwoWeeksWithTheOverrideMarked() throws Exception {
        try (Browser browser = new Browser(1280, 900);
             LocalStack stack = LocalStack.start(StackOptions.forTests(0.5))) {
            LocalSeed.seed(stack);
            LocalClient client = new LocalClient(stack);
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
            assertEquals(201, client.post("/schedules/sre/overrides", "{\"start\": \"" + start + "\", \"end\": \""
                    + start.plus(Duration.ofHours(6)) + "\", \"add\": [\"carol\"], \"reason\": \"standby\"}").status());

            browser.open(stack.apiUrl() + "/ui#token=" + stack.options().alertToken());
            browser.until("the schedules", WAIT, () -> browser.visible("#schedules") && browser.text("#schedule-list").contains("carol"));
            String text = browser.text("#schedule-list");
            assertTrue(text.contains("sre (Asia/Tokyo)") && text.contains("alice") && text.contains("bob"), text);
            assertTrue(text.contains("override"), text);
            assertEquals(1L, browser.script("return document.querySelectorAll('#schedule-list li.override').length;"));
            assertEquals(List.of(), browser.pageErrors());
            browser.screenshot(RepoRoot.resolve("local/target/screenshots/schedules-1280.png"));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> described = (List<Map<String, Object>>) browser.script(
                    "return AB.describeShifts({zone: 'Asia/Tokyo', shifts: [{round: 1, people: ['alice'], overridden: false,"
                    + " start: '2027-01-02T15:00:00Z', end: '2027-01-09T15:00:00Z'}, {round: 2, people: ['bob', 'carol'],"
                    + " overridden: true, start: '2027-01-05T09:00:00Z', end: '2027-01-06T00:00:00Z'}]});");
            assertEquals("alice", described.get(0).get("who"));
            assertEquals("Sun 3 Jan, 00:00 – Sun 10 Jan, 00:00", described.get(0).get("when"));
            assertEquals("bob, carol (round 2)", described.get(1).get("who"));
            assertEquals(true, described.get(1).get("override"));
        }
    }
}
