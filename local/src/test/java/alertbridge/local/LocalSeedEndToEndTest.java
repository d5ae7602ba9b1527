package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What ./local/run seeds: alice, bob and carol on roster sre, a weekly Tokyo schedule with alice on call this week. */
class LocalSeedEndToEndTest {
    @Test
    void theSeededScheduleAnswersWhoAndTheExamplesNameTheRoutes() throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            LocalDate sunday = LocalSeed.seed(stack);
            LocalClient client = new LocalClient(stack);
            LocalClient.Response who = client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/_local/slack"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("text=who+sre")));
            assertEquals("sre on call: alice until " + sunday.plusWeeks(1) + " 00:00 JST (next: bob)", who.json().get("text").asText());

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LocalSeed.printExamples(new PrintStream(printed, true, StandardCharsets.UTF_8), stack.apiUrl(), "t0k3n");
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("/_local/slack") && text.contains("/schedules/sre/feeds") && text.contains("team=sre"), text);
        }
    }
}
