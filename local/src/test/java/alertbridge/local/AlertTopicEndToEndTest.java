package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CloudWatch alarm's life through the stack's SNS topic, over the local stack (AlertTopicFunction as the template
 * subscribes it, the Twilio simulator playing both phones of the default AlertTopicTeams roster): ALARM rings both
 * and they join the bridge; CloudWatch's repeat joins the open incident; OK resolves it and, with ResolvedSms, texts
 * both; a message that cannot page is retried twice and dead-lettered.
 */
class AlertTopicEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ONCALL = Set.of("+818012345601", "+818012345602");
    private static LocalStack stack;
    private static LocalClient client;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.05).withParameter("ResolvedSms", "true"));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anAlarmRingsTheRosterItsRepeatJoinsAndOkResolvesAndTextsEveryone() throws IOException {
        String alarm = alarmMessage();
        List<LocalTopics.Delivery> first = stack.topics().publish("AlertTopic", Optional.of("ALARM: \"api-5xx-high\""), alarm);
        assertEquals(1, first.size(), "one subscriber: " + first);
        assertEquals("AlertTopicFunction", first.getFirst().function());
        String result = first.getFirst().result().orElseThrow();
        assertTrue(result.startsWith("opened "), result);
        String id = result.split(" ")[1];

        JsonNode joined = eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 2,
                Duration.ofSeconds(20));
        assertEquals("api-5xx-high on orders-api. API returns too many 5xx errors.", joined.get("message").asText());
        assertEquals(ONCALL, stack.simulator().orElseThrow().createRequests().stream().map(r -> r.field("To"))
                .collect(Collectors.toSet()));

        String repeat = stack.topics().publish("AlertTopic", Optional.empty(), alarm).getFirst().result().orElseThrow();
        assertEquals("deduplicated " + id, repeat);
        assertEquals(2, stack.simulator().orElseThrow().createRequests().size(), "nobody is phoned twice");

        // OK, published the way `curl` reaches the local topic
        String ok = alarm.replace("\"NewStateValue\":\"ALARM\"", "\"NewStateValue\":\"OK\"");
        LocalClient.Response published = client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl()
                        + "/_local/topics/AlertTopic?subject=" + URLEncoder.encode("OK: \"api-5xx-high\"", StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(ok)));
        assertEquals(200, published.status(), String.valueOf(published.json()));
        assertEquals("resolved " + id, published.json().get("deliveries").get(0).get("result").asText());

        JsonNode timeline = client.get("/incidents/" + id).json();
        assertEquals("resolved", timeline.get("status").asText());
        assertEquals("cloudwatch:OK", timeline.get("resolvedBy").asText());
        assertTrue(timeline.hasNonNull("resolvedAt"));
        for (JsonNode callee : timeline.get("callees")) {
            assertEquals("queued", callee.get("resolvedText").asText(), timeline.toString());
        }
        var texts = stack.simulator().orElseThrow().messageRequests();
        assertEquals(ONCALL, texts.stream().map(r -> r.field("To")).collect(Collectors.toSet()));
        assertEquals("alertbridge: Resolved: api-5xx-high on orders-api.", texts.getFirst().field("Body"));
        assertEquals(2, stack.simulator().orElseThrow().createRequests().size(), "a resolve dials nobody");
    }

    @Test
    void aMessageThatCannotPageIsRetriedTwiceThenDeadLettered() throws IOException {
        // a blank message: nothing to say, so nobody can be paged
        int dialsBefore = stack.simulator().orElseThrow().createRequests().size();
        List<LocalTopics.Delivery> deliveries = stack.topics().publish("AlertTopic", Optional.empty(), "   ");
        LocalTopics.Delivery d = deliveries.getFirst();
        assertTrue(d.deadLettered(), d.toString());
        assertEquals(3, d.attempts());
        assertTrue(d.error().orElseThrow().contains("missing_message"), d.toString());
        // the template's dead-letter queue (in moto) holds the failed event, as Lambda sends it there
        List<String> deadLettered = stack.receiveMessages("AlertTopicDeadLetterQueue");
        assertEquals(1, deadLettered.size(), deadLettered.toString());
        JsonNode sns = JSON.readTree(deadLettered.getFirst()).get("Records").get(0).get("Sns");
        assertEquals(d.messageId(), sns.get("MessageId").asText());
        assertEquals("   ", sns.get("Message").asText());
        assertEquals(dialsBefore, stack.simulator().orElseThrow().createRequests().size());
    }

    private static String alarmMessage() throws IOException {
        try (InputStream in = AlertTopicEndToEndTest.class.getResourceAsStream("/events/payloads/cloudwatch-sns-event.json")) {
            return JSON.readTree(in).get("Records").get(0).get("Sns").get("Message").asText();
        }
    }
}
