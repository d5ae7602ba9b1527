package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.rounds.RoundStep;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Outages injected between the real handlers and the stand-ins ({@code POST /_local/faults}), end to end. The
 * invariants: an alert with callable numbers dials them; a key press ends on the bridge; no Twilio webhook gets a
 * 5xx; once the fault is off the timeline is complete within {@link #RECOVERY}, with no duplicate calls or joins.
 * No test waits a fixed time: what did not happen is asserted once the step that would have made it provably came
 * ({@link RoundSteps}), and what must have ended (a circuit breaker's open time) is awaited by asking again.
 */
class FaultMatrixEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** From switching a fault off to a complete timeline: the records queue's retry (60 s at speed 0.05: 3 s) and slack. */
    static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final String A = "+818012345601";
    private static final String B = "+818012345602";

    private static LocalStack start(String... overrides) {
        StackOptions options = StackOptions.forTests(0.05);
        for (int i = 0; i < overrides.length; i += 2) {
            options = options.withParameter(overrides[i], overrides[i + 1]);
        }
        return LocalStack.start(options);
    }


    private static void bothOnTheBridge(LocalStack stack, String incidentId) {
        LocalClient.eventually(() -> stack.simulator().orElseThrow().onBridge("alertbridge-" + incidentId), n -> n == 2, WAIT);
    }

    /** Pages A and B: the alert is answered 202 and both end on the bridge. */
    private static String pageBoth(LocalStack stack, LocalClient client) {
        LocalClient.Response alert = client.alert("to=" + A + "," + B + "&message=Disk full");
        assertEquals(202, alert.status(), String.valueOf(alert.json()));
        String id = alert.json().get("incidentId").asText();
        bothOnTheBridge(stack, id);
        return id;
    }

    private static void noWebhookGotA5xx(LocalStack stack) {
        List<TwilioSimulator.Webhook> failed = stack.simulator().orElseThrow().webhooks().stream()
                .filter(w -> w.status() >= 500 || w.status() == 0).toList();
        assertEquals(List.of(), failed);
    }

    /** Once the fault is off: both callees recorded, joined, once each. */
    private static JsonNode completeTimeline(LocalClient client, String incidentId) {
        JsonNode t = LocalClient.eventually(() -> client.get("/incidents/" + incidentId),
                r -> r.status() == 200 && r.json().get("onBridge").asInt() == 2
                        && LocalClient.callee(r.json(), A).path("outcome").asText().equals("joined")
                        && LocalClient.callee(r.json(), B).path("outcome").asText().equals("joined"), RECOVERY).json();
        assertEquals(2, t.get("callees").size(), t.toString());
        assertEquals(2, t.get("onBridge").asInt(), t.toString());
        return t;
    }

    @ParameterizedTest(name = "dynamodb={0}")
    @ValueSource(strings = {"unavailable", "throttle"})
    void withoutTheTableTheAlertDialsTheKeyPressBridgesAndEverythingIsWrittenAfterwards(String mode) {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            stack.faults().set("dynamodb", mode);

            LocalClient.Response alert = client.webhook("", "{\"dedup_key\": \"db\", \"message\": \"Disk full\", \"to\": \""
                    + A + "," + B + "\"}");
            assertEquals(202, alert.status(), String.valueOf(alert.json()));
            assertEquals(2, alert.json().get("calls").size());
            assertTrue(alert.json().get("degraded").toString().contains("dedup"), alert.json().toString());
            String id = alert.json().get("incidentId").asText();
            bothOnTheBridge(stack, id);
            LocalClient.Response unreadable = client.get("/incidents/" + id);
            assertEquals(503, unreadable.status(), "the timeline is unreadable meanwhile");
            assertEquals("store_unavailable", unreadable.json().get("error").asText());

            LocalClient.Response resolveMeanwhile = client.webhook("", "{\"dedup_key\": \"db\", \"status\": \"resolved\"}");
            assertEquals(503, resolveMeanwhile.status(), "a resolve waits for the table: the tool retries it");

            stack.faults().set("dynamodb", "off");
            completeTimeline(client, id);
            noWebhookGotA5xx(stack);
            assertEquals(2, stack.simulator().orElseThrow().createRequests().size());
            // the deferred dedup claim holds: a repeat now is deduplicated, once the alert function's circuit breaker,
            // opened by the resolve that failed as the fault ended, has closed again: a resolve of a key nobody
            // holds (it reads the table, writes nothing) answers 503 while it is open
            LocalClient.Response nothingToResolve = LocalClient.eventually(
                    () -> client.webhook("", "{\"dedup_key\": \"nobody-holds-this\", \"status\": \"resolved\"}"),
                    r -> r.status() != 503, WAIT);
            assertEquals(200, nothingToResolve.status(), String.valueOf(nothingToResolve.json()));
            LocalClient.Response repeat = client.webhook("", "{\"dedup_key\": \"db\", \"message\": \"Disk full\", \"to\": \""
                    + A + "\"}");
            assertEquals(200, repeat.status(), String.valueOf(repeat.json()));
            assertEquals(id, repeat.json().get("incidentId").asText());
        }
    }

    @Test
    void theRoundsWaitOutATableOutageAndGoOnAfterwards() {
        try (LocalStack stack = start("MaxRounds", "2", "RedialDelaySeconds", "20")) {
            LocalClient client = new LocalClient(stack);
            String nobody = "+818012345692";
            LocalClient.Response alert = client.alert("to=" + nobody + "&message=Disk full");
            assertEquals(202, alert.status(), String.valueOf(alert.json()));
            String id = alert.json().get("incidentId").asText();
            stack.faults().set("dynamodb", "unavailable"); // before round 1 ends (it rings 1.5 s)
            // round 1's deadline (80 s at speed 0.05: 4 s) comes, and the rounds function cannot take it without the table
            RoundStep deadline = new RoundStep(id, 1, RoundStep.Kind.END);
            stack.roundSteps().awaitFailed(id, deadline::equals, WAIT);
            assertFalse(stack.roundSteps().processed(id).contains(deadline), "the deadline waits in the queue");
            assertEquals(1, stack.simulator().orElseThrow().createRequests().size(), "no round starts without the table");

            stack.faults().set("dynamodb", "off");
            JsonNode t = LocalClient.eventually(() -> client.get("/incidents/" + id).json(),
                    x -> x.get("status").asText().equals("unanswered"), RECOVERY);
            assertEquals(2, LocalClient.callee(t, nobody).get("attempts").size(), t.toString());
            assertEquals(2, stack.simulator().orElseThrow().createRequests().size());
            noWebhookGotA5xx(stack);
        }
    }

    @Test
    void aSlowTableSlowsThePageButItGetsThrough() {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            stack.faults().set("dynamodb", "slow");
            String id = pageBoth(stack, client);
            stack.faults().set("dynamodb", "off");
            completeTimeline(client, id);
            noWebhookGotA5xx(stack);
        }
    }

    @Test
    void aWarmContainerPagesThroughAnSsmOutage() {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            // warm containers (Lambda keeps them): a cold one cannot start without SSM, as the fault matrix notes
            for (int i = 0; i < 2; i++) {
                completeTimeline(client, pageBoth(stack, client));
            }

            stack.faults().set("ssm", "unavailable");
            String id = pageBoth(stack, client);
            completeTimeline(client, id);
            noWebhookGotA5xx(stack);
        }
    }

    @Test
    void anSqsOutageNeverBlocksThePage() {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            stack.faults().set("sqs", "unavailable");
            String id = pageBoth(stack, client);
            completeTimeline(client, id);
            noWebhookGotA5xx(stack);
        }
    }

    @Test
    void callsTwilioCouldNotPlaceAreMadeInTheNextRound() {
        try (LocalStack stack = start("RedialDelaySeconds", "20", "MaxRounds", "3")) { // 1 s at speed 0.05
            LocalClient client = new LocalClient(stack);
            stack.faults().set("twilio", "5xx");
            LocalClient.Response alert = client.alert("to=" + A + "," + B + "&message=Disk full");
            assertEquals(502, alert.status(), String.valueOf(alert.json()));
            assertEquals(2, alert.json().get("failed").size());
            String id = alert.json().get("incidentId").asText();

            stack.faults().set("twilio", "off");
            // round 1 ends at its deadline (about 4 s here); round 2 dials both
            bothOnTheBridge(stack, id);
            JsonNode t = completeTimeline(client, id);
            assertEquals(2, LocalClient.callee(t, A).get("attempts").size(), t.toString());
            noWebhookGotA5xx(stack);
        }
    }

    @Test
    void faultsAreSwitchedOverHttpAndABadOneIsRefused() {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            LocalClient.Response on = client.faults("dynamodb=unavailable&twilio=timeout");
            assertEquals(200, on.status());
            assertEquals("unavailable", on.json().get("dynamodb").asText());
            assertEquals("timeout", on.json().get("twilio").asText());
            LocalClient.Response bad = client.faults("dynamodb=melted");
            assertEquals(400, bad.status());
            assertEquals("invalid_fault", bad.json().get("error").asText());
            assertEquals("off", client.faults("dynamodb=off&twilio=off").json().get("dynamodb").asText());
        }
    }
}
