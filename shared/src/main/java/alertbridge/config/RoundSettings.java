package alertbridge.config;

import java.time.Duration;

/**
 * The round settings as the template gives them (raw); {@code alertbridge.rounds.RoundPolicy#of} makes the policy.
 *
 * @param maxRounds           {@code MaxRounds}
 * @param stopAfterJoined     {@code StopAfterJoined}
 * @param redialDelay         {@code RedialDelaySeconds}
 * @param cancelRingingOnStop {@code CancelRingingOnStop}
 * @param missedCallSms       {@code MissedCallSms}
 * @param callTimeoutSeconds  {@code CallTimeoutSeconds}
 */
public record RoundSettings(int maxRounds, int stopAfterJoined, Duration redialDelay, boolean cancelRingingOnStop,
                            boolean missedCallSms, int callTimeoutSeconds) {
}
