package alertbridge.slack;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pages made from Slack whose {@code response_url} still gets follow-ups, on the due index while they do. */
public interface FollowUpStore {
    /**
     * One page's follow-ups: where to post, until when (Slack takes posts for 30 minutes), how many were posted, and
     * the numbers already announced as joined; {@code next} empty once finished.
     */
    record FollowUp(String incidentId, String responseUrl, Instant until, int posts, List<String> announced,
                    Optional<Instant> next) {
        public FollowUp {
            announced = List.copyOf(announced);
        }
    }

    void save(FollowUp followUp);

    /** Follow-ups whose next look is at or before {@code now}. */
    List<FollowUp> due(Instant now);
}
