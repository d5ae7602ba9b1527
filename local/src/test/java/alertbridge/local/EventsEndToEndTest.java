package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incident events over the local stack, to local receivers: a Slack-format one (through {@code ssm:slack}), a signed
 * generic one, and one that answers 500 twice before it recovers. Backoff delays run on the simulator's clock.
 */
class EventsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EventReceiver receiver;
    private static LocalStack stack;
    private static LocalClient client;
    private static final AtomicInteger flakyRequests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        receiver = new EventReceiver().answer("/flaky", body -> flakyRequests.incrementAndGet() <= 2 ? 500 : 200);
        stack = LocalStack.start(StackOptions.forTests(0.05)
                .withParameter("EventWebhooks", "ssm:slack," + receiver.url("/generic") + "," + receiver.url("/flaky")));
        stack.putEventWebhook("slack", receiver.url("/services/T000/B000/local"));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
        receiver.close();
    }

    @Test
    void aFullIncidentReachesEveryReceiverInOrderSignedAndOnceEach() throws IOException {
        String resolved = sample("alertmanager-resolved.json");
        LocalClient.Response opened = client.webhook("team=sre", resolved.replace("\"resolved\"", "\"firing\""));
        assertEquals(202, opened.status(), String.valueOf(opened.json()));
        String id = opened.json().get("incidentId").asText();
        eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 2, Duration.ofSeconds(20));
        eventually(() -> generic(id), l -> l.size() == 3, Duration.ofSeconds(20)); // both joins delivered before the resolve
        assertTrue(client.webhook("team=sre", resolved).json().get("resolved").asBoolean());

        List<JsonNode> events = eventually(() -> generic(id), l -> l.size() == 4, Duration.ofSeconds(20));
        assertEquals(List.of("incident.opened", "callee.joined", "callee.joined", "incident.resolved"),
                events.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(id + ".incident.opened", events.getFirst().get("id").asText(), "ids are derived, not random");
        assertEquals(2, events.stream().map(e -> e.get("id").asText()).filter(i -> i.contains(".callee.joined.CA")).distinct().count());
        assertEquals("resolved", events.getLast().at("/incident/status").asText());
        assertEquals(2, events.get(2).at("/incident/onBridge").size(), "who is on the bridge, read at delivery");
        for (JsonNode e : events) {
            assertFalse(e.toString().contains("+818012345601"), "numbers are masked: " + e);
        }
        for (EventReceiver.Post post : receiver.posts("/generic")) {
            assertTrue(validSignature(post.signature(), post.body()), "signed with the stack's secret: " + post.signature());
        }

        List<JsonNode> slack = eventually(() -> bodies("/services/T000/B000/local", id), l -> l.size() == 4, Duration.ofSeconds(20));
        assertTrue(slack.getFirst().get("text").asText().startsWith("Incident opened"), slack.getFirst().toString());
        assertTrue(slack.get(1).get("text").asText().contains("joined the bridge (answered our call)"), slack.get(1).toString());
        assertTrue(slack.getLast().get("text").asText().startsWith("Resolved"), slack.getLast().toString());
        slack.forEach(s -> assertEquals("section", s.at("/blocks/0/type").asText()));
        slack.forEach(s -> assertTrue(s.at("/blocks/2/elements/0/text").asText().startsWith("<" + stack.apiUrl() + "/ui/incidents/"
                + id + "#link="), "each Slack post links to the incident page: " + s));
        receiver.posts("/services/T000/B000/local").forEach(p -> assertEquals(null, p.signature(), "Slack gets no signature"));

        // the flaky receiver answered 500 twice, then got every event once (retried with backoff, not duplicated)
        List<String> delivered = eventually(() -> receiver.posts("/flaky").stream().filter(p -> p.answered() == 200)
                .map(p -> read(p.body())).filter(e -> e.at("/incident/id").asText().equals(id)).map(e -> e.get("id").asText()).toList(),
                l -> l.size() == 4, Duration.ofSeconds(30));
        assertEquals(4, delivered.stream().distinct().count(), delivered.toString());
        assertEquals(2, receiver.posts("/flaky").stream().filter(p -> p.answered() == 500).count());
    }

    @Test
    void aCalleeNobodyAnswersEscalatesEachRoundThenIsUnanswered() {
        String id = client.alert("to=+818012345692&message=Disk full").json().get("incidentId").asText();
        List<JsonNode> events = eventually(() -> generic(id), l -> l.size() == 4, Duration.ofSeconds(60));
        assertEquals(List.of("incident.opened", "incident.escalated", "incident.escalated", "incident.unanswered"),
                events.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(List.of(2, 3), List.of(events.get(1).get("round").asInt(), events.get(2).get("round").asInt()));
        assertEquals(3, events.get(3).get("round").asInt(), "rounds dialled");
        assertEquals("unanswered", events.get(3).at("/incident/status").asText());
    }

    private static List<JsonNode> generic(String incidentId) {
        return bodies("/generic", incidentId);
    }

    private static List<JsonNode> bodies(String path, String incidentId) {
        return receiver.posts(path).stream().filter(p -> p.body().contains(incidentId)).map(p -> read(p.body())).toList();
    }

    /** The receiver's side, as docs/integrations.md shows it: HMAC-SHA256 of "t.body" with the shared secret. */
    private static boolean validSignature(String header, String body) {
        try {
            String t = header.split(",")[0].substring("t=".length());
            String v1 = header.split(",")[1].substring("v1=".length());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(stack.eventSigningSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), v1.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    static String sample(String name) throws IOException {
        try (InputStream in = EventsEndToEndTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
