package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.Incident;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart's hooks on Twilio's progress reports, over moto and the Twilio stand-in. */
class CallEventsSnapStartTest {
    private static final String INCIDENT = "SampleIncident00000001"; // events/call-status-completed.json
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void primingLeavesNothingAndARestoredHandlerChecksSignaturesWithTheTokenRotatedMeanwhile() {
        Map<String, String> queues = SnapStartCheck.queues(AWS, "events");
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(SampleConfig.parameters(AWS, "token-at-snapshot"));
        CallEventsHandler handler = new CallEventsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, SnapStartCheck.environment(queues, Map.of())), ssm, AWS.dynamo(), AWS.sqs()));

        SnapStartCheck.assertPrimed(handler, "CallEventsFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, queues.values(), TWILIO);

        SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN); // rotated while frozen: the token events/ are signed with
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "CallEventsFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the token held past its time");
        ssm.cutOff();

        IncidentStore store = SampleConfig.store(AWS);
        store.incidents().create(Incident.open(INCIDENT, "Database primary is down", Instant.now(), 1));
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventLoader.loadApiGatewayRestEvent("events/call-status-completed.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(List.of("completed"), store.events().callEvents(INCIDENT).stream().map(e -> e.callStatus()).toList());
    }
}
