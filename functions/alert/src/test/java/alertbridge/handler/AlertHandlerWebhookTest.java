package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.Incident;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.TemplateResources;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Monitoring tools' webhooks through the handler, wired as in Lambda, over moto (DynamoDB, SSM) and the Twilio stand-in:
 * each format pages, a repeat joins the open incident, a resolve closes it, ignored states dial nobody.
 */
class AlertHandlerWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TO = "+818012345601,+818012345602";
    private static final Set<String> CALLEES = Set.of("+818012345601", "+818012345602");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private TwilioApiStandIn twilio;
    private AlertHandler handler;
    private IncidentStore store;
    private String table;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        // a table per test: the samples share dedup keys
        table = "incidents-" + UUID.randomUUID();
        TemplateResources.createTable(aws.dynamo(), table);
        store = new IncidentStore(aws.dynamo(), table, Duration.ofDays(90), java.util.Optional.empty());
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, table, twilio, Map.of()), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            alertmanager-firing.json        | 3 critical alerts: HighCPU on web-1, DiskFull on db-2, and 1 more.
            grafana-firing.json             | 2 alerts: Checkout errors on ap-northeast-1a and Checkout latency on ap-northeast-1c.
            grafana-legacy-alerting.json    | Order queue depth. Order queue is backing up.
            cloudwatch-sns-alarm.json       | api-5xx-high on orders-api. API returns too many 5xx errors.
            datadog-triggered.json          | P1: Load is high on web-7. Load average is above 8 on web-7.
            pagerduty-trigger.json          | Critical: Checkout database primary is not accepting connections on db-primary-1.example.com.
            generic.json                    | Nightly batch failed twice.
            """)
    void eachFormatPagesOnceAndARepeatJoinsTheOpenIncident(String sample, String said) throws Exception {
        APIGatewayProxyResponseEvent first = handler.handleRequest(webhook(payload(sample), Map.of("to", TO), Map.of()), null);
        assertEquals(202, first.getStatusCode(), first.getBody());
        String incidentId = JSON.readTree(first.getBody()).get("incidentId").asText();
        Set<String> expected = new HashSet<>(CALLEES);
        if (sample.equals("generic.json")) {
            expected.addAll(Set.of("+818012345621", "+818012345622")); // its "team": "sre" (SampleConfig.SRE_ROSTER)
        }
        assertEquals(expected, dialled());
        Incident incident = store.incidents().find(incidentId).orElseThrow();
        assertEquals(said, incident.message(), "the spoken sentence is the incident's message");
        assertEquals(Incident.OPEN, incident.status());

        APIGatewayProxyResponseEvent repeat = handler.handleRequest(webhook(payload(sample), Map.of("to", TO), Map.of()), null);
        assertEquals(200, repeat.getStatusCode(), repeat.getBody());
        JsonNode body = JSON.readTree(repeat.getBody());
        assertTrue(body.get("deduplicated").asBoolean(), repeat.getBody());
        assertEquals(incidentId, body.get("incidentId").asText());
        assertEquals(expected.size(), twilio.requests().size(), "a repeat dials nobody");
        assertNoUnmaskedNumbersInLogs();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            grafana-firing.json          | grafana-resolved.json     | grafana:resolved
            cloudwatch-sns-alarm.json    | cloudwatch-sns-ok.json    | cloudwatch:OK
            datadog-triggered.json       | datadog-recovered.json    | datadog:Recovered
            pagerduty-trigger.json       | pagerduty-resolve.json    | pagerduty:resolve
            """)
    void aResolveClosesTheIncidentWithoutCallsAndTheNextFiringOpensANewOne(String firing, String resolved, String by)
            throws Exception {
        String incidentId = JSON.readTree(handler.handleRequest(
                webhook(payload(firing), Map.of("to", TO), Map.of()), null).getBody()).get("incidentId").asText();
        assertEquals(2, twilio.requests().size());

        APIGatewayProxyResponseEvent resolve = handler.handleRequest(webhook(payload(resolved), Map.of("to", TO), Map.of()), null);
        assertEquals(200, resolve.getStatusCode(), resolve.getBody());
        JsonNode body = JSON.readTree(resolve.getBody());
        assertTrue(body.get("resolved").asBoolean(), resolve.getBody());
        assertEquals(incidentId, body.get("incidentId").asText());
        assertEquals(2, twilio.requests().size(), "a resolve dials nobody");
        Incident incident = store.incidents().find(incidentId).orElseThrow();
        assertEquals(Incident.RESOLVED, incident.status());
        assertTrue(incident.resolvedAt().isPresent());
        assertEquals(by, incident.resolvedBy().orElseThrow());

        APIGatewayProxyResponseEvent again = handler.handleRequest(webhook(payload(resolved), Map.of("to", TO), Map.of()), null);
        assertEquals(200, again.getStatusCode());
        assertFalse(JSON.readTree(again.getBody()).get("resolved").asBoolean(), "nothing left to close");

        APIGatewayProxyResponseEvent next = handler.handleRequest(webhook(payload(firing), Map.of("to", TO), Map.of()), null);
        assertEquals(202, next.getStatusCode(), next.getBody());
        assertFalse(incidentId.equals(JSON.readTree(next.getBody()).get("incidentId").asText()), "a new incident");
        assertEquals(4, twilio.requests().size());
    }

    @Test
    void withResolvedSmsAResolveTextsEveryoneWhoWasCalledOnce() throws Exception {
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, table, twilio, Map.of("RESOLVED_SMS", "true")), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
        String incidentId = JSON.readTree(handler.handleRequest(webhook(payload("pagerduty-trigger.json"),
                Map.of("to", TO), Map.of()), null).getBody()).get("incidentId").asText();
        assertTrue(twilio.messageRequests().isEmpty(), "nobody is texted when paged");
        JsonNode resolved = JSON.readTree(handler.handleRequest(webhook(payload("pagerduty-resolve.json"), Map.of(), Map.of()), null).getBody());
        assertEquals(incidentId, resolved.get("incidentId").asText());
        assertEquals(CALLEES, twilio.messageRequests().stream().map(r -> r.field("To")).collect(Collectors.toSet()));
        assertEquals("alertbridge: Resolved: an alert from your monitoring.", twilio.messageRequests().getFirst().field("Body"));
        handler.handleRequest(webhook(payload("pagerduty-resolve.json"), Map.of(), Map.of()), null);
        assertEquals(2, twilio.messageRequests().size(), "a repeated resolve texts nobody again");
        assertEquals(2, twilio.requests().size(), "and dials nobody");
    }

    @Test
    void anAlertmanagerGroupFiresResolvesAndFiresAgain() throws Exception {
        String resolved = payload("alertmanager-resolved.json");
        String firing = resolved.replace("\"resolved\"", "\"firing\"");
        String incidentId = JSON.readTree(handler.handleRequest(webhook(firing, Map.of("to", TO), Map.of()), null)
                .getBody()).get("incidentId").asText();
        JsonNode close = JSON.readTree(handler.handleRequest(webhook(resolved, Map.of("to", TO), Map.of()), null).getBody());
        assertTrue(close.get("resolved").asBoolean());
        assertEquals(incidentId, close.get("incidentId").asText());
        assertEquals("alertmanager:resolved", store.incidents().find(incidentId).orElseThrow().resolvedBy().orElseThrow());
        assertEquals(2, twilio.requests().size());
    }

    @Test
    void aResolveForAnUnknownKeyClosesNothing() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                webhook(payload("pagerduty-resolve.json"), Map.of(), Map.of()), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertFalse(JSON.readTree(response.getBody()).get("resolved").asBoolean());
        assertEquals(0, twilio.requests().size());
    }

    @Test
    void anIgnoredStateIs200AndDialsNobody() throws Exception {
        String ack = payload("pagerduty-trigger.json").replace("\"trigger\"", "\"acknowledge\"");
        APIGatewayProxyResponseEvent response = handler.handleRequest(webhook(ack, Map.of("to", TO), Map.of()), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = JSON.readTree(response.getBody());
        assertTrue(body.get("ignored").asBoolean());
        assertTrue(body.get("reason").asText().contains("acknowledge"), response.getBody());
        assertEquals(0, twilio.requests().size());
    }

    @Test
    void anUnknownShapeIs400NamingTheFormatsAndNobodyToCallIs400() throws Exception {
        APIGatewayProxyResponseEvent unknown = handler.handleRequest(webhook("{\"foo\": 1}", Map.of("to", TO), Map.of()), null);
        assertEquals(400, unknown.getStatusCode());
        JsonNode body = JSON.readTree(unknown.getBody());
        assertEquals("unknown_format", body.get("error").asText());
        assertTrue(body.get("detail").asText().contains("alertmanager"), unknown.getBody());

        APIGatewayProxyResponseEvent unknownTeam = handler.handleRequest(
                webhook(payload("alertmanager-firing.json"), Map.of("team", "oncall"), Map.of()), null);
        assertEquals(400, unknownTeam.getStatusCode());
        assertEquals("unknown_team", JSON.readTree(unknownTeam.getBody()).get("error").asText());

        APIGatewayProxyResponseEvent nobody = handler.handleRequest(webhook(payload("alertmanager-firing.json"), Map.of(), Map.of()), null);
        assertEquals(400, nobody.getStatusCode());
        assertEquals("missing_to", JSON.readTree(nobody.getBody()).get("error").asText());

        APIGatewayProxyResponseEvent forced = handler.handleRequest(
                webhook("{\"message\": \"x\"}", Map.of("to", TO, "format", "nagios"), Map.of()), null);
        assertEquals(400, forced.getStatusCode(), forced.getBody());
        assertEquals(0, twilio.requests().size());
    }

    @Test
    void aTeamOnTheUrlPagesItsRosterAndARepeatDialsNobody() throws Exception {
        APIGatewayProxyResponseEvent first = handler.handleRequest(
                webhook(payload("alertmanager-firing.json"), Map.of("team", "sre"), Map.of()), null);
        assertEquals(202, first.getStatusCode(), first.getBody());
        assertEquals(Set.of("+818012345621", "+818012345622"), dialled(), "the sre roster (SampleConfig.SRE_ROSTER)");
        APIGatewayProxyResponseEvent repeat = handler.handleRequest(
                webhook(payload("alertmanager-firing.json"), Map.of("team", "sre"), Map.of()), null);
        assertTrue(JSON.readTree(repeat.getBody()).get("deduplicated").asBoolean(), repeat.getBody());
        assertEquals(2, twilio.requests().size());
    }

    @Test
    void aRepeatIsDeduplicatedEvenWhenTheRateGuardWouldRefuseTheNumbers() throws Exception {
        handler = new AlertHandler(Clients.of(SampleConfig.settings(aws, table, twilio, Map.of("MAX_CALLS_PER_NUMBER_PER_HOUR", "1")), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
        String body = payload("datadog-triggered.json");
        assertEquals(202, handler.handleRequest(webhook(body, Map.of("to", TO), Map.of()), null).getStatusCode());
        for (int i = 0; i < 3; i++) {
            APIGatewayProxyResponseEvent repeat = handler.handleRequest(webhook(body, Map.of("to", TO), Map.of()), null);
            assertEquals(200, repeat.getStatusCode(), "a repeat is answered from the open incident: " + repeat.getBody());
            assertTrue(JSON.readTree(repeat.getBody()).get("deduplicated").asBoolean(), repeat.getBody());
        }
        assertEquals(2, twilio.requests().size());
    }

    @Test
    void anIdempotencyKeyMakesARepeatOfTheOriginalUsageOneIncident() throws Exception {
        String body = "{\"to\": [\"+818012345601\", \"+818012345602\"], \"message\": \"Database is down\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "deploy-42-" + UUID.randomUUID());
        APIGatewayProxyResponseEvent first = handler.handleRequest(webhook(body, Map.of(), key), null);
        assertEquals(202, first.getStatusCode(), first.getBody());
        APIGatewayProxyResponseEvent repeat = handler.handleRequest(webhook(body, Map.of(), key), null);
        assertEquals(200, repeat.getStatusCode(), repeat.getBody());
        assertTrue(JSON.readTree(repeat.getBody()).get("deduplicated").asBoolean());
        assertEquals(JSON.readTree(first.getBody()).get("incidentId").asText(),
                JSON.readTree(repeat.getBody()).get("incidentId").asText());
        assertEquals(2, twilio.requests().size());

        // without the header the original usage pages every time, as before
        assertEquals(202, handler.handleRequest(webhook(body, Map.of(), Map.of()), null).getStatusCode());
        assertEquals(4, twilio.requests().size());

        APIGatewayProxyResponseEvent bad = handler.handleRequest(webhook(body, Map.of(), Map.of("Idempotency-Key", "x".repeat(201))), null);
        assertEquals(400, bad.getStatusCode());
        assertEquals("invalid_idempotency_key", JSON.readTree(bad.getBody()).get("error").asText());
    }

    @Test
    void whenNoCallIsPlacedTheKeyIsFreedSoTheSendersRetryDialsAgain() throws Exception {
        // numbers ending in 96 are refused by the stand-in
        Map<String, String> refused = Map.of("to", "+818012345696");
        APIGatewayProxyResponseEvent first = handler.handleRequest(webhook(payload("pagerduty-trigger.json"), refused, Map.of()), null);
        assertEquals(502, first.getStatusCode(), first.getBody());
        APIGatewayProxyResponseEvent retry = handler.handleRequest(webhook(payload("pagerduty-trigger.json"), Map.of("to", TO), Map.of()), null);
        assertEquals(202, retry.getStatusCode(), retry.getBody());
        assertEquals(3, twilio.requests().size());
    }

    @Test
    void aRepeatThatWaitedForARefusedDialSharesItsOutcomeAndOnlyALaterRetryDialsAgain() throws Exception {
        String body = payload("pagerduty-trigger.json");
        Map<String, String> refused = Map.of("to", "+818012345696"); // refused by the stand-in
        twilio.delayResponses(Duration.ofSeconds(1)); // the first request is still dialling when the repeat comes
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            Future<APIGatewayProxyResponseEvent> first = pool.submit(() -> handler.handleRequest(webhook(body, refused, Map.of()), null));
            while (twilio.requests().isEmpty() && !first.isDone()) {
                Thread.onSpinWait();
            }
            APIGatewayProxyResponseEvent repeat = handler.handleRequest(webhook(body, refused, Map.of()), null);
            assertEquals(502, first.get().getStatusCode(), first.get().getBody());
            assertEquals(502, repeat.getStatusCode(), repeat.getBody());
            assertEquals(1, twilio.requests().size(), "the repeat waited for the refusal and did not ring the number again");
        }
        APIGatewayProxyResponseEvent retry = handler.handleRequest(webhook(body, refused, Map.of()), null);
        assertEquals(502, retry.getStatusCode(), retry.getBody());
        assertEquals(2, twilio.requests().size(), "a retry sent after the refusal tries the call again");
    }

    @Test
    void twentyIdenticalWebhooksAtOnceOpenOneIncidentAndDialEachCalleeOnce() throws Exception {
        String body = payload("alertmanager-firing.json");
        int senders = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayProxyResponseEvent>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                APIGatewayProxyRequestEvent event = webhook(body, Map.of("to", TO), Map.of());
                responses.add(pool.submit(() -> {
                    go.await();
                    return handler.handleRequest(event, null);
                }));
            }
            go.countDown();
            Set<String> incidents = new HashSet<>();
            int opened = 0;
            for (Future<APIGatewayProxyResponseEvent> f : responses) {
                APIGatewayProxyResponseEvent r = f.get();
                JsonNode json = JSON.readTree(r.getBody());
                if (r.getStatusCode() == 202) {
                    opened++;
                } else {
                    assertEquals(200, r.getStatusCode(), r.getBody());
                    assertTrue(json.get("deduplicated").asBoolean(), r.getBody());
                }
                incidents.add(json.get("incidentId").asText());
            }
            assertEquals(1, opened, "exactly one request opens the incident");
            assertEquals(1, incidents.size(), "every answer names the same incident: " + incidents);
        }
        Map<String, Long> dialsPerCallee = twilio.requests().stream()
                .collect(Collectors.groupingBy(r -> r.field("To"), Collectors.counting()));
        assertEquals(Map.of("+818012345601", 1L, "+818012345602", 1L), dialsPerCallee);
    }

    @Test
    void fiftyIdenticalWebhooksWhoseOnlyCalleeTwilioRefusesAreNeverToldDeduplicated() throws Exception {
        String body = payload("alertmanager-firing.json");
        int senders = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<APIGatewayProxyResponseEvent>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < senders; i++) {
                APIGatewayProxyRequestEvent event = webhook(body, Map.of("to", "+818012345696"), Map.of());
                responses.add(pool.submit(() -> {
                    go.await();
                    return handler.handleRequest(event, null);
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Future<APIGatewayProxyResponseEvent> f : responses) {
                APIGatewayProxyResponseEvent r = f.get();
                statuses.merge(r.getStatusCode(), 1, Integer::sum);
                // nobody was phoned: a sender may only hear so (502), or that the number hit its hourly limit (400)
                assertTrue(r.getStatusCode() == 502 || r.getStatusCode() == 400, r.getBody());
                assertFalse(r.getBody().contains("deduplicated"), r.getBody());
            }
            assertTrue(statuses.getOrDefault(502, 0) >= 1, statuses.toString());
        }
    }

    private Set<String> dialled() {
        return twilio.requests().stream().map(r -> r.field("To")).collect(Collectors.toSet());
    }

    private void assertNoUnmaskedNumbersInLogs() {
        String logText = logs.toString(StandardCharsets.UTF_8);
        for (String number : CALLEES) {
            assertFalse(logText.contains(number), "no unmasked number in logs: " + logText);
        }
    }

    private static String payload(String name) throws IOException {
        try (InputStream in = AlertHandlerWebhookTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The sample JSON alert event with this body, query and extra headers. */
    private static APIGatewayProxyRequestEvent webhook(String body, Map<String, String> query, Map<String, String> headers) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/alert-json.json");
        Map<String, String> h = new HashMap<>(event.getHeaders());
        h.putAll(headers);
        event.setHeaders(h);
        Map<String, List<String>> mh = new HashMap<>(event.getMultiValueHeaders());
        headers.forEach((k, v) -> mh.put(k, List.of(v)));
        event.setMultiValueHeaders(mh);
        if (!query.isEmpty()) {
            event.setQueryStringParameters(new HashMap<>(query));
            Map<String, List<String>> mq = new HashMap<>();
            query.forEach((k, v) -> mq.put(k, List.of(v)));
            event.setMultiValueQueryStringParameters(mq);
        }
        return event.withBody(body);
    }
}
