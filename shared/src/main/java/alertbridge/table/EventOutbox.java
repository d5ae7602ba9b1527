package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Incident events the events queue could not take (an SQS outage), kept in the table until a sweeper queues them:
 * {@code OUTBOX} / {@code <epoch ms>#<event id>}, the event as JSON in {@code event}. A queued one is marked
 * {@code sentAt} (and expires a day later) rather than deleted, so the functions that sweep need no delete grant.
 * When the table is down too, a kept event goes to the records queue ({@link WriteBehind}) like any write.
 */
public final class EventOutbox {
    static final String PK = "OUTBOX";
    /** How long a queued event's item is kept (DynamoDB's TTL then deletes it). */
    static final Duration SENT_KEPT = Duration.ofDays(1);

    /** One event waiting: its sort key (to mark it sent) and its JSON. */
    public record Kept(String sortKey, String eventJson) {
    }

    private final IncidentTable table;

    EventOutbox(IncidentTable table) {
        this.table = table;
    }

    /** Keeps {@code eventJson} for the sweeper; written now or deferred, else {@link StoreUnavailable}. */
    public void keep(String eventId, String eventJson, Instant at) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.outbox(at, eventId), at);
        item.put("event", s(eventJson));
        table.put(item);
    }

    /** The events not queued yet, oldest first, at most {@code max}. */
    public List<Kept> waiting(int max) {
        return table.partition(PK, "", true, 0).stream()
                .filter(item -> !item.containsKey("sentAt"))
                .limit(max)
                .map(item -> new Kept(item.get(TableKeys.SK).s(), item.get("event").s()))
                .toList();
    }

    /** Marks a kept event queued: it is not swept again, and expires {@link #SENT_KEPT} later. */
    public void markSent(String sortKey, Instant at) {
        table.updateIf(new ItemKey(PK, sortKey, "outbox"), "SET sentAt = :at, expiresAt = :expires",
                "attribute_exists(pk)", Map.of(), Map.of(":at", s(at.toString()), ":expires", n(at.plus(SENT_KEPT).getEpochSecond())));
    }
}
