package alertbridge.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway responses: JSON for callers, TwiML for Twilio. */
public final class ApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    public static APIGatewayProxyResponseEvent json(int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"internal\",\"detail\":\"response could not be serialised\"}";
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(text);
    }

    public static APIGatewayProxyResponseEvent error(int status, String error, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return json(status, body);
    }

    public static APIGatewayProxyResponseEvent error(ClientError e) {
        return error(e.status(), e.error(), e.detail());
    }

    public static APIGatewayProxyResponseEvent twiml(String xml) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/xml; charset=utf-8"))
                .withBody(xml);
    }
}
