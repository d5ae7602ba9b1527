package alertbridge.events;

import alertbridge.delivery.EventDispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDestinationsTest {
    @Test
    void inlineSlackWebhooksAndPlainHttpAreRefusedSsmNamesAndHttpsKept() {
        List<String> usable = EventDestinations.parse(" https://rundeck.example.com/api/40/webhook/tok#run , ssm:slack-sre,"
                + "https://hooks.slack.com/services/T0/B0/secret, http://example.com/hook, http://127.0.0.1:9000/x, ssm:bad name,");
        assertEquals(List.of("https://rundeck.example.com/api/40/webhook/tok#run", "ssm:slack-sre", "http://127.0.0.1:9000/x"), usable);
    }

    @Test
    void slackIsRecognisedByItsHost() {
        assertTrue(EventDestinations.isSlack("https://hooks.slack.com/services/T0/B0/x"));
        assertFalse(EventDestinations.isSlack("https://example.com/services/hooks.slack.com"));
        assertTrue(EventDestinations.inlineProblem("https://hooks.slack.com/services/T0/B0/x").orElseThrow().contains("SSM"));
        assertTrue(EventDestinations.inlineProblem("ssm:slack").isEmpty());
    }

    @Test
    void loggedDestinationsShowNoPathOrToken() {
        assertEquals("https://hooks.slack.com/...", EventDestinations.describe("https://hooks.slack.com/services/T0/B0/secret"));
        assertEquals("ssm:slack", EventDestinations.describe("ssm:slack"));
    }

    @Test
    void retriesBackOffThreefoldUpToFifteenMinutes() {
        assertEquals(List.of(10L, 30L, 90L, 270L, 810L, 900L, 900L), java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(EventDispatcher::retryDelay).map(Duration::toSeconds).toList());
    }
}
