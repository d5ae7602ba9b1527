package alertbridge.alert;

import alertbridge.roster.RosterValue;
import java.util.List;
import java.util.Optional;

/**
 * What to raise: whom to phone (as written, rosters already resolved; validated and guarded by {@link AlertService})
 * and what to tell them.
 *
 * @param to             phoned in round 1
 * @param later          roster tiers phoned from a later round, if nobody is on the bridge by then
 * @param rosterProblems roster tiers that could not be read (skipped), reported with the rejected numbers
 * @param teams          the rosters named ({@code team=sre}), for the incident's metrics
 * @param onCall         whom the team's schedule put on call (person ids), recorded on the incident
 * @param schedule       how the schedule was used ({@code on_call}, {@code gap}, {@code unavailable}); empty without one
 */
public record AlertRequest(List<String> to, String message, List<RosterValue.Member> later, List<String> rosterProblems,
                           List<String> teams, List<String> onCall, Optional<String> schedule) {
    public AlertRequest {
        to = List.copyOf(to);
        later = List.copyOf(later);
        rosterProblems = List.copyOf(rosterProblems);
        teams = List.copyOf(teams);
        onCall = List.copyOf(onCall);
    }

}
