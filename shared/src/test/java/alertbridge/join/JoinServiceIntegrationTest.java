package alertbridge.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.JoinRecord;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JoinServiceIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:05Z");
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentStore store = SampleConfig.store(aws);

    private static String incident() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "DB down", NOW.minusSeconds(5), 1));
        // the calls the alert placed; only these may join (see aCallOfAnotherIncidentIsRefused)
        store.callees().recordCall(id, "+818012345601", new alertbridge.calls.DialResult.Placed("CA1", "queued"), NOW.minusSeconds(4));
        store.callees().recordCall(id, "+818012345602", new alertbridge.calls.DialResult.Placed("CA2", "queued"), NOW.minusSeconds(4));
        return id;
    }

    private static JoinService service(boolean requireKeypress) {
        return new JoinService(store, Clock.fixed(NOW, ZoneOffset.UTC), requireKeypress);
    }

    @Test
    void answeringAsksForAKeyAndRecordsNothing() {
        String id = incident();
        JoinDecision d = service(true).answer(id, "CA1", "+818012345601", Optional.empty());
        assertEquals(new JoinDecision.AskForKeypress("DB down"), d);
        assertEquals(List.of(), store.callees().joins(id));
        assertInstanceOf(JoinDecision.AskForKeypress.class, service(true).answer(id, "CA1", "+818012345601", Optional.of("")));
    }

    @Test
    void aKeyJoinsTheBridgeOnceHoweverOftenTwilioAsks() {
        String id = incident();
        JoinDecision first = service(true).answer(id, "CA1", "+818012345601", Optional.of("1"));
        JoinDecision again = service(true).answer(id, "CA1", "+818012345601", Optional.of("1"));
        assertEquals(new JoinDecision.Bridge("alertbridge-" + id, Optional.empty()), first);
        assertEquals(first, again);
        assertEquals(List.of(new JoinRecord("CA1", "+818012345601", NOW)), store.callees().joins(id));
    }

    @Test
    void withoutTheKeypressGuardAnsweringJoins() {
        String id = incident();
        JoinDecision d = service(false).answer(id, "CA2", "+818012345602", Optional.empty());
        assertEquals(new JoinDecision.Bridge("alertbridge-" + id, Optional.of("DB down")), d);
        assertEquals(1, store.callees().joins(id).size());
    }

    @Test
    void malformedIncidentsAreUnknown() {
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(true).answer("../etc", "CA1", "+1", Optional.of("1")));
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(true).answer("A".repeat(23), "CA1", "+1", Optional.of("1")));
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(true).answer("", "CA1", "+1", Optional.empty()));
    }

    @Test
    void aCallOfAnotherIncidentIsRefusedAndRecordsNothing() {
        String ours = incident();
        String other = IncidentIds.next();
        store.incidents().create(Incident.open(other, "other", NOW, 1));
        store.callees().recordCall(other, "+818012345609", new alertbridge.calls.DialResult.Placed("CA9", "queued"), NOW);
        // CA9's (signed) webhook replayed against our incident: neither the alert is read nor a join recorded
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(true).answer(ours, "CA9", "+818012345609", Optional.empty()));
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(true).answer(ours, "CA9", "+818012345609", Optional.of("1")));
        assertInstanceOf(JoinDecision.UnknownIncident.class, service(false).answer(ours, "CAunknown", "+1", Optional.empty()));
        assertEquals(List.of(), store.callees().joins(ours));
        assertInstanceOf(JoinDecision.Bridge.class, service(true).answer(other, "CA9", "+818012345609", Optional.of("1")));
    }

    @Test
    void withoutTheTableAKeyPressStillReachesTheIncidentsBridgeAndTheJoinIsDeferred() {
        java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> deferred =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        IncidentStore down = new IncidentStore(alertbridge.testkit.aws.Unreachable.dynamoDb(), aws.tableName(),
                java.time.Duration.ofDays(90), Optional.of((item, ifAbsent) -> deferred.add(item)));
        JoinService service = new JoinService(down, Clock.fixed(NOW, ZoneOffset.UTC), true);
        String id = IncidentIds.next();

        assertEquals(new JoinDecision.AskForKeypress(JoinService.UNREADABLE_ALERT),
                service.answer(id, "CA9", "+818012345609", Optional.empty()));
        assertEquals(new JoinDecision.Bridge(Incident.conferenceName(id), Optional.empty()),
                service.answer(id, "CA9", "+818012345609", Optional.of("1")));
        assertEquals(1, deferred.size(), "the join waits for the table");
        assertEquals("JOIN#CA9", deferred.getFirst().get("sk").s());
    }

    /**
     * The recovery window: the incident was written while the table was down and waits on the records queue; the
     * table is back when the callee presses a key. The signed request is enough: bridged, and the join recorded now.
     */
    @Test
    void aKeyPressForAnIncidentNotYetInTheTableBridgesAndRecordsTheJoin() {
        String notYet = IncidentIds.next();
        assertEquals(new JoinDecision.AskForKeypress(JoinService.UNREADABLE_ALERT),
                service(true).answer(notYet, "CA3", "+818012345603", Optional.empty()));
        assertEquals(new JoinDecision.Bridge(Incident.conferenceName(notYet), Optional.empty()),
                service(true).answer(notYet, "CA3", "+818012345603", Optional.of("1")));
        assertEquals(List.of(new JoinRecord("CA3", "+818012345603", NOW)), store.callees().joins(notYet));
        store.incidents().create(Incident.open(notYet, "DB down", NOW.minusSeconds(30), 1)); // the records queue delivers it
        assertEquals(1, store.callees().joins(notYet).size(), "the join is on its timeline");
    }

    @Test
    void aCalleeWhoseCallRecordWasNotWrittenIsKnownFromTwiliosCallbacksAndNotLockedOut() {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, "DB down", NOW.minusSeconds(5), 1));
        // no CALLEE# item (its write failed), but Twilio reported the call ringing on this incident's callback URL
        store.events().recordCallEvent(id, new alertbridge.incident.CallEvent("CA7", "+818012345607", "ringing",
                NOW.minusSeconds(2), 1, Optional.empty()));

        assertEquals(new JoinDecision.AskForKeypress("DB down"), service(true).answer(id, "CA7", "+818012345607", Optional.empty()));
        assertEquals(new JoinDecision.UnknownIncident(), service(true).answer(id, "CA8", "+818012345608", Optional.empty()));
    }
}
