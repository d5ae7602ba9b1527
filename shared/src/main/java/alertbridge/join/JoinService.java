package alertbridge.join;

import alertbridge.incident.Incident;
import alertbridge.incident.IncidentIds;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.table.IncidentStore;
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
     * @return {@link JoinDecision.UnknownIncident} also when {@code callSid} is not a call placed for this incident
     */
    public JoinDecision answer(String incidentId, String callSid, String to, Optional<String> digits) {
        Optional<Incident> incident = IncidentIds.isWellFormed(incidentId) ? store.incidents().find(incidentId) : Optional.empty();
        if (incident.isEmpty()) {
            LOG.warn("unknown_incident", "callSid", callSid);
            return new JoinDecision.UnknownIncident();
        }
        if (!placedFor(incidentId, callSid)) {
            // A signed request for a call we never placed for this incident: a replay of another incident's webhook.
            LOG.warn("call_not_of_incident", "incidentId", incidentId, "callSid", callSid);
            return new JoinDecision.UnknownIncident();
        }
        boolean pressed = digits.filter(d -> !d.isBlank()).isPresent();
        if (requireKeypress && !pressed) {
            LOG.info("asked_for_keypress", "incidentId", incidentId, "callSid", callSid, "to", PhoneMask.mask(to));
            return new JoinDecision.AskForKeypress(incident.get().message());
        }
        boolean recorded = store.callees().recordJoin(incidentId, callSid, to, clock.instant());
        LOG.info(recorded ? "joined" : "join_repeated", "incidentId", incidentId, "callSid", callSid, "to", PhoneMask.mask(to));
        return new JoinDecision.Bridge(incident.get().conferenceName(),
                pressed ? Optional.empty() : Optional.of(incident.get().message()));
    }

    /** Whether {@code callSid} is one of the calls placed for this incident (a CALLEE# item carries it). */
    private boolean placedFor(String incidentId, String callSid) {
        return store.callees().calls(incidentId).stream().anyMatch(call -> call.callSid().filter(callSid::equals).isPresent());
    }
}
