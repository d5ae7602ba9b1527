package alertbridge.table;

import static alertbridge.table.TableKeys.CREATED_AT;

import alertbridge.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An incident's {@code META} item read back: what {@link Incidents} and {@link Rounds} both read, so neither calls the other for it. */
final class MetaItems {
    private MetaItems() {
    }

    /** {@code placedCalls} of an incident's item (or of a claim written after its calls went out), when it is there. */
    static Optional<Integer> placedCalls(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get("placedCalls")).map(v -> Integer.parseInt(v.n()));
    }

    static Incident incident(Map<String, AttributeValue> item) {
        return new Incident(
                item.get("incidentId").s(),
                item.get("message").s(),
                Instant.parse(item.get(CREATED_AT).s()),
                item.get("status").s(),
                Integer.parseInt(item.get("calleeCount").n()),
                Optional.ofNullable(item.get("resolvedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("resolvedBy")).map(AttributeValue::s),
                Optional.ofNullable(item.get("teams")).map(v -> v.l().stream().map(AttributeValue::s).toList()).orElse(List.of()),
                Optional.ofNullable(item.get("onCall")).map(v -> v.l().stream().map(AttributeValue::s).toList()).orElse(List.of()));
    }
}
