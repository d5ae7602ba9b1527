package alertbridge.callevents;

import alertbridge.refusal.Refusal;
import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.events.IncidentEvents;
import alertbridge.phone.PhoneMask;
import alertbridge.rounds.RoundTimer;
import alertbridge.table.IncidentStore;
import alertbridge.table.StoreUnavailable;
import java.util.Optional;

/**
 * Records what the phone network reports about an incident's calls and its bridge. Each report is stored once,
 * however often it is delivered; reports for malformed incident ids are refused, and reports for an incident the table
 * does not hold yet are kept for when it lands.
 */
public final class CallEventService {
    private static final JsonLog LOG = JsonLog.forComponent("call-events");

    private final IncidentStore store;
    private final Optional<RoundTimer> rounds;
    private final IncidentEvents events;

    /**
     * @param rounds told when a call ends or someone joins the bridge, so a round can end early and the stop rule be
     *               applied at once; empty when the incident's calls are not re-dialled
     * @param events the incident's metrics and outgoing events (every join)
     */
    public CallEventService(IncidentStore store, Optional<RoundTimer> rounds, IncidentEvents events) {
        this.store = store;
        this.rounds = rounds;
        this.events = events;
    }

    /** @return true if recorded now, false if it was a repeat */
    public boolean callStatus(String incidentId, CallEvent event) {
        requireIncident(incidentId);
        if (!CallEvent.STATUSES.contains(event.callStatus())) {
            throw Refusal.invalid("unknown_call_status", "CallStatus must be one of " + CallEvent.STATUSES);
        }
        boolean recorded = store.events().recordCallEvent(incidentId, event);
        LOG.info(recorded ? "call_status" : "call_status_repeated", "incidentId", incidentId, "callSid", event.callSid(),
                "to", PhoneMask.mask(event.to()), "callStatus", event.callStatus(), "sequence", event.sequence());
        if (CallEvent.FINAL_STATUSES.contains(event.callStatus())) {
            rounds.ifPresent(r -> r.check(incidentId)); // also for a repeat: the first one's check may not have been queued
        }
        return recorded;
    }

    /** @return true if recorded now, false if it was a repeat */
    public boolean conferenceEvent(String incidentId, ConferenceEvent event) {
        requireIncident(incidentId);
        boolean recorded = store.events().recordConferenceEvent(incidentId, event);
        LOG.info(recorded ? "conference_event" : "conference_event_repeated", "incidentId", incidentId,
                "conferenceSid", event.conferenceSid(), "conferenceEvent", event.event(), "callSid", event.callSid().orElse(""),
                "sequence", event.sequence());
        if (ConferenceEvent.JOIN.equals(event.event())) {
            if (recorded) {
                event.callSid().ifPresent(sid -> events.joined(incidentId, sid, event.at()));
                countFirstJoin(incidentId, event);
            }
            rounds.ifPresent(r -> r.check(incidentId));
        }
        return recorded;
    }

    /** The incident's time to first join, counted once: by whichever join report first marks it. */
    private void countFirstJoin(String incidentId, ConferenceEvent join) {
        try {
            if (store.incidents().markFirstJoin(incidentId, join.at())) {
                store.rounds().find(incidentId).ifPresent(state -> events.firstJoin(state.incident(), join.at(), state.round()));
            }
        } catch (RuntimeException e) {
            LOG.error("metrics_not_counted", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }

    /**
     * Refuses a malformed id. A well-formed one is Twilio's report for a URL we created, so it is kept even when the
     * table does not hold the incident: written while the table was down, its items may still wait on the records
     * queue (the recovery window). Kept under the incident's key, the report joins its timeline when they land.
     */
    private void requireIncident(String incidentId) {
        if (!IncidentIds.isWellFormed(incidentId)) {
            LOG.warn("unknown_incident", "incident", "(malformed)");
            throw Refusal.notFound("unknown_incident", "no incident with that id (the ?incident= of the callback URL)");
        }
        try {
            if (store.incidents().find(incidentId).isEmpty()) {
                LOG.warn("incident_not_yet_recorded", "incidentId", incidentId);
            }
        } catch (StoreUnavailable e) {
            // the report is signed by Twilio for this incident's URL: record it (deferred) rather than lose it
            LOG.error("incident_unchecked", "incidentId", incidentId, "error", e.getMessage());
        }
    }
}
