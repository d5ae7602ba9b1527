package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.rounds.RoundStep;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rounds of calls over the whole local stack: the alert function queues round 1's deadline, call-status callbacks
 * queue checks, the rounds function (fed by the local event source mapping from moto's SQS) re-dials, texts and marks
 * the incident unanswered. At speed 0.05 every delay (rings, the redial delay, deadlines) runs twenty times faster.
 * That no further round came is asserted once the last round's deadline step was taken by the rounds function and
 * everything it queued in turn (a next round's DIAL, after the redial delay) was taken too ({@link RoundSteps}), never
 * after a blind wait.
 */
class RoundsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalStack start(String... overrides) {
        StackOptions options = StackOptions.forTests(0.05);
        for (int i = 0; i < overrides.length; i += 2) {
            options = options.withParameter(overrides[i], overrides[i + 1]);
        }
        return LocalStack.start(options);
    }

    private static String incidentOf(LocalClient.Response alert) {
        assertEquals(202, alert.status(), String.valueOf(alert.json()));
        return alert.json().get("incidentId").asText();
    }

    private static JsonNode timeline(LocalClient client, String incidentId) {
        return client.get("/incidents/" + incidentId).json();
    }


    private static long calls(LocalStack stack, String to) {
        return stack.simulator().orElseThrow().createRequests().stream().filter(r -> to.equals(r.field("To"))).count();
    }

    /** Round {@code round}'s deadline has passed and what it queued has been taken: no more rounds are coming. */
    private static void deadlinePassed(LocalStack stack, String incidentId, int round) {
        stack.roundSteps().awaitSettledAfter(incidentId, RoundStep.Kind.END, round, WAIT);
    }

    @Test
    void whoMissesTheFirstCallJoinsInRoundTwoAndNoThirdRoundStarts() {
        try (LocalStack stack = start()) {
            LocalClient client = new LocalClient(stack);
            String id = incidentOf(client.alert("to=+818012345688&message=Disk full"));

            JsonNode joined = LocalClient.eventually(() -> timeline(client, id),
                    t -> LocalClient.callee(t, "+818012345688").path("outcome").asText().equals("joined"), WAIT);
            JsonNode callee = LocalClient.callee(joined, "+818012345688");
            assertEquals(2, callee.get("attempts").size(), joined.toString());
            assertEquals("no answer", callee.get("attempts").get(0).get("outcome").asText());
            assertEquals("joined", callee.get("attempts").get(1).get("outcome").asText());
            deadlinePassed(stack, id, 2);
            JsonNode t = timeline(client, id);
            assertEquals(2, t.get("rounds").asInt(), t.toString());
            assertEquals(2, calls(stack, "+818012345688"));
            assertEquals("open", t.get("status").asText());
        }
    }

    @Test
    void withCancelRingingOnStopTheFirstJoinCancelsTheCallsStillRinging() {
        try (LocalStack stack = start("CancelRingingOnStop", "true", "CallTimeoutSeconds", "600")) { // rings 30 s at 0.05
            LocalClient client = new LocalClient(stack);
            String id = incidentOf(client.alert("to=+818012345601,+818012345692&message=Disk full"));

            JsonNode t = LocalClient.eventually(() -> timeline(client, id),
                    x -> LocalClient.callee(x, "+818012345692").path("callStatus").asText().equals("canceled"), WAIT);
            assertEquals("canceled", LocalClient.callee(t, "+818012345692").get("outcome").asText(), t.toString());
            assertEquals("joined", LocalClient.callee(t, "+818012345601").get("outcome").asText());
            assertTrue(stack.simulator().orElseThrow().updateRequests().stream()
                    .anyMatch(r -> "canceled".equals(r.field("Status"))));
            assertEquals(0, stack.simulator().orElseThrow().messageRequests().size(), "a cancelled call is not a missed one");
        }
    }

    @Test
    void nobodyAnswersTwoRoundsThenUnansweredWithOneMissedCallText() {
        try (LocalStack stack = start("MaxRounds", "2")) {
            LocalClient client = new LocalClient(stack);
            String id = incidentOf(client.alert("to=+818012345692&message=Disk full"));

            JsonNode done = LocalClient.eventually(() -> timeline(client, id), t -> t.get("status").asText().equals("unanswered"), WAIT);

            JsonNode callee = LocalClient.callee(done, "+818012345692");
            assertEquals(2, callee.get("attempts").size(), done.toString());
            assertEquals(2, done.get("rounds").asInt());
            assertEquals("no answer", callee.get("outcome").asText());
            assertTrue(callee.get("missedCallText").isTextual(), done.toString());
            deadlinePassed(stack, id, 2); // a third round would have been dialled by now
            assertEquals(2, calls(stack, "+818012345692"));
            List<TwilioApiStandIn.CreateRequest> texts = stack.simulator().orElseThrow().messageRequests();
            assertEquals(1, texts.size(), texts.toString());
            assertTrue(texts.getFirst().field("Body").contains("Disk full"), texts.getFirst().field("Body"));
            assertTrue(texts.getFirst().field("Body").contains(" Live: " + stack.apiUrl() + "/ui/incidents/" + id + "#link="),
                    "the text links to the incident page: " + texts.getFirst().field("Body"));
        }
    }

    @Test
    void oneRoundOnlyWhenTheStopRuleIsMetByTheFirstJoin() {
        try (LocalStack stack = start("StopAfterJoined", "1")) {
            LocalClient client = new LocalClient(stack);
            String id = incidentOf(client.alert("to=+818012345601,+818012345602&message=Disk full"));

            LocalClient.eventually(() -> timeline(client, id), t -> t.get("onBridge").asInt() == 2, WAIT);
            deadlinePassed(stack, id, 1); // 80 s at speed 0.05: 4 s, and whatever it queued
            JsonNode t = timeline(client, id);
            assertEquals(1, t.get("rounds").asInt(), t.toString());
            assertEquals("open", t.get("status").asText());
            assertEquals(2, stack.simulator().orElseThrow().createRequests().size());
            assertEquals(0, stack.simulator().orElseThrow().messageRequests().size());
        }
    }

    @Test
    void roundsGoOnForWhoIsNotOnTheBridgeUntilStopAfterJoinedIsMet() {
        try (LocalStack stack = start("StopAfterJoined", "2", "MaxRounds", "3")) {
            LocalClient client = new LocalClient(stack);
            String id = incidentOf(client.alert("to=+818012345601,+818012345692&message=Disk full"));

            JsonNode done = LocalClient.eventually(() -> timeline(client, id), t -> t.get("rounds").asInt() == 3
                    && LocalClient.callee(t, "+818012345692").path("attempts").size() == 3
                    && LocalClient.callee(t, "+818012345692").path("attempts").path(2).path("callStatus").asText().equals("no-answer"), WAIT);
            assertEquals(1, LocalClient.callee(done, "+818012345601").get("attempts").size(), done.toString());
            assertEquals("joined", LocalClient.callee(done, "+818012345601").get("outcome").asText());
            assertEquals(1, calls(stack, "+818012345601"));
            // someone is on the bridge: the incident is not unanswered after the last round
            assertEquals("open", timeline(client, id).get("status").asText());
        }
    }

    @Test
    void aResolveDuringTheRedialDelayStopsTheRounds() {
        try (LocalStack stack = start("RedialDelaySeconds", "100")) { // 5 s at speed 0.05
            LocalClient client = new LocalClient(stack);
            String fire = "{\"dedup_key\": \"db-down\", \"message\": \"Database down\", \"to\": \"+818012345692\"}";
            String id = incidentOf(client.webhook("", fire));
            LocalClient.eventually(() -> calls(stack, "+818012345692"), n -> n == 1, WAIT);
            // round 1 ends (no answer) and round 2's DIAL waits out the redial delay in the queue: resolve now
            RoundStep roundTwo = new RoundStep(id, 2, RoundStep.Kind.DIAL);
            LocalClient.eventually(() -> stack.roundSteps().queued(id), steps -> steps.contains(roundTwo), WAIT);
            LocalClient.Response resolved = client.webhook("", "{\"dedup_key\": \"db-down\", \"status\": \"resolved\"}");
            assertEquals(200, resolved.status(), String.valueOf(resolved.json()));
            assertTrue(!stack.roundSteps().processed(id).contains(roundTwo), "resolved during the redial delay");

            // the delay is over and round 2's DIAL was taken (and everything queued after it)
            stack.roundSteps().awaitSettledAfter(id, RoundStep.Kind.DIAL, 2, WAIT);
            assertEquals(1, calls(stack, "+818012345692"));
            assertEquals("resolved", timeline(client, id).get("status").asText());
        }
    }

    @Test
    void aTierAddedFromRoundTwoIsDialledInRoundTwoOnly() {
        try (LocalStack stack = start("MaxRounds", "2")) {
            stack.putRoster("tiered", "+818012345692; round2: +818012345603");
            LocalClient client = new LocalClient(stack);
            LocalClient.Response alert = client.alert("team=tiered&message=Disk full");
            String id = incidentOf(alert);
            assertEquals(1, alert.json().get("calls").size(), alert.json().toString());
            assertEquals(0, calls(stack, "+818012345603"));

            JsonNode t = LocalClient.eventually(() -> timeline(client, id), x -> x.get("rounds").asInt() == 2
                    && LocalClient.callee(x, "+818012345603").path("outcome").asText().equals("joined"), WAIT);
            JsonNode lead = LocalClient.callee(t, "+818012345603");
            assertEquals(1, lead.get("attempts").size());
            assertEquals(2, lead.get("attempts").get(0).get("round").asInt());
            assertEquals(1, calls(stack, "+818012345603"));
        }
    }
}
