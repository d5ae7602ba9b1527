package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart's hooks on the events queue, over moto: priming posts nothing, writes nothing, queues nothing. */
class EventsSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void primingLeavesNothingAndTheKeepAliveIsANoOp() {
        Map<String, String> queues = SnapStartCheck.queues(AWS, "events");
        EventsHandler handler = new EventsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of(
                "EVENTS_QUEUE_URL", queues.get("EventsQueue"))), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "EventsFunction");
        assertEquals(List.of(), SnapStartCheck.logOf(() -> assertEquals(List.of(), handler.handleRequest(new SQSEvent(), null)
                .getBatchItemFailures())), "the keep-alive (no records) logs nothing");
        SnapStartCheck.assertNothingLeft(AWS, queues.values(), TWILIO);
        SnapStartCheck.assertRestored(handler, "EventsFunction");
    }
}
