package alertbridge.table;

import static alertbridge.table.TableKeys.s;

import alertbridge.oncall.FeedStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Calendar subscriptions ({@code CALFEED#<sha256 of the token>} / {@code FEED}): kept until revoked. */
public final class CalendarSubscriptions implements FeedStore {
    private final IncidentTable table;

    CalendarSubscriptions(IncidentTable table) {
        this.table = table;
    }

    @Override
    public void put(Subscription subscription) {
        Map<String, AttributeValue> item = TableKeys.calendarFeed(subscription.hash()).attributes();
        item.put(TableKeys.TYPE, s("calendar_feed"));
        item.put("team", s(subscription.team()));
        subscription.person().ifPresent(p -> item.put("person", s(p)));
        item.put("createdAt", s(subscription.createdAt().toString()));
        table.putIf(item, "attribute_not_exists(pk)", null);
    }

    @Override
    public Optional<Subscription> find(String hash) {
        return table.get(TableKeys.calendarFeed(hash)).map(item -> new Subscription(hash, item.get("team").s(),
                Optional.ofNullable(item.get("person")).map(AttributeValue::s), Instant.parse(item.get("createdAt").s())));
    }

    @Override
    public void delete(String hash) {
        table.deleteIf(TableKeys.calendarFeed(hash), "attribute_exists(pk)", null);
    }
}
