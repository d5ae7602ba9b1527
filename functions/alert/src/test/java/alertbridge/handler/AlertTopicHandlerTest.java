package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.Incident;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.TemplateResources;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CloudWatch alarms through the SNS topic, as Lambda's SNS event source delivers them
 * ({@code events/payloads/cloudwatch-sns-event.json}), over moto (DynamoDB, SSM) and the Twilio stand-in: ALARM phones the
 * configured roster, a redelivery or repeat joins the open incident, OK resolves (and, with ResolvedSms, texts
 * everyone who was called), INSUFFICIENT_DATA is ignored, and a message that pages nobody fails the invocation so
 * Lambda retries it and dead-letters it.
 */
class AlertTopicHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SRE = Set.of("+818012345621", "+818012345622");
    private static final String SAID = "api-5xx-high on orders-api. API returns too many 5xx errors.";
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private TwilioApiStandIn twilio;
    private IncidentStore store;
    private String table;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        table = "incidents-" + UUID.randomUUID();
        TemplateResources.createTable(aws.dynamo(), table);
        store = new IncidentStore(aws.dynamo(), table, Duration.ofDays(90), java.util.Optional.empty());
    }

    @AfterEach
    void stop() {
        JsonLog.redirect(System.out);
        twilio.close();
    }

    private AlertTopicHandler handler(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("TOPIC_TEAMS", "sre", "PUBLIC_BASE_URL", "https://alerts.example.com"));
        env.putAll(overrides);
        return new AlertTopicHandler(Clients.of(SampleConfig.settings(aws, table, twilio, env), SampleConfig.parameters(aws, TwilioApiStandIn.AUTH_TOKEN), aws.dynamo(), null));
    }

    @Test
    void anAlarmPhonesTheRosterARedeliveryDialsNobodyAndOkResolves() throws Exception {
        AlertTopicHandler handler = handler(Map.of());
        String opened = handler.handleRequest(alarm(), null);
        assertTrue(opened.startsWith("opened "), opened);
        assertEquals(SRE, dialled());
        assertTrue(twilio.requests().stream().allMatch(r -> r.field("Twiml")
                        .contains("<Gather action=\"https://alerts.example.com/join_conference?incident=")),
                "the key press goes to the API's public URL");
        String incidentId = opened.split(" ")[1];
        assertEquals(SAID, store.incidents().find(incidentId).orElseThrow().message());

        // SNS delivers at least once, and CloudWatch may publish ALARM again: both join the open incident
        assertEquals("deduplicated " + incidentId, handler.handleRequest(alarm(), null));
        assertEquals(2, twilio.requests().size());

        assertEquals("resolved " + incidentId, handler.handleRequest(withMessage(alarmMessage().replace("\"NewStateValue\":\"ALARM\"",
                "\"NewStateValue\":\"OK\"")), null));
        Incident incident = store.incidents().find(incidentId).orElseThrow();
        assertEquals(Incident.RESOLVED, incident.status());
        assertEquals("cloudwatch:OK", incident.resolvedBy().orElseThrow());
        assertEquals(2, twilio.requests().size(), "a resolve dials nobody");
        assertTrue(twilio.messageRequests().isEmpty(), "no resolved SMS unless ResolvedSms is true");
    }

    @Test
    void insufficientDataIsIgnored() throws Exception {
        String result = handler(Map.of()).handleRequest(withMessage(alarmMessage().replace("\"NewStateValue\":\"ALARM\"",
                "\"NewStateValue\":\"INSUFFICIENT_DATA\"")), null);
        assertTrue(result.startsWith("ignored"), result);
        assertTrue(twilio.requests().isEmpty());
    }

    @Test
    void withResolvedSmsEveryoneCalledIsTextedOnceAndRefusalsAreRecorded() throws Exception {
        AlertTopicHandler handler = handler(Map.of("RESOLVED_SMS", "true", "TOPIC_TEAMS", "sre,refused"));
        String opened = handler.handleRequest(alarm(), null);
        String incidentId = opened.split(" ")[1];
        assertEquals(2, twilio.requests().size() - 1, "the 96 number is refused by Twilio, so never called: " + opened);

        SNSEvent ok = withMessage(alarmMessage().replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\""));
        assertEquals("resolved " + incidentId, handler.handleRequest(ok, null));
        Map<String, String> texts = twilio.messageRequests().stream()
                .collect(Collectors.toMap(r -> r.field("To"), r -> r.field("Body")));
        assertEquals(SRE, texts.keySet(), "only the callees whose call was placed are texted");
        texts.values().forEach(body -> assertEquals("alertbridge: Resolved: api-5xx-high on orders-api.", body));
        assertEquals(SampleConfig.CALLER_NUMBER, twilio.messageRequests().getFirst().field("From"));
        assertEquals(Map.of("+818012345621", "queued", "+818012345622", "queued"), store.callees().texts(incidentId));

        assertEquals("nothing to resolve", handler.handleRequest(ok, null));
        assertEquals(2, twilio.messageRequests().size(), "a repeated OK texts nobody again");
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("+818012345621"), "numbers are masked in logs");
    }

    @Test
    void aMessageThatPagesNobodyFailsTheInvocationSoLambdaRetriesAndDeadLettersIt() throws Exception {
        var unknownTeam = handler(Map.of("TOPIC_TEAMS", "nobody"));
        var e = assertThrows(AlertTopicHandler.TopicAlertFailed.class, () -> unknownTeam.handleRequest(alarm(), null));
        assertTrue(e.getMessage().contains("unknown_team"), e.getMessage());
        assertTrue(twilio.requests().isEmpty());
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"topic_alert_refused\""));

        // Twilio places no call: the dedup key stays with the incident, so Lambda's retry dials again in it
        var refused = handler(Map.of("TOPIC_TEAMS", "refused"));
        assertThrows(AlertTopicHandler.TopicAlertFailed.class, () -> refused.handleRequest(alarm(), null));
        var fixed = handler(Map.of());
        assertTrue(fixed.handleRequest(alarm(), null).startsWith("opened "));
        assertEquals(3, twilio.requests().size());
    }

    @Test
    void aPlainTextMessageIsSaidAsWrittenAndItsRedeliveryDialsNobody() throws Exception {
        AlertTopicHandler handler = handler(Map.of());
        SNSEvent event = withMessage("Primary database is down");
        event.getRecords().getFirst().getSNS().setSubject("DB");
        String opened = handler.handleRequest(event, null);
        assertTrue(opened.startsWith("opened "), opened);
        assertEquals("DB. Primary database is down.", store.incidents().find(opened.split(" ")[1]).orElseThrow().message());
        assertTrue(handler.handleRequest(event, null).startsWith("deduplicated "), "the same SNS MessageId");

        SNSEvent another = withMessage("Primary database is down");
        another.getRecords().getFirst().getSNS().setMessageId(UUID.randomUUID().toString());
        assertTrue(handler.handleRequest(another, null).startsWith("opened "), "a new publish pages again");
        assertEquals(4, twilio.requests().size());
    }

    @Test
    void theTopicFunctionRefusesToStartWithoutItsConfiguration() {
        var noUrl = assertThrows(IllegalStateException.class, () -> handler(Map.of("PUBLIC_BASE_URL", "")));
        assertTrue(noUrl.getMessage().contains("PUBLIC_BASE_URL"));
        var noTeams = assertThrows(IllegalStateException.class, () -> handler(Map.of("TOPIC_TEAMS", " ")));
        assertTrue(noTeams.getMessage().contains("TOPIC_TEAMS"));
    }

    private Set<String> dialled() {
        return twilio.requests().stream().map(r -> r.field("To")).collect(Collectors.toSet());
    }

    /** The sample event: one CloudWatch ALARM notification, as Lambda receives it from SNS. */
    private static SNSEvent alarm() {
        return EventLoader.loadSNSEvent("events/payloads/cloudwatch-sns-event.json");
    }

    private static SNSEvent withMessage(String message) {
        SNSEvent event = alarm();
        event.getRecords().getFirst().getSNS().setMessage(message);
        event.getRecords().getFirst().getSNS().setMessageId(UUID.randomUUID().toString());
        return event;
    }

    private static String alarmMessage() throws IOException {
        try (InputStream in = AlertTopicHandlerTest.class.getResourceAsStream("/events/payloads/cloudwatch-sns-event.json")) {
            JsonNode root = JSON.readTree(in);
            return root.get("Records").get(0).get("Sns").get("Message").asText();
        }
    }

}
