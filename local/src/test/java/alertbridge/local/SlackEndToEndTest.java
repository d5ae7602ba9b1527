package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The /oncall command round trip over the local stack: the simulator plays Slack (signed form, POST /_local/slack),
 * the schedules function answers within Slack's 3 s; {@code page} rings the on-call person only in round 1.
 */
class SlackEndToEndTest {
    private static final String ALICE = "+818012345601";

    private static LocalClient.Response slack(LocalClient client, LocalStack stack, String text, String user) {
        return client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/_local/slack"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                        + "&user=" + user)));
    }

    @Test
    void whoAndPageFromSlackAndUnsignedRequestsRefused() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            stack.putRoster("sre-slack", ALICE + ",+818012345602,+818012345603");
            stack.putPerson("alice", "alice", ALICE, "U0ALICE");
            stack.putPerson("bob", "bob", "+818012345602", "U0BOB");
            stack.putPerson("carol", "carol", "+818012345603", "U0CAROL");
            ZoneId tokyo = ZoneId.of("Asia/Tokyo");
            LocalDate sunday = LocalDate.now(tokyo).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalClient client = new LocalClient(stack);
            assertEquals(200, client.put("/schedules/sre-slack", "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"unit\": \"weeks\","
                    + " \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"alice\", \"bob\", \"carol\"]}]}").status());

            Instant started = Instant.now();
            LocalClient.Response who = slack(client, stack, "who sre-slack", "U0SOMEONE");
            Duration took = Duration.between(started, Instant.now());
            assertEquals(200, who.status(), String.valueOf(who.json()));
            assertEquals("ephemeral", who.json().get("response_type").asText());
            assertEquals("sre-slack on call: alice until " + sunday.plusWeeks(1) + " 00:00 JST (next: bob)", who.json().get("text").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered in " + took);

            LocalClient.Response stranger = slack(client, stack, "page sre-slack DB down", "U0STRANGER");
            assertEquals("ephemeral", stranger.json().get("response_type").asText());
            assertTrue(stranger.json().get("text").asText().startsWith("you are not on the sre-slack roster"), stranger.json().toString());
            assertEquals(0, stack.simulator().orElseThrow().createRequests().size());

            started = Instant.now();
            LocalClient.Response page = slack(client, stack, "page sre-slack DB down", "U0BOB");
            took = Duration.between(started, Instant.now());
            assertEquals(200, page.status(), String.valueOf(page.json()));
            assertEquals("in_channel", page.json().get("response_type").asText());
            assertEquals("Paging sre-slack on call (alice): DB down (by bob)", page.json().get("text").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered in " + took);
            Set<String> rang = stack.simulator().orElseThrow().createRequests().stream().map(r -> r.field("To")).collect(Collectors.toSet());
            assertEquals(Set.of(ALICE), rang, "round 1 rings the on-call person only");
            // the ticker follows the page up on response_url: alice joined (one post; never more than five)
            List<String> posts = LocalClient.eventually(stack::slackResponses, p -> !p.isEmpty(), Duration.ofSeconds(30));
            assertTrue(posts.getFirst().contains("\"text\":\"alice joined the bridge\""), posts.toString());
            assertTrue(posts.getFirst().contains("\"response_type\":\"in_channel\""), posts.toString());
            RequestHandler<Map<String, Object>, Map<String, Object>> ticker = stack.newContainer("HandoffTickerFunction");
            ticker.handleRequest(Map.of(), null);
            assertEquals(1, stack.slackResponses().size(), stack.slackResponses().toString());

            LocalClient.Response unsigned = client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/slack/commands"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("team_id=T0LOCAL&user_id=U0BOB&text=page+sre-slack+x")));
            assertEquals(401, unsigned.status(), String.valueOf(unsigned.json()));
            assertEquals("invalid_slack_signature", unsigned.json().get("error").asText());
        }
    }
}
