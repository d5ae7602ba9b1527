package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.log.JsonLog;
import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The log output of a whole flow, both handlers, happy and refused paths: every line is one JSON object, and no
 * secret (alert tokens, Twilio auth token, signatures, SSM values) and no unmasked phone number appears.
 */
class FlowLogTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final TwilioApiStandIn twilio = new TwilioApiStandIn();

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    @Test
    void aFullFlowLogsNoSecretAndNoUnmaskedNumber() throws Exception {
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        AlertHandler alert = new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
        JoinConferenceHandler join = new JoinConferenceHandler(Clients.of(SampleConfig.settings(aws, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
        List<String> secrets = new ArrayList<>(List.of(SampleConfig.ALERT_TOKEN, "retired-token", TwilioApiStandIn.AUTH_TOKEN,
                TwilioApiStandIn.ACCOUNT_SID, "wrong-token-0123"));

        // refused first: wrong token, a number nobody may call, a forged webhook
        alert.handleRequest(ApiEvents.alert(Map.of("Authorization", "Bearer wrong-token-0123"), Map.of(),
                "to=%2B818012345601&message=m", false), null);
        alert.handleRequest(ApiEvents.alertJson("{\"to\": [\"" + SampleConfig.CALLER_NUMBER + "\", \"+99912345678\"], \"message\": \"m\"}",
                Map.of()), null);
        // the alert: numbers, a roster (its entries are SSM values), a token in the query
        APIGatewayProxyResponseEvent raised = alert.handleRequest(ApiEvents.alert(Map.of("Content-Type", "application/json"),
                Map.of("token", List.of(SampleConfig.ALERT_TOKEN)),
                "{\"to\": [\"+818012345601\", \"090-1234-5678\", \"+14155552671\"], \"team\": \"sre,db\", \"message\": \"DB down\"}",
                false), null);
        assertEquals(202, raised.getStatusCode(), raised.getBody());
        JsonNode outcome = STRICT.readTree(raised.getBody());
        String incident = outcome.get("incidentId").asText();

        for (JsonNode call : outcome.get("calls")) {
            Map<String, String> params = new HashMap<>(Map.of("AccountSid", TwilioApiStandIn.ACCOUNT_SID,
                    "CallSid", call.get("callSid").asText(), "To", call.get("to").asText(), "From", SampleConfig.CALLER_NUMBER,
                    "Called", call.get("to").asText(), "Caller", SampleConfig.CALLER_NUMBER));
            APIGatewayProxyRequestEvent answered = ApiEvents.join(incident, params, TwilioApiStandIn.AUTH_TOKEN);
            secrets.add(answered.getHeaders().get("X-Twilio-Signature"));
            assertTrue(join.handleRequest(answered, null).getBody().contains("<Gather"));
            params.put("Digits", "1");
            APIGatewayProxyRequestEvent pressed = ApiEvents.join(incident, params, TwilioApiStandIn.AUTH_TOKEN);
            secrets.add(pressed.getHeaders().get("X-Twilio-Signature"));
            assertTrue(join.handleRequest(pressed, null).getBody().contains("<Conference"));
        }
        APIGatewayProxyRequestEvent forged = ApiEvents.join(incident, Map.of("CallSid", "CA1", "To", "+818012345601", "Digits", "1"),
                "guessed-auth-token");
        secrets.add(forged.getHeaders().get("X-Twilio-Signature"));
        assertEquals(403, join.handleRequest(forged, null).getStatusCode());

        String text = logs.toString(StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        assertTrue(lines.length >= 10, text);
        for (String line : lines) {
            JsonNode json = STRICT.readTree(line);
            assertTrue(json.isObject() && json.has("event") && json.has("level"), line);
        }
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "logged a secret: " + secret);
        }
        // every number of the flow, as E.164 and as its national digits: at most the masked form appears
        List<String> numbers = List.of("+818012345601", "+819012345678", "+14155552671", "+818012345621", "+818012345622",
                "+818012345623", SampleConfig.CALLER_NUMBER, "+99912345678");
        for (String number : numbers) {
            assertFalse(text.contains(number), "unmasked " + number + " in " + text);
            assertFalse(text.contains(number.substring(3)), "national digits of " + number);
        }
        // the EMF metric lines' Timestamp is epoch milliseconds, not a number anyone dials
        Matcher digits = Pattern.compile("\\d{7,}").matcher(text.replaceAll("\"(ts|callSid|incidentId)\":\"[^\"]*\"", "")
                .replaceAll("\"Timestamp\":\\d+", ""));
        while (digits.find()) {
            assertTrue(false, "a long digit run in the logs looks like a number: " + digits.group());
        }
    }
}
