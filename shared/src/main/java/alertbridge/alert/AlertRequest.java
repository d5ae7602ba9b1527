package alertbridge.alert;

import alertbridge.roster.RosterValue;
import java.util.List;

/**
 * What to raise: whom to phone (as written, rosters already resolved; validated and guarded by {@link AlertService})
 * and what to tell them.
 *
 * @param to             phoned in round 1
 * @param later          roster tiers phoned from a later round, if nobody is on the bridge by then
 * @param rosterProblems roster tiers that could not be read (skipped), reported with the rejected numbers
 * @param teams          the rosters named ({@code team=sre}), for the incident's metrics
 */
public record AlertRequest(List<String> to, String message, List<RosterValue.Member> later, List<String> rosterProblems,
                           List<String> teams) {
    public AlertRequest {
        to = List.copyOf(to);
        later = List.copyOf(later);
        rosterProblems = List.copyOf(rosterProblems);
        teams = List.copyOf(teams);
    }

    public AlertRequest(List<String> to, String message, List<RosterValue.Member> later, List<String> rosterProblems) {
        this(to, message, later, rosterProblems, List.of());
    }

    /** Everyone phoned from round 1. */
    public AlertRequest(List<String> to, String message) {
        this(to, message, List.of(), List.of());
    }
}
