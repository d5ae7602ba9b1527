package alertbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import alertbridge.refusal.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiGatewayRequestsTest {
    private static APIGatewayProxyRequestEvent joinEvent() {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withPath("/join_conference")
                .withHeaders(Map.of("Host", "abc123.execute-api.us-east-1.amazonaws.com", "X-Twilio-Signature", "sig"))
                .withMultiValueQueryStringParameters(Map.of("incident", List.of("Xy_-12")))
                .withRequestContext(new ProxyRequestContext()
                        .withDomainName("abc123.execute-api.us-east-1.amazonaws.com")
                        .withPath("/Prod/join_conference")
                        .withStage("Prod"));
    }

    @Test
    void publicUrlKeepsTheStageAndQuery() {
        HttpRequest r = ApiGatewayRequests.from(joinEvent(), Optional.empty());
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com/Prod", r.baseUrl());
        assertEquals("https://abc123.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=Xy_-12", r.publicUrl());
        assertEquals(Optional.of("sig"), r.header("x-twilio-signature"));
    }

    @Test
    void configuredBaseUrlWinsForCustomDomains() {
        HttpRequest r = ApiGatewayRequests.from(joinEvent(), Optional.of("https://alerts.example.com/"));
        assertEquals("https://alerts.example.com", r.baseUrl());
        assertEquals("https://alerts.example.com/join_conference?incident=Xy_-12", r.publicUrl());
    }

    @Test
    void aCustomDomainBasePathStaysInTheUrlOnce() {
        // REST API behind https://alerts.example.com with base path mapping "v1": event.path carries /v1, resource does not
        APIGatewayProxyRequestEvent e = joinEvent()
                .withResource("/join_conference")
                .withPath("/v1/join_conference")
                .withRequestContext(new ProxyRequestContext().withDomainName("alerts.example.com").withPath("/v1/join_conference"));
        assertEquals("https://alerts.example.com/v1", ApiGatewayRequests.from(e, Optional.empty()).baseUrl());
        assertEquals("https://alerts.example.com/v1/join_conference?incident=Xy_-12", ApiGatewayRequests.from(e, Optional.empty()).publicUrl());
        assertEquals("https://alerts.example.com/v1/join_conference?incident=Xy_-12",
                ApiGatewayRequests.from(e, Optional.of("https://alerts.example.com/v1")).publicUrl());
    }

    @Test
    void base64BodiesAreDecoded() {
        APIGatewayProxyRequestEvent e = joinEvent()
                .withBody(Base64.getEncoder().encodeToString("Digits=1&To=%2B1".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true);
        assertEquals("Digits=1&To=%2B1", ApiGatewayRequests.from(e, Optional.empty()).body());
        Refusal bad = assertThrows(Refusal.class,
                () -> ApiGatewayRequests.from(joinEvent().withBody("***").withIsBase64Encoded(true), Optional.empty()));
        assertEquals("malformed_body", bad.code());
    }

    @Test
    void withoutAnyHostTheBaseMustBeConfigured() {
        APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent().withPath("/alert").withHttpMethod("POST");
        assertThrows(IllegalStateException.class, () -> ApiGatewayRequests.from(e, Optional.empty()));
        assertEquals("https://x.test/alert", ApiGatewayRequests.from(e, Optional.of("https://x.test")).publicUrl());
    }
}
