package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dialling in while a stand-in fails ({@code POST /_local/faults}), end to end. The join function is warm: it listed
 * the open incident for an earlier caller, as Lambda keeps a container between calls. Under each fault the next
 * caller on the roster still hears the alert, presses 1 and joins the bridge; with nothing listed before, a table
 * outage gets a clear sentence instead of the technical-problem goodbye.
 */
class DialInUnderFaultsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Both on the local rosters ({@link LocalStack#SAMPLE_ROSTER}). */
    private static final String FIRST = "+818012345601";
    private static final String SECOND = "+818012345602";

    private static String dialIn(LocalStack stack, String from) {
        LocalClient.Response call = new LocalClient(stack).callIn(from);
        assertEquals(202, call.status(), String.valueOf(call.json()));
        return call.json().get("callSid").asText();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dynamodb=unavailable", "dynamodb=throttle", "ssm=unavailable", "ssm=throttle", "sqs=unavailable"})
    void aRosterMemberDiallingInDuringTheFaultJoinsTheOpenIncident(String fault) {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient client = new LocalClient(stack);
            TwilioSimulator phones = stack.simulator().orElseThrow();
            String id = client.alert("to=+818012345692&message=Disk full on db-1").json().get("incidentId").asText();
            dialIn(stack, FIRST);
            LocalClient.eventually(() -> phones.onBridge("alertbridge-" + id), n -> n == 1, WAIT);

            assertEquals(200, client.faults(fault).status());
            String sid = dialIn(stack, SECOND);
            LocalClient.eventually(() -> phones.onBridge("alertbridge-" + id), n -> n == 2, WAIT);
            assertTrue(String.join(" ", phones.heard(sid)).contains("Disk full on db-1"), phones.heard(sid).toString());
            assertEquals(List.of(), phones.webhooks().stream().filter(w -> w.status() >= 500 || w.status() == 0).toList());
        }
    }

    @Test
    void withNothingListedBeforeATableOutageIsSaidInWords() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalClient client = new LocalClient(stack);
            client.alert("to=+818012345692&message=Disk full on db-1");
            client.faults("dynamodb=unavailable");
            String sid = dialIn(stack, FIRST);
            List<String> heard = LocalClient.eventually(() -> stack.simulator().orElseThrow().finishedCalls().get(sid),
                    java.util.Objects::nonNull, WAIT).heard();
            assertEquals(List.of("We cannot look up incidents right now. You will be called, or call back in a minute. Goodbye."), heard);
        }
    }
}
