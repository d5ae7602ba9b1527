package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Check-ins over the local stack: the checks API and pings (ChecksFunction), the detector (CheckDetectorFunction,
 * which the local runner runs every ~1 s here as EventBridge Scheduler runs it every minute), the alert path and the
 * Twilio simulator playing the phones.
 */
class ChecksEndToEndTest {
    private static LocalStack stack;
    private static LocalClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.02));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LocalClient.Response put(String name, String json) {
        return client.put("/checks/" + name, json);
    }

    private static LocalClient.Response ping(String url, String method, String body) {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static List<String> dialled() {
        return stack.simulator().orElseThrow().createRequests().stream().map(r -> r.field("To")).toList();
    }

    private static long dialsTo(String number) {
        return dialled().stream().filter(number::equals).count();
    }

    @Test
    void aShortPeriodCheckIsPingedMissesPagesItsTeamWhoJoinAndTheNextPingResolves() {
        String name = name("nightly-backup");
        LocalClient.Response made = put(name, "{\"periodSeconds\": 2, \"graceSeconds\": 1, \"team\": \"sre\"}");
        assertEquals(201, made.status(), String.valueOf(made.json()));
        String pingUrl = made.json().get("pingUrl").asText();
        assertTrue(pingUrl.startsWith(stack.apiUrl() + "/ping/"), pingUrl);
        assertFalse(pingUrl.contains(name), "the ping URL carries a key, not the name");
        assertEquals("new", made.json().get("state").asText());

        LocalClient.Response pinged = ping(pingUrl, "GET", null);
        assertEquals(200, pinged.status(), String.valueOf(pinged.json()));
        assertEquals("up", pinged.json().get("state").asText());

        // no ping for period + grace (3 s): the detector flips it down and pages the sre roster
        JsonNode down = eventually(() -> client.get("/checks/" + name).json(),
                c -> "down".equals(c.get("state").asText()) && c.hasNonNull("incidentId"), Duration.ofSeconds(30));
        String incident = down.get("incidentId").asText();
        JsonNode bridge = eventually(() -> client.get("/incidents/" + incident).json(), t -> t.get("onBridge").asInt() == 2,
                Duration.ofSeconds(30));
        assertTrue(bridge.get("message").asText().startsWith("Check " + name + " is down: no ping since "), bridge.toString());
        assertEquals(Set.of("+818012345601", "+818012345602"), bridge.get("callees").findValuesAsText("to").stream()
                .collect(Collectors.toSet()));
        int dials = dialled().size();

        LocalClient.Response back = ping(pingUrl, "POST", "backup finished in 42 s");
        assertEquals(200, back.status());
        assertEquals("up", back.json().get("state").asText());
        JsonNode resolved = client.get("/incidents/" + incident).json();
        assertEquals("resolved", resolved.get("status").asText());
        assertEquals("check:" + name, resolved.get("resolvedBy").asText());
        assertEquals(dials, dialled().size(), "resolving dials nobody");
        JsonNode check = client.get("/checks/" + name).json();
        assertTrue(check.get("incidentId").isNull());
        assertEquals("backup finished in 42 s", check.get("pings").get(0).get("body").asText());
        assertEquals(incident, down.get("incidentId").asText());
        client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/checks/" + name))
                .header("Authorization", "Bearer " + stack.options().alertToken()).DELETE());
    }

    @Test
    void failAndANonZeroExitStatusPageAtOnceWithTheBodyKeptAsDiagnostics() {
        String name = name("etl");
        String number = "+818012345611";
        LocalClient.Response made = put(name, "{\"cron\": \"0 3 * * *\", \"tz\": \"Asia/Tokyo\", \"graceSeconds\": 600,"
                + " \"to\": [\"" + number + "\"]}");
        assertEquals(201, made.status(), String.valueOf(made.json()));
        String pingUrl = made.json().get("pingUrl").asText();

        LocalClient.Response failed = ping(pingUrl + "/fail", "POST", "ERROR: relation \"orders\" does not exist");
        assertEquals(200, failed.status(), String.valueOf(failed.json()));
        assertEquals("down", failed.json().get("state").asText());
        assertEquals(1, dialsTo(number), "paged at once, not at the next detector run");
        JsonNode first = client.get("/checks/" + name).json();
        String firstIncident = first.get("incidentId").asText();
        assertTrue(client.get("/incidents/" + firstIncident).json().get("message").asText()
                .startsWith("Check " + name + " reported a failure at "), "says which job and when");
        assertEquals("ERROR: relation \"orders\" does not exist", first.get("pings").get(0).get("body").asText());
        assertEquals(200, ping(pingUrl + "/fail", "GET", null).status());
        assertEquals(1, dialsTo(number), "already down: a second failure does not page again");

        assertEquals("up", ping(pingUrl + "/0", "POST", "").json().get("state").asText(), "exit status 0 is success");
        assertEquals("resolved", client.get("/incidents/" + firstIncident).json().get("status").asText());

        LocalClient.Response exit3 = ping(pingUrl + "/3", "POST", "rsync error");
        assertEquals("down", exit3.json().get("state").asText());
        assertEquals(2, dialsTo(number));
        JsonNode second = client.get("/checks/" + name).json();
        assertFalse(firstIncident.equals(second.get("incidentId").asText()), "a new incident");
        assertEquals(3, second.get("lastPing").get("exitStatus").asInt());
        assertTrue(client.get("/incidents/" + second.get("incidentId").asText()).json().get("message").asText()
                .contains("with exit status 3"));
    }

    /** The scheduled runs plus six more started at once over one overdue check: one page, one incident. */
    @Test
    void overlappingDetectorRunsPageOnce() throws Exception {
        String name = name("overlap");
        String number = "+818012345612";
        LocalClient.Response made = put(name, "{\"periodSeconds\": 1, \"graceSeconds\": 0, \"to\": [\"" + number + "\"]}");
        assertEquals(201, made.status(), String.valueOf(made.json()));
        List<RequestHandler<Map<String, Object>, Map<String, Object>>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(stack.newContainer("CheckDetectorFunction"));
        }
        Thread.sleep(1100); // due now; the stack's own scheduled run may come first, or in the middle
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(runs.size())) {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (var run : runs) {
                results.add(pool.submit(() -> {
                    go.await();
                    return run.handleRequest(Map.of(), null);
                }));
            }
            go.countDown();
            for (var r : results) {
                r.get();
            }
        }
        JsonNode down = eventually(() -> client.get("/checks/" + name).json(), c -> c.hasNonNull("incidentId"),
                Duration.ofSeconds(20));
        stack.schedules().awaitRuns(2, Duration.ofSeconds(20)); // two more scheduled runs, started after the page
        assertEquals(1, dialsTo(number), "paged once: " + dialled());
        assertEquals(down.get("incidentId").asText(), client.get("/checks/" + name).json().get("incidentId").asText());
    }

    /** Lost conditional writes are read again and re-applied after a jittered pause: contention is never a 5xx. */
    @Test
    void fiftyPingsAndTwentyPutsAtOnceAreNeverA5xx() throws Exception {
        String name = name("contended");
        String spec = "{\"periodSeconds\": 3600, \"team\": \"sre\"}";
        String pingUrl = put(name, spec).json().get("pingUrl").asText();
        List<Integer> pings = atOnce(50, () -> ping(pingUrl, "GET", null).status());
        assertEquals(List.of(200), pings.stream().distinct().toList(), "50 pings at once: " + pings);
        assertEquals("up", client.get("/checks/" + name).json().get("state").asText());

        List<Integer> puts = atOnce(20, () -> put(name, spec).status());
        assertTrue(puts.stream().allMatch(s -> s == 200 || s == 409), "20 PUTs at once: " + puts);
        JsonNode after = client.get("/checks/" + name).json();
        assertEquals(pingUrl, after.get("pingUrl").asText(), "the key is kept");
        assertEquals("up", after.get("state").asText());
    }

    private static List<Integer> atOnce(int n, java.util.concurrent.Callable<Integer> request) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> r : results) {
                statuses.add(r.get());
            }
            return statuses;
        }
    }

    @Test
    void theApiSaysWhatIsWrong() {
        LocalClient.Response bad = put(name("bad"), "{\"periodSeconds\": 300}");
        assertEquals(400, bad.status());
        assertEquals("invalid_check", bad.json().get("error").asText());
        assertTrue(bad.json().get("detail").asText().contains("whom to page"));
        assertEquals("invalid_json", put(name("bad"), "{not json").json().get("error").asText());
        LocalClient.Response noRoster = put(name("bad"), "{\"periodSeconds\": 300, \"team\": \"nobody-here\"}");
        assertEquals(400, noRoster.status());
        assertEquals("unknown_team", noRoster.json().get("error").asText(), "refused now, not found out at 3 a.m.");
        assertEquals("invalid_check_name", put("bad%20name", "{\"periodSeconds\": 300, \"team\": \"sre\"}").json().get("error").asText());
        assertEquals(401, client.getWithoutToken("/checks").status());
        assertEquals(404, ping(stack.apiUrl() + "/ping/" + "A".repeat(22), "GET", null).status());
        assertEquals("unknown_ping_key", ping(stack.apiUrl() + "/ping/x", "POST", "").json().get("error").asText());

        String name = name("gone");
        String pingUrl = put(name, "{\"periodSeconds\": 3600, \"team\": \"sre\"}").json().get("pingUrl").asText();
        assertEquals(400, ping(pingUrl + "/256", "GET", null).status());
        assertEquals(200, ping(pingUrl + "/start", "HEAD", null).status(), "HEAD pings too");
        LocalClient.Response updated = put(name, "{\"periodSeconds\": 7200, \"team\": \"sre\"}");
        assertEquals(200, updated.status());
        assertEquals(pingUrl, updated.json().get("pingUrl").asText(), "the key is kept");
        assertEquals("started", updated.json().get("state").asText());
        assertTrue(client.get("/checks").json().get("checks").findValuesAsText("name").contains(name));
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/checks/" + name))
                .header("Authorization", "Bearer " + stack.options().alertToken()).DELETE()).status());
        assertEquals(404, ping(pingUrl, "GET", null).status(), "a deleted check's key is gone");
        assertEquals(404, client.get("/checks/" + name).status());
    }
}
