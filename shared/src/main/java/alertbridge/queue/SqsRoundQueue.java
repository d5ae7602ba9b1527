package alertbridge.queue;

import alertbridge.config.Settings;
import alertbridge.rounds.RoundPolicy;
import alertbridge.rounds.RoundQueue;
import alertbridge.rounds.RoundStep;
import alertbridge.rounds.RoundTimer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Round steps on an SQS standard queue, each with its own message timer ({@code DelaySeconds}, 0-900 s; FIFO queues
 * have none). The body is JSON: {@code {"incidentId": "...", "round": 2, "step": "DIAL"}}.
 */
public final class SqsRoundQueue implements RoundQueue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRoundQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** The queue of {@code ROUNDS_QUEUE_URL}; empty when it is not set (rounds are not scheduled). */
    public static Optional<RoundQueue> of(Settings settings, SqsClient sqs) {
        return settings.roundsQueueUrl().map(url -> new SqsRoundQueue(sqs, url));
    }

    /** The timer that starts round deadlines and checks on {@code ROUNDS_QUEUE_URL}; empty when it is not set. */
    public static Optional<RoundTimer> timer(Settings settings, SqsClient sqs) {
        return of(settings, sqs).map(queue -> new RoundTimer(queue, RoundPolicy.of(settings.rounds())));
    }

    @Override
    public void send(RoundStep step, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(delay.toSeconds(), MAX_DELAY.toSeconds()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(step)).delaySeconds(seconds));
    }

    /** The message body of a step (what {@link #parse} reads). */
    public static String body(RoundStep step) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidentId", step.incidentId());
        body.put("round", step.round());
        body.put("step", step.kind().name());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return empty when {@code body} is not a round step this code wrote */
    public static Optional<RoundStep> parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.path("incidentId").isTextual() || !node.path("round").canConvertToInt()
                    || !node.path("step").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new RoundStep(node.get("incidentId").asText(), node.get("round").asInt(),
                    RoundStep.Kind.valueOf(node.get("step").asText())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
