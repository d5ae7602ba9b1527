package alertbridge.http;

import alertbridge.refusal.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway responses: JSON for callers, TwiML for Twilio. */
public final class ApiResponses {
    /** Records as they are: an empty Optional is null, an Instant ISO-8601 text ({@code 2026-11-23T03:00:08Z}). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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

    /** A refusal as the caller sees it: its status and {@code {"error": code, "detail": detail}}. */
    public static APIGatewayProxyResponseEvent error(Refusal refusal) {
        return error(status(refusal), refusal.code(), refusal.detail());
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    public static int status(Refusal refusal) {
        return switch (refusal.kind()) {
            case INVALID -> 400;
            case UNAUTHORISED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNSUPPORTED -> 415;
            case CONFLICT -> 409;
        };
    }

    /** Text of another media type (a CSV report, a calendar feed), never cached. */
    public static APIGatewayProxyResponseEvent text(int status, String contentType, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType, "Cache-Control", "no-store"))
                .withBody(body);
    }

    public static APIGatewayProxyResponseEvent twiml(String xml) {
        return twiml(200, xml);
    }

    /** TwiML with another status: Twilio's status callbacks log it, and a signed request never gets JSON. */
    public static APIGatewayProxyResponseEvent twiml(int status, String xml) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/xml; charset=utf-8"))
                .withBody(xml);
    }
}
