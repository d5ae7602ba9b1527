package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local API hands the handlers the same event shape as the events/ samples (which are what `sam local invoke -e`
 * and API Gateway send): the same keys at the top, in requestContext and in its identity.
 */
class EventShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.forTests(0.05));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void alertEventHasTheSampleKeys() throws IOException {
        new LocalClient(stack).alert("to=+818012345694&message=shape");
        assertSameKeys(sample("events/alert-form.json"), last("/alert"));
    }

    @Test
    void twilioWebhookEventHasTheSampleKeys() throws IOException {
        LocalClient client = new LocalClient(stack);
        client.alert("to=+818012345601&message=shape");
        LocalClient.eventually(() -> stack.api().recentEvents().stream().anyMatch(e -> "/join_conference".equals(e.get("resource"))),
                found -> found, java.time.Duration.ofSeconds(10));
        assertSameKeys(sample("events/join-keypress.json"), last("/join_conference"));
    }

    private static JsonNode last(String resource) {
        Map<String, Object> event = stack.api().recentEvents().reversed().stream()
                .filter(e -> resource.equals(e.get("resource"))).findFirst().orElseThrow();
        return JSON.valueToTree(event);
    }

    private static JsonNode sample(String name) throws IOException {
        try (InputStream in = EventShapeTest.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }

    private static void assertSameKeys(JsonNode sample, JsonNode local) {
        assertEquals(keys(sample), keys(local), "top-level keys");
        assertEquals(keys(sample.get("requestContext")), keys(local.get("requestContext")), "requestContext keys");
        assertEquals(keys(sample.get("requestContext").get("identity")), keys(local.get("requestContext").get("identity")), "identity keys");
        assertEquals(sample.get("isBase64Encoded").getNodeType(), local.get("isBase64Encoded").getNodeType());
        assertEquals(sample.get("headers").getNodeType(), local.get("headers").getNodeType());
        assertEquals(sample.get("multiValueHeaders").getNodeType(), local.get("multiValueHeaders").getNodeType());
    }

    private static TreeSet<String> keys(JsonNode node) {
        TreeSet<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
