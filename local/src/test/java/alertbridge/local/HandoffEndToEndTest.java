package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioApiStandIn;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handoff SMS over the local stack: an override that puts carol on call a moment from now; the ticker (run by
 * the local scheduler every half second at this speed) texts her once. Two more runs of the ticker, invoked directly
 * and at once, send nothing more: the change was claimed.
 */
class HandoffEndToEndTest {
    private static final String CAROL = "+818012345603";

    @Test
    void theIncomingPersonIsTextedOnce() throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.005))) {
            stack.putRoster("sre-h", "+818012345601,+818012345602," + CAROL);
            stack.putPerson("alice", "alice", "+818012345601", "U0ALICE");
            stack.putPerson("bob", "bob", "+818012345602", "U0BOB");
            stack.putPerson("carol", "carol", CAROL, "U0CAROL");
            LocalDate sunday = LocalDate.now(ZoneId.of("Asia/Tokyo")).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalClient client = new LocalClient(stack);
            assertEquals(200, client.put("/schedules/sre-h", "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"unit\": \"weeks\","
                    + " \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"alice\", \"bob\"]}]}").status());
            Instant start = Instant.now().plusSeconds(2);
            LocalClient.Response added = client.post("/schedules/sre-h/overrides", "{\"start\": \"" + start + "\", \"end\": \""
                    + start.plus(Duration.ofHours(2)) + "\", \"add\": [\"carol\"], \"reason\": \"standby\"}");
            assertEquals(201, added.status(), String.valueOf(added.json()));

            List<TwilioApiStandIn.CreateRequest> texts = LocalClient.eventually(
                    () -> stack.simulator().orElseThrow().messageRequests(), t -> !t.isEmpty(), Duration.ofSeconds(20));
            assertEquals(CAROL, texts.getFirst().field("To"));
            assertTrue(texts.getFirst().field("Body").startsWith("alertbridge: you are on call for sre-h until "),
                    texts.getFirst().field("Body"));

            RequestHandler<Map<String, Object>, Map<String, Object>> first = stack.newContainer("HandoffTickerFunction");
            RequestHandler<Map<String, Object>, Map<String, Object>> second = stack.newContainer("HandoffTickerFunction");
            Thread a = Thread.ofPlatform().start(() -> first.handleRequest(Map.of(), null));
            Thread b = Thread.ofPlatform().start(() -> second.handleRequest(Map.of(), null));
            a.join();
            b.join();
            assertEquals(1, stack.simulator().orElseThrow().messageRequests().size(), "exactly one SMS");
        }
    }
}
