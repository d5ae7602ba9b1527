package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.auth.IncidentLinks;
import alertbridge.calls.DialResult;
import alertbridge.incident.Incident;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.ui.UiAssets;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The incident page's routes and the shareable links, through the real handler against moto (the local AWS). */
class IncidentPageHandlerTest {
    private static final String INCIDENT = "PageIncident0000000001";
    private static final String OTHER = "PageIncident0000000002";
    private static final String SECRET = "page-test-link-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    static {
        Instant t0 = Instant.now();
        STORE.incidents().create(Incident.open(INCIDENT, "Disk full on db-1", t0, 1));
        STORE.incidents().create(Incident.open(OTHER, "Another incident", t0, 1));
        STORE.callees().recordCall(INCIDENT, "+818012345601", new DialResult.Placed("CA" + "1".repeat(32), "queued"), t0);
    }

    private final IncidentsHandler handler = handler();

    private static IncidentsHandler handler() {
        var parameters = SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN);
        AWS.putSecret("incident-link-secret", SECRET);
        return new IncidentsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of("INCIDENT_LINK_SECRET_PARAM",
                AWS.parameterPath() + "/incident-link-secret")), parameters, AWS.dynamo(), null));
    }

    private static APIGatewayProxyRequestEvent request(String resource, String path, Map<String, String> pathParameters,
                                                       Map<String, String> headers) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/incidents-get.json");
        event.setResource(resource);
        event.setPath(path);
        event.getRequestContext().setPath("/Prod" + path);
        event.setPathParameters(pathParameters);
        Map<String, String> all = new HashMap<>(Map.of("Host", "abc123defg.execute-api.us-east-1.amazonaws.com"));
        all.putAll(headers);
        event.setHeaders(all);
        event.setMultiValueHeaders(null);
        return event;
    }

    private APIGatewayProxyResponseEvent withLink(String id, String link) {
        return handler.handleRequest(request("/incidents/{id}", "/incidents/" + id, Map.of("id", id),
                Map.of(IncidentLinks.HEADER, link)), null);
    }

    private static String link(String id, Instant now, Duration lifetime) {
        return IncidentLinks.parse(SECRET, Clock.fixed(now, ZoneOffset.UTC)).sign(id, lifetime);
    }

    @Test
    void bothPagesAreTheSameHtmlWithTheStagePathNoInlineScriptAndAStrictPolicy() {
        APIGatewayProxyResponseEvent home = handler.handleRequest(request("/ui", "/ui", null, Map.of()), null);
        APIGatewayProxyResponseEvent one = handler.handleRequest(request("/ui/incidents/{id}", "/ui/incidents/" + INCIDENT,
                Map.of("id", INCIDENT), Map.of()), null);
        assertEquals(200, home.getStatusCode());
        assertEquals(home.getBody(), one.getBody());
        assertEquals("text/html; charset=utf-8", home.getHeaders().get("Content-Type"));
        assertEquals("no-store", home.getHeaders().get("Cache-Control"));
        assertEquals(UiAssets.CONTENT_SECURITY_POLICY, home.getHeaders().get("Content-Security-Policy"));
        assertTrue(home.getHeaders().get("Content-Security-Policy").contains("script-src 'self';"));
        assertFalse(home.getHeaders().get("Content-Security-Policy").contains("unsafe"));
        assertEquals("nosniff", home.getHeaders().get("X-Content-Type-Options"));
        String html = home.getBody();
        assertTrue(html.contains("src=\"/Prod/ui/static/app.js?v="), html);
        assertFalse(html.contains("{{"), "every placeholder filled");
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>").matcher(html).find(), "no inline script");
        assertFalse(html.contains("style=\""), "no inline style");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from elsewhere");
    }

    @Test
    void staticFilesHaveTheirTypeAndAreCachedByContent() {
        String html = handler.handleRequest(request("/ui", "/ui", null, Map.of()), null).getBody();
        Matcher version = Pattern.compile("app\\.js\\?v=([0-9a-f]{12})").matcher(html);
        assertTrue(version.find(), html);
        for (var f : Map.of("app.js", "text/javascript; charset=utf-8", "app.css", "text/css; charset=utf-8",
                "icon.svg", "image/svg+xml").entrySet()) {
            APIGatewayProxyResponseEvent r = handler.handleRequest(request("/ui/static/{file}", "/ui/static/" + f.getKey(),
                    Map.of("file", f.getKey()), Map.of()), null);
            assertEquals(200, r.getStatusCode(), f.getKey());
            assertEquals(f.getValue(), r.getHeaders().get("Content-Type"));
            assertEquals("public, max-age=31536000, immutable", r.getHeaders().get("Cache-Control"));
        }
        for (String bad : new String[] {"page.html", "..%2Fpage.html", "app.js.map", "UiAssets.class"}) {
            assertEquals(404, handler.handleRequest(request("/ui/static/{file}", "/ui/static/" + bad, Map.of("file", bad),
                    Map.of()), null).getStatusCode(), bad);
        }
    }

    @Test
    void aLinkOpensItsOwnIncidentReadOnlyWithNumbersMasked() throws Exception {
        APIGatewayProxyResponseEvent r = withLink(INCIDENT, link(INCIDENT, Instant.now(), Duration.ofHours(1)));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("no-store", r.getHeaders().get("Cache-Control"));
        JsonNode t = JSON.readTree(r.getBody());
        assertEquals(INCIDENT, t.get("incidentId").asText(), "the timeline's fields at the top level");
        assertEquals("+81******5601", t.at("/callees/0/to").asText());
        assertFalse(r.getBody().contains("+818012345601"));
        assertEquals(SampleConfig.CALLER_NUMBER, t.get("dialIn").asText(), "open, dialling in on: the number to dial");
    }

    @Test
    void aLinkIsRefusedForAnotherIncidentTheListWhenAlteredOrExpired() throws Exception {
        String good = link(INCIDENT, Instant.now(), Duration.ofHours(1));
        assertEquals("link_invalid", error(withLink(OTHER, good)));
        String tag = good.substring(good.indexOf('.') + 1);
        String altered = good.substring(0, good.indexOf('.') + 1) + (tag.charAt(0) == 'x' ? 'y' : 'x') + tag.substring(1);
        assertEquals("link_invalid", error(withLink(INCIDENT, altered)));
        assertEquals("link_expired", error(withLink(INCIDENT, link(INCIDENT, Instant.now().minusSeconds(7200), Duration.ofHours(1)))));
        APIGatewayProxyResponseEvent list = handler.handleRequest(request("/incidents", "/incidents", null,
                Map.of(IncidentLinks.HEADER, good)), null);
        assertEquals("link_not_for_listing", error(list));
    }

    @Test
    void theTokenStillOpensEverythingAndShowsWholeNumbers() throws Exception {
        APIGatewayProxyResponseEvent r = handler.handleRequest(request("/incidents/{id}", "/incidents/" + INCIDENT,
                Map.of("id", INCIDENT), Map.of("Authorization", "Bearer " + SampleConfig.ALERT_TOKEN)), null);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("+818012345601", JSON.readTree(r.getBody()).at("/callees/0/to").asText());
    }

    private static String error(APIGatewayProxyResponseEvent r) throws Exception {
        assertEquals(401, r.getStatusCode(), r.getBody());
        return JSON.readTree(r.getBody()).get("error").asText();
    }
}
