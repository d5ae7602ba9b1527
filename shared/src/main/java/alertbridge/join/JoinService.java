package alertbridge.join;

import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.table.IncidentStore;
import alertbridge.table.StoreUnavailable;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides what a callee hears when Twilio asks: first the alert and "press any key", then, with the key,
 * the bridge. Each join is recorded once per call, however often Twilio repeats the webhook.
 */
public final class JoinService {
    private static final JsonLog LOG = JsonLog.forComponent("join");

    private final IncidentStore store;
    private final Clock clock;
    private final boolean requireKeypress;

    public JoinService(IncidentStore store, Clock clock, boolean requireKeypress) {
        this.store = store;
        this.clock = clock;
        this.requireKeypress = requireKeypress;
    }

    /**
     * @param digits the keys the callee pressed; empty on the first request after answering
     * @return {@link JoinDecision.UnknownIncident} for a malformed id, or when {@code callSid} is not a call placed for
     *         this incident; an incident the table does not hold (yet) is served as when the table is down
     */
    public JoinDecision answer(String incidentId, String callSid, String to, Optional<String> digits) {
        if (!IncidentIds.isWellFormed(incidentId)) {
            LOG.warn("unknown_incident", "callSid", callSid);
            return new JoinDecision.UnknownIncident();
        }
        boolean pressed = digits.filter(d -> !d.isBlank()).isPresent();
        Optional<Incident> incident;
        try {
            incident = store.incidents().find(incidentId);
        } catch (StoreUnavailable e) {
            LOG.error("join_without_table", "incidentId", incidentId, "callSid", callSid, "pressed", pressed);
            return withoutTable(incidentId, callSid, to, pressed);
        }
        if (incident.isEmpty()) {
            // Twilio signed this request for the URL we created for this id: the incident is ours, written while the
            // table was down and still waiting on the records queue (the recovery window)
            LOG.warn("incident_not_yet_recorded", "incidentId", incidentId, "callSid", callSid, "pressed", pressed);
            return withoutTable(incidentId, callSid, to, pressed);
        }
        if (!placedFor(incidentId, callSid)) {
            // A signed request for a call we never placed for this incident: a replay of another incident's webhook.
            LOG.warn("call_not_of_incident", "incidentId", incidentId, "callSid", callSid);
            return new JoinDecision.UnknownIncident();
        }
        if (requireKeypress && !pressed) {
            LOG.info("asked_for_keypress", "incidentId", incidentId, "callSid", callSid, "to", PhoneMask.mask(to));
            return new JoinDecision.AskForKeypress(incident.get().message());
        }
        recordJoin(incidentId, callSid, to);
        return new JoinDecision.Bridge(incident.get().conferenceName(),
                pressed ? Optional.empty() : Optional.of(incident.get().message()));
    }

    /**
     * The table cannot be read, or does not hold the incident yet (its items wait on the records queue after an
     * outage): the request is signed by Twilio for this incident's URL, so the callee is served anyway. The room's name derives from the incident id; the alert's words are in the table, so a callee who
     * just answered hears a general alert instead. The replay guard is skipped (docs/security.md) and the join
     * deferred like any write the table cannot take.
     */
    private JoinDecision withoutTable(String incidentId, String callSid, String to, boolean pressed) {
        if (requireKeypress && !pressed) {
            return new JoinDecision.AskForKeypress(UNREADABLE_ALERT);
        }
        recordJoin(incidentId, callSid, to);
        return new JoinDecision.Bridge(Incident.conferenceName(incidentId), pressed ? Optional.empty() : Optional.of(UNREADABLE_ALERT));
    }

    /** What a callee hears when the alert's own words cannot be read (the table is unavailable). */
    static final String UNREADABLE_ALERT = "An alert for your team; the details are on the bridge.";

    private void recordJoin(String incidentId, String callSid, String to) {
        try {
            boolean recorded = store.callees().recordJoin(incidentId, callSid, to, clock.instant());
            LOG.info(recorded ? "joined" : "join_repeated", "incidentId", incidentId, "callSid", callSid, "to", PhoneMask.mask(to));
        } catch (StoreUnavailable e) {
            // neither written nor deferred: the bridge still takes the callee, and Twilio's conference callbacks
            // record the join again
            LOG.error("join_not_recorded", "incidentId", incidentId, "callSid", callSid, "error", e.getMessage());
        }
    }

    /**
     * Whether {@code callSid} is one of the calls placed for this incident: a CALLEE# item carries it, or, when that
     * write failed or waits on the records queue, Twilio's own signed status callbacks for this incident's URL named
     * it (they come before the answer: initiated, ringing). Skipped, with a log line, when the table cannot say.
     */
    private boolean placedFor(String incidentId, String callSid) {
        try {
            if (store.callees().calls(incidentId).stream().anyMatch(call -> call.callSid().filter(callSid::equals).isPresent())) {
                return true;
            }
            boolean reported = store.events().callEvents(incidentId).stream().anyMatch(e -> e.callSid().equals(callSid));
            if (reported) {
                LOG.warn("call_record_missing_known_from_callbacks", "incidentId", incidentId, "callSid", callSid);
            }
            return reported;
        } catch (StoreUnavailable e) {
            LOG.error("replay_guard_skipped", "incidentId", incidentId, "callSid", callSid, "error", e.getMessage());
            return true;
        }
    }
}
