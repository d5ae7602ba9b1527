package alertbridge.delivery;

import alertbridge.events.IncidentEvent;
import alertbridge.events.EventSignature;
import alertbridge.events.EventPoster;
import alertbridge.events.EventPayloads;
import alertbridge.events.EventMessage;
import alertbridge.events.EventDestinations;
import alertbridge.config.CachedParameters;
import alertbridge.config.EventSettings;
import alertbridge.timeline.IncidentQueries;
import alertbridge.incident.IncidentTimeline;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one event to one destination: finds the URL (inline, or from SSM), reads the incident's timeline, builds
 * the body (Slack's format for a Slack webhook, else the generic JSON, signed) and posts it.
 */
public final class EventDispatcher {
    private static final JsonLog LOG = JsonLog.forComponent("event-delivery");
    /** The first retry's delay; each next one three times longer, up to SQS's longest visibility we use. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(900);

    /** What to do with the message. */
    public enum Verdict { DONE, RETRY }

    private final IncidentQueries queries;
    private final CachedParameters parameters;
    private final EventSettings settings;
    private final EventPoster poster;
    private final Clock clock;
    private final alertbridge.auth.IncidentLinks.Signer links;

    /** @param links signs the incident page's link a Slack post carries (docs/security.md) */
    public EventDispatcher(IncidentQueries queries, CachedParameters parameters, EventSettings settings, EventPoster poster,
                           Clock clock, alertbridge.auth.IncidentLinks.Signer links) {
        this.links = links;
        this.queries = queries;
        this.parameters = parameters;
        this.settings = settings;
        this.poster = poster;
        this.clock = clock;
    }

    /** How long a message waits before its next try, after its {@code receiveCount}-th delivery failed: 10 s, 30 s, 90 s, ... 900 s. */
    public static Duration retryDelay(int receiveCount) {
        long seconds = FIRST_RETRY.toSeconds();
        for (int i = 1; i < receiveCount && seconds < LONGEST_RETRY.toSeconds(); i++) {
            seconds *= 3;
        }
        return Duration.ofSeconds(Math.min(seconds, LONGEST_RETRY.toSeconds()));
    }

    public Verdict deliver(EventMessage message) {
        IncidentEvent event = message.event();
        String destination = EventDestinations.describe(message.destination());
        Optional<String> refused = EventDestinations.inlineProblem(message.destination());
        if (refused.isPresent()) {
            LOG.error("event_destination_refused", "eventId", event.id(), "destination", destination, "reason", refused.get());
            return Verdict.DONE;
        }
        Optional<String> url = url(message.destination());
        if (url.isEmpty()) {
            LOG.error("event_destination_missing", "eventId", event.id(), "destination", destination,
                    "parameter", settings.parameterPath() + "/" + message.destination().substring(EventDestinations.SSM_PREFIX.length()));
            return Verdict.RETRY; // created later, it is still delivered; never created, the message ends in the DLQ
        }
        Optional<String> badUrl = EventDestinations.urlProblem(url.get());
        if (badUrl.isPresent()) {
            LOG.error("event_destination_refused", "eventId", event.id(), "destination", destination, "reason", badUrl.get());
            return Verdict.DONE;
        }
        boolean slack = EventDestinations.isSlack(url.get());
        String body;
        if (event.type().equals(IncidentEvent.HANDOFF)) {
            body = EventPayloads.handoff(event, slack);
        } else {
            IncidentTimeline timeline;
            try {
                timeline = queries.timeline(event.incidentId());
            } catch (Refusal notYet) {
                LOG.warn("event_incident_not_found", "eventId", event.id(), "incidentId", event.incidentId());
                return Verdict.RETRY; // it may still be on the records queue (written during a table outage)
            }
            body = slack ? EventPayloads.slack(event, timeline, links.link(timeline.incidentId()))
                    : EventPayloads.generic(event, timeline);
        }
        Map<String, String> headers = Map.of();
        if (!slack) {
            Optional<String> secret = parameters.find(settings.signingSecretName()).filter(v -> !v.isBlank());
            if (secret.isEmpty()) {
                // never sent unsigned: created later, the event still goes out; never, it ends in the DLQ
                LOG.error("event_signing_secret_missing", "eventId", event.id(), "parameter", settings.signingSecretName());
                return Verdict.RETRY;
            }
            headers = Map.of("X-Alertbridge-Event-Id", event.id(), EventSignature.HEADER,
                    EventSignature.header(secret.get(), clock.instant().getEpochSecond(), body));
        }
        EventPoster.Result result = poster.post(url.get(), body, headers);
        switch (result.outcome()) {
            case DELIVERED -> LOG.info("event_delivered", "eventId", event.id(), "type", event.type(), "incidentId",
                    event.incidentId(), "destination", destination, "status", result.status());
            case RETRY -> LOG.warn("event_delivery_failed", "eventId", event.id(), "type", event.type(), "destination",
                    destination, "result", result.detail());
            case REFUSED -> LOG.error("event_refused_by_receiver", "eventId", event.id(), "type", event.type(),
                    "destination", destination, "result", result.detail());
        }
        return result.outcome() == EventPoster.Outcome.RETRY ? Verdict.RETRY : Verdict.DONE;
    }

    private Optional<String> url(String destination) {
        if (!destination.startsWith(EventDestinations.SSM_PREFIX)) {
            return Optional.of(destination);
        }
        return parameters.find(settings.parameterPath() + "/" + destination.substring(EventDestinations.SSM_PREFIX.length()))
                .map(String::strip);
    }
}
