package alertbridge.rounds;

import alertbridge.config.RoundSettings;
import java.time.Duration;

/**
 * How an incident is re-dialled when too few people reach the bridge (template parameters).
 *
 * @param maxRounds           the most rounds of calls ({@code MaxRounds}), 1 = ring once
 * @param stopAfterJoined     no new round once this many people are on the bridge ({@code StopAfterJoined})
 * @param redialDelay         from the end of a round to the start of the next ({@code RedialDelaySeconds})
 * @param cancelRingingOnStop cancel the calls still ringing once the stop rule is met ({@code CancelRingingOnStop})
 * @param missedCallSms       text a callee whose call ended unanswered, once per incident ({@code MissedCallSms})
 * @param callTimeoutSeconds  how long each phone rings ({@code CallTimeoutSeconds})
 */
public record RoundPolicy(int maxRounds, int stopAfterJoined, Duration redialDelay, boolean cancelRingingOnStop,
                          boolean missedCallSms, int callTimeoutSeconds) {
    /** Twilio places at most one call per second per account by default; the rest wait in its queue. */
    static final int CALLS_PER_SECOND = 1;
    /** Twilio may let a phone ring up to 5 s past the call's Timeout. */
    static final int RING_BUFFER_SECONDS = 5;
    /** For a callee who answers as the ringing ends: hearing the alert and pressing a key. */
    static final int ANSWER_SECONDS = 45;

    public RoundPolicy {
        if (maxRounds < 1 || stopAfterJoined < 1 || redialDelay.isNegative() || redialDelay.compareTo(RoundQueue.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("MaxRounds and StopAfterJoined are at least 1; RedialDelaySeconds 0-900");
        }
    }

    /** The policy of the template's round settings ({@code Settings.rounds()}). */
    public static RoundPolicy of(RoundSettings settings) {
        return new RoundPolicy(settings.maxRounds(), settings.stopAfterJoined(), settings.redialDelay(),
                settings.cancelRingingOnStop(), settings.missedCallSms(), settings.callTimeoutSeconds());
    }

    /**
     * The safety deadline of a round of {@code calls} calls, counted from when they are requested: the last call
     * starts ringing {@code (calls - 1) / CALLS_PER_SECOND} s after the first, rings {@code CallTimeoutSeconds} plus
     * Twilio's buffer, and a callee who answers at the last ring still gets time to press a key. A round normally
     * ends earlier, when every call has a final status; this only ends one whose callbacks never came. At most
     * {@link RoundQueue#MAX_DELAY} (100 callees and a 600 s ring time give 749 s).
     */
    public Duration deadline(int calls) {
        long seconds = (long) Math.ceil(Math.max(0, calls - 1) / (double) CALLS_PER_SECOND)
                + callTimeoutSeconds + RING_BUFFER_SECONDS + ANSWER_SECONDS;
        return Duration.ofSeconds(Math.min(seconds, RoundQueue.MAX_DELAY.toSeconds()));
    }
}
