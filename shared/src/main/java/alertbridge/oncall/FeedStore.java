package alertbridge.oncall;

import java.util.Optional;

/** Calendar subscriptions by the SHA-256 of their token (the token itself is never stored). */
public interface FeedStore {
    /** One subscription: a team's feed, or one person's shifts in it. */
    record Subscription(String hash, String team, Optional<String> person, java.time.Instant createdAt) {
    }

    void put(Subscription subscription);

    Optional<Subscription> find(String hash);

    void delete(String hash);
}
