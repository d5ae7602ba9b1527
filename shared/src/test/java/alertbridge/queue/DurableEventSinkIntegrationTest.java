package alertbridge.queue;

import alertbridge.events.IncidentEvent;
import alertbridge.events.EventSink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.ids.IncidentIds;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.Unreachable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events kept in the table's outbox (moto) while the events queue fails, and swept onto it afterwards, same ids. */
class DurableEventSinkIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);

    private final List<IncidentEvent> queued = new CopyOnWriteArrayList<>();
    private final AtomicBoolean queueDown = new AtomicBoolean();
    private final EventSink queue = event -> {
        if (queueDown.get()) {
            throw new IllegalStateException("SQS: Connection refused");
        }
        queued.add(event);
    };

    @Test
    void eventsTheQueueRefusesAreKeptAndSweptAfterwardsOnceEachWithTheirIds() {
        IncidentStore store = SampleConfig.store(aws);
        DurableEventSink sink = new DurableEventSink(queue, store.outbox(), CLOCK);
        String id = IncidentIds.next();
        List<IncidentEvent> events = List.of(IncidentEvent.opened(id, CLOCK.instant()),
                IncidentEvent.joined(id, "CA" + "1".repeat(32), CLOCK.instant()),
                IncidentEvent.joined(id, "CA" + "2".repeat(32), CLOCK.instant()));

        queueDown.set(true);
        events.forEach(sink::send); // no exception: kept
        assertEquals(List.of(), queued);
        assertEquals(new DurableEventSink.Swept(0, true), sink.sweep(), "the queue is still down: nothing lost, nothing marked");

        queueDown.set(false);
        DurableEventSink.Swept swept = sink.sweep();
        assertTrue(swept.queued() >= 3 && !swept.queueStillFailing(), swept.toString());
        assertTrue(queued.containsAll(events), queued.toString());
        assertEquals(List.of(), store.outbox().waiting(100), "each marked sent");
        int before = queued.size();
        assertEquals(new DurableEventSink.Swept(0, false), sink.sweep(), "a sent one is not queued again");
        assertEquals(before, queued.size());
    }

    @Test
    void withTheTableDownTooTheEventIsLoggedWholeAndTheFailureThrown() {
        IncidentStore down = new IncidentStore(Unreachable.dynamoDb(), aws.tableName(), Duration.ofDays(90), Optional.empty());
        DurableEventSink sink = new DurableEventSink(queue, down.outbox(), CLOCK);
        queueDown.set(true);
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        alertbridge.log.JsonLog.redirect(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            IncidentEvent event = IncidentEvent.resolved(IncidentIds.next(), CLOCK.instant());
            RuntimeException thrown = assertThrows(IllegalStateException.class, () -> sink.send(event));
            assertTrue(thrown.getMessage().contains("SQS"), thrown.getMessage());
            String log = logs.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(log.contains("\"event_lost\""), log);
            assertTrue(log.contains("\"incidentId\":\"" + event.incidentId() + "\"") && log.contains("\"type\":\"incident.resolved\"")
                    && log.contains("\"eventTime\":\"2026/12/07T20:00:00.000Z\""), log);
            IncidentEvent joined = IncidentEvent.joined(event.incidentId(), "CA" + "1234567".repeat(4) + "abcd", CLOCK.instant());
            assertThrows(IllegalStateException.class, () -> sink.send(joined));
            assertTrue(logs.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"callSid\":\"" + joined.callSid().orElseThrow() + "\""),
                    "a SID is written whole, whatever its digits");
        } finally {
            alertbridge.log.JsonLog.redirect(System.out);
        }
    }
}
