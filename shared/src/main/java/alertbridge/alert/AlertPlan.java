package alertbridge.alert;

import alertbridge.guard.CalleeGuard;
import alertbridge.incident.LaterCallee;
import alertbridge.phone.PhoneNumbers.Rejected;
import alertbridge.phone.PhoneNumbers;
import alertbridge.refusal.Refusal;
import alertbridge.roster.RosterValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom an alert calls: round 1's numbers, those added in later rounds, the numbers refused so far, what could not
 * be done for want of the table ({@code degraded}, filled in as the alert goes), and whom the team's schedule put on
 * call ({@code onCall}; {@code schedule}: "gap" or "unavailable" when the whole roster is called instead).
 */
record AlertPlan(List<String> firstRound, List<LaterCallee> later, List<Rejected> rejected, List<String> degraded,
            List<String> teams, List<String> onCall, Optional<String> schedule) {

    /**
     * The numbers of {@code request} that may be called by policy ({@code policy}: the toll-fraud guard), within
     * {@code maxCallees}: round 1's first, then the later tiers'.
     *
     * @throws Refusal 400 when no number can be called
     */
    static AlertPlan of(AlertRequest request, PhoneNumbers phoneNumbers, CalleeGuard policy, int maxCallees) {
        PhoneNumbers.Normalised numbers = phoneNumbers.normalise(request.to());
        List<Rejected> rejected = new ArrayList<>(numbers.rejected());
        request.rosterProblems().forEach(problem -> rejected.add(new Rejected("(roster)", problem)));
        List<String> callees = allowed(numbers.valid(), policy, rejected);
        List<LaterCallee> later = later(request.later(), callees, rejected, phoneNumbers, policy);
        if (callees.size() + later.size() > maxCallees) {
            String reason = "over the limit of " + maxCallees + " callees per alert (MaxCallees)";
            int keepLater = Math.max(0, maxCallees - callees.size());
            later.subList(keepLater, later.size()).forEach(extra -> rejected.add(new Rejected(extra.to(), reason)));
            later = later.subList(0, keepLater);
            if (callees.size() > maxCallees) {
                callees.subList(maxCallees, callees.size()).forEach(extra -> rejected.add(new Rejected(extra, reason)));
                callees = callees.subList(0, maxCallees);
            }
        }
        if (callees.isEmpty()) {
            throw noneCallable(rejected);
        }
        return new AlertPlan(callees, later, rejected, new ArrayList<>(), request.teams(), request.onCall(), request.schedule());
    }

    /**
     * The later tiers' numbers, validated and guarded like round 1's (each reported with its round when refused); one
     * already called in round 1, or listed twice, is kept once, at its earliest round.
     */
    private static List<LaterCallee> later(List<RosterValue.Member> members, List<String> firstRound, List<Rejected> rejected,
                                           PhoneNumbers phoneNumbers, CalleeGuard policy) {
        List<LaterCallee> later = new ArrayList<>();
        Set<String> seen = new HashSet<>(firstRound);
        for (RosterValue.Member member : members.stream().sorted(Comparator.comparingInt(RosterValue.Member::fromRound)).toList()) {
            PhoneNumbers.Normalised n = phoneNumbers.normalise(List.of(member.number()));
            n.rejected().forEach(r -> rejected.add(new Rejected(r.to(), r.reason() + " (round " + member.fromRound() + ")")));
            for (String valid : n.valid()) {
                Optional<String> refusal = policy.refusal(valid);
                if (refusal.isPresent()) {
                    rejected.add(new Rejected(valid, refusal.get() + " (round " + member.fromRound() + ")"));
                } else if (seen.add(valid)) {
                    later.add(new LaterCallee(valid, member.fromRound()));
                }
            }
        }
        return later;
    }

    static Refusal noneCallable(List<Rejected> rejected) {
        return Refusal.invalid("no_valid_numbers", "none of the numbers can be called: "
                + rejected.stream().map(r -> "'" + r.to() + "' (" + r.reason() + ")").collect(Collectors.joining("; ")));
    }

    /**
     * The numbers {@code guard} allows (asked about all of them at once); each refused one is added to {@code rejected}
     * with the guard's reason. A failure to ask (e.g. {@link alertbridge.table.StoreUnavailable}) is the caller's to
     * decide: an outage skips the rate guard, and says so.
     */
    static List<String> allowed(List<String> numbers, CalleeGuard guard, List<Rejected> rejected) {
        return guard.allowed(numbers, (number, reason) -> rejected.add(new Rejected(number, reason)));
    }
}
