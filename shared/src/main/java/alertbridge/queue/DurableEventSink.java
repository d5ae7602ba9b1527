package alertbridge.queue;

import alertbridge.events.IncidentEvent;
import alertbridge.events.EventSink;
import alertbridge.events.EventMessage;
import alertbridge.log.JsonLog;
import alertbridge.table.EventOutbox;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Events that survive an events-queue outage: an event the queue cannot take is kept in the table's outbox
 * ({@link EventOutbox}; when the table is down too, on the records queue), and {@link #sweep} (every minute, on the
 * check detector's schedule) queues what was kept, with the same {@code id}, so delivery stays at least once and
 * receivers deduplicate as documented. Only when neither the queue nor the table nor the records queue takes it is an
 * event lost, and then its log line ({@code event_lost}) holds the whole event, to be replayed by hand (README).
 */
public final class DurableEventSink implements EventSink {
    private static final JsonLog LOG = JsonLog.forComponent("events");
    /** The most kept events one sweep queues (a minute's run; the rest wait for the next one). */
    static final int SWEEP_MAX = 200;
    /** What the kept JSON says as its destination: none yet (the queue's sink adds each destination). */
    static final String KEPT = "outbox";

    /** An event's time in the {@code event_lost} line: ISO-8601 with / for - (a date is no phone number to the mask). */
    static final DateTimeFormatter LOGGED_TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final EventSink queue;
    private final EventOutbox outbox;
    private final Clock clock;

    public DurableEventSink(EventSink queue, EventOutbox outbox, Clock clock) {
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @throws RuntimeException the queue's failure, when the event could not be kept either (it is logged whole) */
    @Override
    public void send(IncidentEvent event) {
        try {
            queue.send(event);
        } catch (RuntimeException queueFailed) {
            String json = new EventMessage(event, KEPT).body();
            try {
                outbox.keep(event.id(), json, clock.instant());
                LOG.warn("event_kept_in_outbox", "incidentId", event.incidentId(), "type", event.type(), "eventId", event.id(),
                        "error", queueFailed.getClass().getSimpleName());
            } catch (RuntimeException notKept) {
                // everything the event is made of, each under a key the log writes whole: its id is
                // <incidentId>.<type>[.<callSid>|.<round>] (IncidentEvent), its time has / for - so that the log's
                // number masking leaves it whole
                LOG.error("event_lost", "incidentId", event.incidentId(), "type", event.type(),
                        "callSid", event.callSid().orElse(""), "round", event.round().map(Object::toString).orElse(""),
                        "eventTime", LOGGED_TIME.format(event.time()), "error", notKept.getClass().getSimpleName());
                throw queueFailed;
            }
        }
    }

    /** What one sweep did: events queued now, and whether some are still waiting (the queue failed again). */
    public record Swept(int queued, boolean queueStillFailing) {
    }

    /** Queues the kept events, oldest first, each marked sent once queued; stops at the first the queue refuses. */
    public Swept sweep() {
        int queued = 0;
        for (EventOutbox.Kept kept : outbox.waiting(SWEEP_MAX)) {
            Optional<IncidentEvent> event = EventMessage.parse(kept.eventJson()).map(EventMessage::event);
            if (event.isEmpty()) {
                LOG.error("outbox_item_unreadable", "sortKey", kept.sortKey());
                outbox.markSent(kept.sortKey(), clock.instant()); // never readable: do not read it every minute
                continue;
            }
            try {
                queue.send(event.get());
            } catch (RuntimeException e) {
                LOG.warn("outbox_sweep_stopped", "queued", queued, "error", e.getClass().getSimpleName());
                return new Swept(queued, true);
            }
            outbox.markSent(kept.sortKey(), clock.instant()); // a failure here: queued again next minute (same id)
            queued++;
        }
        return new Swept(queued, false);
    }
}
