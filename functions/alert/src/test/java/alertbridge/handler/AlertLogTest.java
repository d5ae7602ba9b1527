package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.log.JsonLog;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A monitoring tool's own fields reach the logs (its {@code state} in {@code alert_ignored}): a phone number someone
 * put in one is masked there like any number, and the line stays one JSON object with its own event.
 */
class AlertLogTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private TwilioApiStandIn twilio;
    private AlertHandler handler;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    @Test
    void aNumberInAToolsStateIsMaskedInTheLog() throws Exception {
        String body = payload("grafana-legacy-alerting.json").replace("\"state\": \"alerting\"",
                "\"state\": \"call +818012345601 or 09012345678\"");
        APIGatewayProxyResponseEvent response = handler.handleRequest(alert(body), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, twilio.requests().size());

        String text = logs.toString(StandardCharsets.UTF_8);
        JsonNode ignored = null;
        for (String line : text.strip().split("\n")) {
            JsonNode json = STRICT.readTree(line);
            if ("alert_ignored".equals(json.get("event").asText())) {
                ignored = json;
            }
        }
        assertTrue(ignored != null, text);
        assertEquals("call +81******5601 or *******5678", ignored.get("state").asText());
        for (String number : List.of("818012345601", "9012345678")) {
            assertFalse(text.contains(number), "unmasked " + number + " in " + text);
        }
        Matcher run = Pattern.compile("\\d{7,}").matcher(text.replaceAll("\"(ts|incidentId)\":\"[^\"]*\"", ""));
        assertFalse(run.find(), () -> "a long digit run in the logs: " + run.group());
    }

    private static APIGatewayProxyRequestEvent alert(String body) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/alert-json.json");
        event.setQueryStringParameters(Map.of("to", "+818012345611"));
        event.setMultiValueQueryStringParameters(Map.of("to", List.of("+818012345611")));
        return event.withBody(body);
    }

    private static String payload(String name) throws IOException {
        try (InputStream in = AlertLogTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
