package alertbridge.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.events.EventPoster;
import alertbridge.incident.IncidentTimeline;
import alertbridge.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Follow-ups of a Slack page on its response_url: who joined, nobody, at most five, 30 minutes, Slack's URLs only. */
class SlackFollowUpsTest {
    private static final Instant T0 = Instant.parse("2027-01-05T03:00:00Z");
    private final SettableClock clock = new SettableClock(T0);
    private final Map<String, FollowUpStore.FollowUp> saved = new HashMap<>();
    private final List<String> posts = new ArrayList<>();
    private String status = "open";
    private final List<String> joined = new ArrayList<>();

    private final FollowUpStore store = new FollowUpStore() {
        public void save(FollowUp f) {
            saved.put(f.incidentId(), f);
        }

        public List<FollowUp> due(Instant now) {
            return saved.values().stream().filter(f -> f.next().filter(at -> !at.isAfter(now)).isPresent()).toList();
        }
    };
    private final EventPoster poster = (url, body, headers) -> {
        posts.add(body);
        return new EventPoster.Result(EventPoster.Outcome.DELIVERED, 200, "HTTP 200");
    };
    private final SlackFollowUps followUps = new SlackFollowUps(store, id -> timeline(), poster,
            number -> number.endsWith("01") ? "alice" : "+81******" + number.substring(number.length() - 4), clock);

    private IncidentTimeline timeline() {
        List<IncidentTimeline.Callee> callees = joined.stream().map(to -> new IncidentTimeline.Callee(to, "call", Optional.of("CA" + to),
                "in-progress", "joined", Optional.of(T0), Optional.of(T0), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of())).toList();
        return new IncidentTimeline("I1", "DB down", status, T0, Optional.empty(), Optional.empty(), "alertbridge-I1", joined.size(),
                2, callees, List.of("alice"));
    }

    @Test
    void whoJoinedThenNobodyMoreUntilTheIncidentIsOver() {
        followUps.watch("I1", "https://hooks.slack.com/commands/T0/1/x");
        assertEquals(0, followUps.run());
        joined.add("+818012345601");
        assertEquals(1, followUps.run());
        assertEquals(0, followUps.run());
        joined.add("+818012345602");
        assertEquals(1, followUps.run());
        assertTrue(posts.get(0).contains("\"text\":\"alice joined the bridge\""), posts.toString());
        assertTrue(posts.get(1).contains("\"text\":\"+81******5602 joined the bridge\""), posts.toString());
        assertTrue(posts.get(0).contains("\"replace_original\":false"), posts.toString());
        status = "resolved";
        followUps.run();
        assertEquals(Optional.empty(), saved.get("I1").next());
    }

    @Test
    void unansweredIsSaidOnceAndNothingAfterThirtyMinutesOrFivePosts() {
        followUps.watch("I1", "https://hooks.slack.com/commands/T0/1/x");
        status = "unanswered";
        assertEquals(1, followUps.run());
        assertEquals(0, followUps.run());
        assertTrue(posts.getFirst().contains("Nobody reached the bridge after 2 rounds"), posts.toString());

        followUps.watch("I2", "https://hooks.slack.com/commands/T0/1/y");
        status = "open";
        for (int i = 0; i < 8; i++) {
            joined.add("+8180123456" + (10 + i));
            followUps.run();
        }
        assertEquals(1 + SlackFollowUps.MAX_POSTS, posts.size(), "at most five per page");

        followUps.watch("I3", "https://hooks.slack.com/commands/T0/1/z");
        clock.set(T0.plus(Duration.ofMinutes(31)));
        joined.add("+818012345699");
        assertEquals(0, followUps.run());
    }

    @Test
    void onlySlacksOwnResponseUrlsArePostedTo() {
        followUps.watch("I1", "https://evil.example.com/hook");
        followUps.watch("I2", "http://hooks.slack.com/commands/x");
        assertEquals(Map.of(), saved);
        assertTrue(SlackFollowUps.allowed("http://127.0.0.1:3000/_local/slack/responses"));
    }
}
