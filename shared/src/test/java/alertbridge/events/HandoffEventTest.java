package alertbridge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The oncall.handoff event: through the queue's message and back, then as Slack's and the generic body. */
class HandoffEventTest {
    private static final IncidentEvent EVENT = IncidentEvent.handoff("sre", Instant.parse("2027-01-09T15:00:00Z"),
            List.of("alice"), List.of("bob"), Optional.of(Instant.parse("2027-01-16T15:00:00Z")),
            "sre on call: <@U0BOB> until 2027-01-17 00:00 JST (was <@U0ALICE>)");

    @Test
    void survivesTheQueueAndRendersForSlackAndForEveryoneElse() {
        EventMessage message = EventMessage.parse(new EventMessage(EVENT, "ssm:slack").body()).orElseThrow();
        assertEquals(EVENT, message.event());
        assertEquals("{\"text\":\"sre on call: <@U0BOB> until 2027-01-17 00:00 JST (was <@U0ALICE>)\"}",
                EventPayloads.handoff(message.event(), true));
        assertEquals("{\"id\":\"oncall.handoff.sre.1799506800000\",\"type\":\"oncall.handoff\",\"time\":\"2027-01-09T15:00:00Z\","
                + "\"team\":\"sre\",\"at\":\"2027-01-09T15:00:00Z\",\"from\":[\"alice\"],\"to\":[\"bob\"],"
                + "\"until\":\"2027-01-16T15:00:00Z\"}", EventPayloads.handoff(message.event(), false));
    }
}
