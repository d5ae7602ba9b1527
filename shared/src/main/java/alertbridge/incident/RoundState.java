package alertbridge.incident;

import java.util.List;

/**
 * Where an incident's rounds of calls stand.
 *
 * @param round        the current round: 1 from the start, one more each time a round ended with too few on the bridge
 * @param dialledRound the last round whose calls were placed ({@code round} during the redial delay is one ahead)
 * @param later        who joins the calls from a later round
 * @param roundEndedAt when the last round ended (and the current one began waiting for its redial delay)
 */
public record RoundState(Incident incident, int round, int dialledRound, List<LaterCallee> later,
                         java.util.Optional<java.time.Instant> roundEndedAt) {
    public RoundState {
        later = List.copyOf(later);
    }
}
