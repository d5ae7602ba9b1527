package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The dedup protocol (DEDUP# claims) against moto (the local AWS), with the table from template.yaml. */
class DedupClaimsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
    private static final Duration ABANDONED = Duration.ofSeconds(60);
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentStore store = SampleConfig.store(aws);
    private static final DedupClaims dedup = store.dedup();

    private static String key() {
        return "alertmanager:" + UUID.randomUUID();
    }

    private static Map<String, AttributeValue> claimItem(String key) {
        return aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of(
                "pk", AttributeValue.fromS("DEDUP#" + key), "sk", AttributeValue.fromS("OPEN")))).item();
    }

    private static String opened(String key, Instant at) {
        String id = IncidentIds.next();
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, id, at, ABANDONED));
        store.incidents().create(Incident.open(id, "m", at, 1));
        return id;
    }

    @Test
    void aKeyWithAnOpenIncidentIsHeldUntilResolved() {
        String key = key();
        String first = opened(key, T0);
        Map<String, AttributeValue> item = claimItem(key);
        assertEquals(first, item.get("incidentId").s());
        assertEquals("dedup", item.get("type").s());
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(90)).getEpochSecond()), item.get("expiresAt").n());

        assertEquals(new DedupClaim.Held(first, Optional.empty(), Optional.of(T0)), dedup.claim(key, IncidentIds.next(), T0.plusSeconds(600), ABANDONED));

        assertEquals(Optional.of(first), dedup.resolve(key, "alertmanager:resolved", T0.plusSeconds(700)));
        Incident resolved = store.incidents().find(first).orElseThrow();
        assertEquals(Incident.RESOLVED, resolved.status());
        assertEquals(Optional.of("alertmanager:resolved"), resolved.resolvedBy());
        assertTrue(claimItem(key).isEmpty(), "the key is free again");
        assertEquals(Optional.empty(), dedup.resolve(key, "alertmanager:resolved", T0.plusSeconds(800)), "nothing left to close");

        String second = opened(key, T0.plusSeconds(900));
        assertEquals(new DedupClaim.Held(second, Optional.empty(), Optional.of(T0.plusSeconds(900))), dedup.claim(key, IncidentIds.next(), T0.plusSeconds(901), ABANDONED));
    }

    @Test
    void releaseFreesTheKeyOnlyForItsHolder() {
        String key = key();
        String holder = opened(key, T0);
        dedup.release(key, IncidentIds.next());
        assertEquals(holder, claimItem(key).get("incidentId").s(), "another incident cannot release it");
        dedup.release(key, holder);
        assertTrue(claimItem(key).isEmpty());
        dedup.release(key, holder); // nothing to release: no error
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, IncidentIds.next(), T0, ABANDONED));
    }

    @Test
    void anAbandonedOrClosedClaimIsTakenOver() {
        String key = key();
        String abandoned = IncidentIds.next(); // claimed, but its incident never stored
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, abandoned, T0, ABANDONED));
        assertEquals(new DedupClaim.Held(abandoned, Optional.empty(), Optional.empty()), dedup.claim(key, IncidentIds.next(), T0.plusSeconds(30), ABANDONED));
        String next = IncidentIds.next();
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, next, T0.plusSeconds(61), ABANDONED));
        assertEquals(next, claimItem(key).get("incidentId").s());

        String closedKey = key();
        String closed = opened(closedKey, T0);
        assertTrue(store.incidents().close(closed, "by hand", T0.plusSeconds(5))); // resolved, claim left behind
        String after = IncidentIds.next();
        assertEquals(new DedupClaim.Claimed(), dedup.claim(closedKey, after, T0.plusSeconds(6), ABANDONED));
        assertEquals(after, claimItem(closedKey).get("incidentId").s());
    }

    @Test
    void ofManyRequestsClaimingOneKeyAtOnceExactlyOneWins() throws Exception {
        String key = key();
        List<Future<DedupClaim>> claims;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            claims = IntStream.range(0, 20).mapToObj(i -> pool.submit(() -> dedup.claim(key, IncidentIds.next(), T0, ABANDONED))).toList();
        }
        long won = 0;
        for (Future<DedupClaim> claim : claims) {
            won += claim.get() instanceof DedupClaim.Claimed ? 1 : 0;
        }
        assertEquals(1, won);
    }

    @Test
    void aResolveBetweenATriggersClaimAndItsIncidentClosesThatIncident() throws Exception {
        String key = key();
        String id = IncidentIds.next();
        Instant now = Instant.now();
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, id, now, ABANDONED));
        // the trigger stores its incident a moment after the resolve arrived
        Thread trigger = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.incidents().create(Incident.open(id, "m", now, 1));
        });

        java.util.Optional<String> closed = dedup.resolve(key, "generic:resolved", Instant.now());
        trigger.join();

        assertEquals(java.util.Optional.of(id), closed);
        assertEquals(Incident.RESOLVED, store.incidents().find(id).orElseThrow().status());
        assertTrue(claimItem(key).isEmpty(), "the key is free for the next firing");
    }

    @Test
    void aClaimWrittenAfterItsCallsWentOutSaysHowManyWerePlaced() {
        String key = key();
        String id = IncidentIds.next();
        dedup.claimLater(key, id, T0, 2); // dialled while the table was down; the incident's item carries no count
        store.incidents().create(Incident.open(id, "m", T0, 2));
        assertTrue(!aws.dynamo().getItem(b -> b.tableName(aws.tableName()).key(Map.of("pk", AttributeValue.fromS("INCIDENT#" + id),
                "sk", AttributeValue.fromS("META")))).item().containsKey("placedCalls"), "the incident's item has no count");
        assertEquals(new DedupClaim.Held(id, Optional.of(2), Optional.of(T0)), dedup.claim(key, IncidentIds.next(), T0.plusSeconds(1), ABANDONED));
        dedup.claimLater(key, IncidentIds.next(), T0.plusSeconds(2), 1);
        assertEquals(id, claimItem(key).get("incidentId").s(), "a later claim never replaces a held one");
    }

    @Test
    void aClaimRetriedAfterItsOwnPutLandedIsStillOurs() {
        String key = key();
        String id = IncidentIds.next();
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, id, T0, ABANDONED));
        // the answer to the first put was lost (a timeout) and the request asks again with the same incident id
        assertEquals(new DedupClaim.Claimed(), dedup.claim(key, id, T0.plusMillis(500), ABANDONED));
        assertEquals(new DedupClaim.Held(id, Optional.empty(), Optional.empty()), dedup.claim(key, IncidentIds.next(), T0.plusSeconds(1), ABANDONED));
    }
}
