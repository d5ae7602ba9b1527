package alertbridge.alert;

import java.util.Optional;

/** What one alert did: from {@code POST /alert} or the SNS topic. */
public sealed interface AlertResult {
    /** A new incident: the calls were placed (or refused) as the outcome says. */
    record Opened(AlertOutcome outcome) implements AlertResult {
    }

    /** The key's incident is still open: nobody was dialled. */
    record Deduplicated(String incidentId) implements AlertResult {
    }

    /**
     * An identical request (the same dedup key) placed no call. If this one waited for it ({@code retry} false), it
     * shares that outcome rather than ringing the same refused numbers again, and the sender should retry later; if it
     * had already failed when this one came ({@code retry} true), this is that retry, and it may dial again.
     */
    record NotPlaced(String incidentId, boolean retry) implements AlertResult {
    }

    /** A resolve: {@code incidentId} is the incident closed now, absent when there was none open for the key. */
    record Resolved(Optional<String> incidentId) implements AlertResult {
    }

    /** A state that neither pages nor resolves. */
    record Ignored(String reason) implements AlertResult {
    }
}
