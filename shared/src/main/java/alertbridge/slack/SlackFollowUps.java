package alertbridge.slack;

import alertbridge.events.EventPayloads;
import alertbridge.events.EventPoster;
import alertbridge.incident.IncidentTimeline;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What became of a page made with {@code /oncall page}, posted to the command's {@code response_url} (no bot token):
 * who joined the bridge, or that nobody answered. At most five posts within 30 minutes, as Slack allows; looked at by
 * the one-minute ticker. Only Slack's own {@code https://hooks.slack.com/} (or a loopback stand-in) is posted to.
 */
public final class SlackFollowUps {
    private static final JsonLog LOG = JsonLog.forComponent("slack-follow-ups");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_POSTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(30);

    private final FollowUpStore store;
    private final Function<String, IncidentTimeline> timelines;
    private final EventPoster poster;
    private final Function<String, String> nameOfNumber;
    private final Clock clock;

    /** @param nameOfNumber a joined number as people read it: the person's name, or the number masked */
    public SlackFollowUps(FollowUpStore store, Function<String, IncidentTimeline> timelines, EventPoster poster,
                          Function<String, String> nameOfNumber, Clock clock) {
        this.store = store;
        this.timelines = timelines;
        this.poster = poster;
        this.nameOfNumber = nameOfNumber;
        this.clock = clock;
    }

    /** Follows the incident up on {@code responseUrl} (ignored unless it is Slack's, or a loopback stand-in). */
    public void watch(String incidentId, String responseUrl) {
        if (!allowed(responseUrl)) {
            LOG.warn("slack_response_url_refused", "incidentId", incidentId);
            return;
        }
        Instant now = clock.instant();
        store.save(new FollowUpStore.FollowUp(incidentId, responseUrl, now.plus(WINDOW), 0, List.of(), Optional.of(now)));
    }

    /** @return the posts made in this run */
    public int run() {
        Instant now = clock.instant();
        int made = 0;
        for (FollowUpStore.FollowUp f : store.due(now)) {
            try {
                made += followUp(f, now);
            } catch (Refusal | IllegalStateException e) { // the incident not readable yet: the next run tries again
                LOG.warn("slack_follow_up_later", "incidentId", f.incidentId(), "error", e.getClass().getSimpleName());
            }
        }
        return made;
    }

    private int followUp(FollowUpStore.FollowUp f, Instant now) {
        if (now.isAfter(f.until())) {
            store.save(new FollowUpStore.FollowUp(f.incidentId(), f.responseUrl(), f.until(), f.posts(), f.announced(), Optional.empty()));
            return 0;
        }
        IncidentTimeline timeline = timelines.apply(f.incidentId());
        List<String> announced = new ArrayList<>(f.announced());
        List<String> fresh = timeline.callees().stream().filter(c -> c.joinedAt().isPresent()).map(IncidentTimeline.Callee::to)
                .filter(to -> !announced.contains(to)).distinct().toList();
        int posts = f.posts();
        int made = 0;
        if (!fresh.isEmpty() && posts < MAX_POSTS && post(f, String.join(", ", fresh.stream().map(nameOfNumber).toList())
                + " joined the bridge")) {
            announced.addAll(fresh);
            posts++;
            made++;
        }
        boolean finished = posts >= MAX_POSTS || timeline.status().equals("resolved");
        if (timeline.status().equals("unanswered") && posts < MAX_POSTS) {
            if (post(f, "Nobody reached the bridge after " + timeline.rounds() + " round" + (timeline.rounds() == 1 ? "" : "s"))) {
                posts++;
                made++;
            }
            finished = true;
        }
        store.save(new FollowUpStore.FollowUp(f.incidentId(), f.responseUrl(), f.until(), posts, announced,
                finished ? Optional.empty() : Optional.of(now)));
        return made;
    }

    private boolean post(FollowUpStore.FollowUp f, String text) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("response_type", "in_channel", "replace_original", false,
                    "text", EventPayloads.escape(text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        EventPoster.Result result = poster.post(f.responseUrl(), body, Map.of());
        LOG.info("slack_follow_up", "incidentId", f.incidentId(), "result", result.detail());
        return result.outcome() == EventPoster.Outcome.DELIVERED;
    }

    static boolean allowed(String url) {
        try {
            URI uri = URI.create(url);
            String host = Optional.ofNullable(uri.getHost()).orElse("");
            return "https".equals(uri.getScheme()) && host.equals("hooks.slack.com")
                    || "http".equals(uri.getScheme()) && (host.equals("127.0.0.1") || host.equals("localhost"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
