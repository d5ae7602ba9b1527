package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.config.SsmParameterSource;
import alertbridge.incident.Incident;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart's hooks on GET /incidents, over moto. */
class IncidentsSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    private static void alertTokens(String tokens) {
        AWS.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, SampleConfig.CALLER_NUMBER, tokens, Map.of());
    }

    @Test
    void primingLeavesNothingAndARestoredHandlerTakesTheTokenRotatedMeanwhile() {
        alertTokens("token-at-snapshot");
        SnapStartCheck.Ssm ssm = new SnapStartCheck.Ssm(new SsmParameterSource(AWS.ssm()));
        IncidentsHandler handler = new IncidentsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of("PARAMETER_CACHE_SECONDS", "0")), ssm, AWS.dynamo(), null));

        SnapStartCheck.assertPrimed(handler, "IncidentsFunction");
        SnapStartCheck.assertKeptAliveQuietly(() -> handler.handleRequest(SnapStartCheck.keepAlive(), null));
        SnapStartCheck.assertNothingLeft(AWS, List.of(), TWILIO);

        alertTokens(SampleConfig.ALERT_TOKEN); // rotated while frozen: the token events/ carry
        int readsBefore = ssm.reads();
        SnapStartCheck.assertRestored(handler, "IncidentsFunction");
        assertTrue(ssm.reads() > readsBefore, "afterRestore read the tokens held past their time");
        ssm.cutOff();

        SampleConfig.store(AWS).incidents().create(Incident.open("SnapRestoredIncident01", "Disk full", Instant.now(), 1));
        APIGatewayProxyResponseEvent response = handler.handleRequest(EventLoader.loadApiGatewayRestEvent("events/incidents-list.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("SnapRestoredIncident01"), response.getBody());

        APIGatewayProxyRequestEvent old = EventLoader.loadApiGatewayRestEvent("events/incidents-list.json");
        Map<String, String> headers = new HashMap<>(old.getHeaders());
        headers.put("Authorization", "Bearer token-at-snapshot");
        old.setHeaders(headers);
        old.setMultiValueHeaders(null);
        assertEquals(401, handler.handleRequest(old, null).getStatusCode(), "the snapshot's token no longer works");
    }
}
