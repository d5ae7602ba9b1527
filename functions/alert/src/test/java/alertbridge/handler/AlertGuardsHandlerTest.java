package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.ApiEvents;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rosters and the toll-fraud guards through the handler, configured as template.yaml configures the function. */
class AlertGuardsHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private TwilioApiStandIn twilio;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private AlertHandler handler(Map<String, String> env) {
        return new AlertHandler(Clients.of(SampleConfig.settings(aws, twilio, env), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
    }

    private Set<String> dialled() {
        return twilio.requests().stream().map(r -> r.field("To")).collect(Collectors.toSet());
    }

    @Test
    void aTeamInTheQueryFormOrJsonPhonesItsRoster() throws Exception {
        AlertHandler handler = handler(Map.of());
        APIGatewayProxyResponseEvent query = handler.handleRequest(ApiEvents.alertJson("{\"message\": \"m\"}",
                Map.of("team", List.of("sre"))), null);
        assertEquals(202, query.getStatusCode(), query.getBody());
        assertEquals(Set.of("+818012345621", "+818012345622"), dialled());

        APIGatewayProxyResponseEvent json = handler.handleRequest(ApiEvents.alertJson(
                "{\"team\": [\"db\"], \"to\": \"+14155552671\", \"message\": \"m\"}", Map.of()), null);
        assertEquals(202, json.getStatusCode(), json.getBody());
        JsonNode body = JSON.readTree(json.getBody());
        assertEquals(Set.of("+818012345623", "+14155552671"), Set.of(body.get("calls").get(0).get("to").asText(),
                body.get("calls").get(1).get("to").asText()), "team and to combine");
        assertEquals("not-a-number", body.get("rejected").get(0).get("to").asText(), "a broken roster entry never silences a page");

        APIGatewayProxyResponseEvent form = handler.handleRequest(ApiEvents.alert(Map.of("Authorization", "Bearer " + SampleConfig.ALERT_TOKEN,
                "Content-Type", "application/x-www-form-urlencoded"), Map.of(), "team=sre&message=m", false), null);
        assertEquals(202, form.getStatusCode(), form.getBody());
    }

    @Test
    void anUnknownTeamIs400NamingItAndDialsNobody() throws Exception {
        APIGatewayProxyResponseEvent r = handler(Map.of()).handleRequest(ApiEvents.alertJson(
                "{\"team\": \"sre,nope\", \"message\": \"m\"}", Map.of()), null);
        assertEquals(400, r.getStatusCode());
        JsonNode body = JSON.readTree(r.getBody());
        assertEquals("unknown_team", body.get("error").asText());
        assertTrue(body.get("detail").asText().contains("'nope'"), r.getBody());
        assertEquals(Set.of(), dialled());
    }

    @Test
    void withoutAdHocNumbersOnlyTeamsAreCalled() throws Exception {
        AlertHandler handler = handler(Map.of("ALLOW_AD_HOC_NUMBERS", "false"));
        APIGatewayProxyResponseEvent raw = handler.handleRequest(ApiEvents.alertJson(
                "{\"to\": [\"+818012345601\"], \"team\": \"sre\", \"message\": \"m\"}", Map.of()), null);
        assertEquals(403, raw.getStatusCode());
        assertEquals("ad_hoc_numbers_refused", JSON.readTree(raw.getBody()).get("error").asText());
        assertEquals(Set.of(), dialled());
        assertEquals(202, handler.handleRequest(ApiEvents.alertJson("{\"team\": \"sre\", \"message\": \"m\"}", Map.of()), null)
                .getStatusCode());
    }

    @Test
    void numbersOutsideAllowedCountriesAndOurOwnNumberAreRefused() throws Exception {
        AlertHandler handler = handler(Map.of("ALLOWED_COUNTRIES", "JP"));
        APIGatewayProxyResponseEvent r = handler.handleRequest(ApiEvents.alertJson(
                "{\"to\": [\"+14155552671\", \"" + SampleConfig.CALLER_NUMBER + "\"], \"message\": \"m\"}", Map.of()), null);
        assertEquals(400, r.getStatusCode());
        String detail = JSON.readTree(r.getBody()).get("detail").asText();
        assertTrue(detail.contains("'+14155552671' (refused: country US is not in AllowedCountries (JP))"), detail);
        assertTrue(detail.contains("our own caller number"), detail);
        assertFalse(detail.contains(TwilioApiStandIn.AUTH_TOKEN));
        assertEquals(Set.of(), dialled());
    }
}
