package alertbridge.incident;

/**
 * Someone added to an incident's calls from a later round (a roster tier such as {@code round2: +81...}), validated
 * when the alert was raised.
 *
 * @param to        E.164
 * @param fromRound the first round they are phoned in, 2 or later
 */
public record LaterCallee(String to, int fromRound) {
}
