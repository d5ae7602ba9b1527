package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Dialling in over the local stack: {@code POST /_local/call_in} has the simulator call our number, Twilio's signed
 * voice webhook reaches {@code /call_in}, and the caller (who presses 1 when asked) hears what we answer.
 */
class DialInEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** On the local rosters {@code sre} and {@code oncall} ({@link LocalStack#SAMPLE_ROSTER}). */
    private static final String ROSTER_NUMBER = "+818012345601";

    private static String dialIn(LocalStack stack, String from) {
        LocalClient.Response call = new LocalClient(stack).callIn(from);
        assertEquals(202, call.status(), String.valueOf(call.json()));
        return call.json().get("callSid").asText();
    }

    private static List<String> heardWhenDone(LocalStack stack, String callSid) {
        return LocalClient.eventually(() -> stack.simulator().orElseThrow().finishedCalls().get(callSid),
                java.util.Objects::nonNull, WAIT).heard();
    }

    @Test
    void aRosterMemberDiallingInJoinsTheOpenIncidentsBridgeAndTheRoundsStop() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient client = new LocalClient(stack);
            LocalClient.Response alert = client.alert("to=+818012345692&message=Disk full on db-1");
            String id = alert.json().get("incidentId").asText();

            String sid = dialIn(stack, ROSTER_NUMBER);

            JsonNode t = LocalClient.eventually(() -> client.get("/incidents/" + id).json(),
                    x -> StreamSupport.stream(x.get("callees").spliterator(), false)
                            .anyMatch(c -> c.get("via").asText().equals("call-in") && c.get("outcome").asText().equals("joined")), WAIT);
            JsonNode caller = StreamSupport.stream(t.get("callees").spliterator(), false)
                    .filter(c -> c.get("via").asText().equals("call-in")).findFirst().orElseThrow();
            assertEquals(ROSTER_NUMBER, caller.get("to").asText());
            assertEquals(sid, caller.get("callSid").asText());
            assertTrue(String.join(" ", stack.simulator().orElseThrow().heard(sid)).contains("Disk full on db-1"),
                    stack.simulator().orElseThrow().heard(sid).toString());
            assertEquals(1, stack.simulator().orElseThrow().onBridge("alertbridge-" + id));

            // round 1 ends (no answer) and its deadline step is taken, with all it queued: someone is on the bridge, no round 2
            stack.roundSteps().awaitSettledAfter(id, alertbridge.rounds.RoundStep.Kind.END, 1, WAIT);
            assertEquals(1, client.get("/incidents/" + id).json().get("rounds").asInt());
            assertEquals(1, stack.simulator().orElseThrow().createRequests().size());
        }
    }

    @Test
    void aCallerOnNoRosterIsRefusedAndHearsNothingAboutIncidents() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient client = new LocalClient(stack);
            String id = client.alert("to=+818012345692&message=Disk full on db-1").json().get("incidentId").asText();

            List<String> heard = heardWhenDone(stack, dialIn(stack, "+14155550123"));

            assertEquals(List.of("This number is not on an on-call roster. Goodbye."), heard);
            assertTrue(StreamSupport.stream(client.get("/incidents/" + id).json().get("callees").spliterator(), false)
                    .noneMatch(c -> c.get("via").asText().equals("call-in")));
        }
    }

    @Test
    void withNoOpenIncidentTheCallerIsToldSo() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            List<String> heard = heardWhenDone(stack, dialIn(stack, ROSTER_NUMBER));

            assertEquals(List.of("There is no open incident right now. Goodbye."), heard);
        }
    }

    @Test
    void aCallerNumberThatIsNotANumberIsRefusedWithJson() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient.Response response = new LocalClient(stack).callIn("not-a-number");
            assertEquals(400, response.status());
            assertEquals("invalid_from", response.json().get("error").asText());
        }
    }
}
