package alertbridge.oncall;

import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Calendar subscriptions: {@code POST /schedules/{team}/feeds} gives an unguessable URL
 * {@code /calendar/<token>.ics} (calendar apps send no headers, so the token is the credential); only its hash is
 * stored, and DELETE revokes it. An unknown or revoked token is 404, saying nothing about which teams exist.
 */
public final class CalendarFeeds {
    private static final JsonLog LOG = JsonLog.forComponent("calendar-feeds");
    public static final String SUFFIX = ".ics";

    private final FeedStore store;
    private final ScheduleService schedules;
    private final Clock clock;

    public CalendarFeeds(FeedStore store, ScheduleService schedules, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.clock = clock;
    }

    /** A new subscription: its id (the token's hash, to revoke it) and its token (given out once). */
    public record Created(String id, String token) {
    }

    public Created create(String team, Optional<String> person) {
        schedules.timeline(team); // a team without a schedule is refused (404)
        person.filter(p -> !schedules.onRoster(team, p)).ifPresent(p -> {
            throw Refusal.invalid("person_not_on_roster", "'" + p + "' is not on the roster of '" + team + "'");
        });
        String token = IncidentIds.next();
        String id = hash(token);
        store.put(new FeedStore.Subscription(id, team, person, clock.instant()));
        LOG.info("feed_created", "team", team, "feed", id.substring(0, 12));
        return new Created(id, token);
    }

    public void revoke(String team, String id) {
        FeedStore.Subscription found = store.find(id).filter(s -> s.team().equals(team))
                .orElseThrow(() -> Refusal.notFound("unknown_feed", "team '" + team + "' has no feed '" + id + "'"));
        store.delete(found.hash());
        LOG.info("feed_revoked", "team", team, "feed", id.substring(0, Math.min(12, id.length())));
    }

    /** The feed of {@code token} (with or without {@code .ics}) as of now. */
    public String render(String token) {
        String bare = token.endsWith(SUFFIX) ? token.substring(0, token.length() - SUFFIX.length()) : token;
        FeedStore.Subscription s = (IncidentIds.isWellFormed(bare) ? store.find(hash(bare)) : Optional.<FeedStore.Subscription>empty())
                .orElseThrow(() -> Refusal.notFound("unknown_feed", "no such calendar; ask for a new link"));
        return CalendarFeed.render(s.team(), schedules.timeline(s.team()), clock.instant(), s.person(), schedules.people()::name);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
