package alertbridge.events;

import alertbridge.incident.Incident;
import alertbridge.log.JsonLog;
import alertbridge.metrics.IncidentMetrics;
import java.time.Clock;
import java.time.Instant;

/**
 * What the services tell the world about an incident, in one place: its metrics ({@link IncidentMetrics}, EMF log
 * lines) and its outgoing events ({@link EventSink}, the events queue; {@code docs/integrations.md}). Never throws and
 * never waits for a destination: an event the queue cannot take is kept for later ({@code alertbridge.queue.DurableEventSink}), and one
 * that cannot be kept either is logged ({@code event_lost}, {@code event_not_queued}) and the alert or callback goes on.
 */
public final class IncidentEvents {
    private static final JsonLog LOG = JsonLog.forComponent("events");
    private final IncidentMetrics metrics = new IncidentMetrics();
    private final EventSink sink;
    private final Clock clock;

    public IncidentEvents(EventSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Metrics only, no events (no {@code EventWebhooks}). */
    public static IncidentEvents metricsOnly(Clock clock) {
        return new IncidentEvents(EventSink.NONE, clock);
    }

    /**
     * {@code incident.opened}, queued on a virtual thread so it goes out while the calls do; join the thread (it
     * ends within the SQS client's bounds) before the function returns.
     */
    public Thread openedInBackground(Incident incident) {
        return Thread.ofVirtual().start(() -> send(IncidentEvent.opened(incident.id(), incident.createdAt())));
    }

    /** Round 1's calls went out: the opened metrics (only when at least one call was placed). */
    public void callsPlaced(Incident incident, int placed, Instant at) {
        metrics.opened(incident, placed, at);
    }

    /** Someone reached the bridge (the conference's join report, every join). */
    public void joined(String incidentId, String callSid, Instant at) {
        send(IncidentEvent.joined(incidentId, callSid, at));
    }

    /** The incident's first join (claimed once per incident): its time-to-first-join metrics. */
    public void firstJoin(Incident incident, Instant at, int round) {
        metrics.firstJoin(incident, at, round);
    }

    /** Round {@code round} (2 or later) is being dialled: nobody reached the bridge in time. */
    public void escalated(String incidentId, int round) {
        send(IncidentEvent.escalated(incidentId, round, clock.instant()));
    }

    /** The last round ended with nobody on the bridge. */
    public void unanswered(Incident incident, int rounds, Instant at) {
        metrics.unanswered(incident, rounds, at);
        send(IncidentEvent.unanswered(incident.id(), rounds, at));
    }

    /** The monitoring tool resolved the incident. */
    public void resolved(String incidentId, Instant at) {
        send(IncidentEvent.resolved(incidentId, at));
    }

    /** The resolved incident's metrics: how long it was open and how many people reached the bridge. */
    public void countResolved(Incident incident, int peopleJoined, Instant at) {
        metrics.resolved(incident, peopleJoined, at);
    }

    private void send(IncidentEvent event) {
        try {
            sink.send(event); // the sink says whether it was queued or kept for later
        } catch (RuntimeException e) {
            LOG.error("event_not_queued", "incidentId", event.incidentId(), "type", event.type(), "eventId", event.id(),
                    "error", e.getClass().getSimpleName());
        }
    }
}
