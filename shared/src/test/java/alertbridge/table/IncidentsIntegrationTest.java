package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The incidents (META items and the byCreatedAt index) against moto (the local AWS), with the table from template.yaml. */
class IncidentsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Incidents incidents = SampleConfig.store(aws).incidents();

    private static Map<String, AttributeValue> meta(String id) {
        return aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("INCIDENT#" + id), "sk", AttributeValue.fromS("META")))).item();
    }

    @Test
    void storesAndFindsAnIncidentWithTtl() {
        Incident incident = Incident.open(IncidentIds.next(), "DB down 日本語", T0, 2);
        incidents.create(incident);
        assertEquals(Optional.of(incident), incidents.find(incident.id()));
        assertEquals(Optional.empty(), incidents.find(IncidentIds.next()));
        Map<String, AttributeValue> item = meta(incident.id());
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(90)).getEpochSecond()), item.get("expiresAt").n());
        assertEquals("alertbridge-" + incident.id(), item.get("conference").s());
        assertEquals("incident", item.get("type").s());
        assertEquals("INCIDENTS", item.get("listPk").s());
        assertEquals(T0.toString(), item.get("createdAt").s());
        assertThrows(ConditionalCheckFailedException.class, () -> incidents.create(incident), "ids are never reused");
    }

    @Test
    void closesAnOpenIncidentOnce() {
        Incident incident = Incident.open(IncidentIds.next(), "m", T0, 1);
        incidents.create(incident);
        assertTrue(incidents.close(incident.id(), "alertmanager:resolved", T0.plusSeconds(60)));
        assertFalse(incidents.close(incident.id(), "alertmanager:resolved", T0.plusSeconds(90)), "already resolved");
        assertEquals(Optional.of(new Incident(incident.id(), "m", T0, Incident.RESOLVED, 1,
                Optional.of(T0.plusSeconds(60)), Optional.of("alertmanager:resolved"), java.util.List.of(), java.util.List.of())), incidents.find(incident.id()));
        String never = IncidentIds.next();
        assertFalse(incidents.close(never, "x", T0), "never created");
        assertTrue(meta(never).isEmpty(), "closing writes no incident");
    }

    @Test
    void listsNewestFirstAPageAtATime() {
        Instant later = Instant.parse("2031-01-01T00:00:00Z"); // newer than every other incident of this table
        List<String> ids = List.of(IncidentIds.next(), IncidentIds.next(), IncidentIds.next());
        for (int i = 0; i < ids.size(); i++) {
            incidents.create(Incident.open(ids.get(i), "page " + i, later.plusSeconds(i), i + 1));
        }
        Incidents.Page first = incidents.recent(2, Optional.empty());
        assertEquals(List.of(ids.get(2), ids.get(1)), first.incidents().stream().map(Incident::id).toList());
        assertEquals(3, first.incidents().get(0).calleeCount());
        Incidents.Cursor next = first.next().orElseThrow();
        assertEquals(Optional.of(next), Incidents.Cursor.parse(next.encoded()), "the cursor survives its string form");

        Incidents.Page second = incidents.recent(2, Optional.of(next));
        assertEquals(ids.get(0), second.incidents().get(0).id());

        Incidents.Page all = incidents.recent(100, Optional.empty());
        assertEquals(Optional.empty(), all.next(), "the last page has no next");
        assertTrue(all.incidents().size() >= 3);
    }
}
