package alertbridge.snapstart;

import alertbridge.queue.SqsRoundQueue;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.rounds.RoundStep;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK's SQS send path as our queues use it (a round step, a deferred write), answered from memory. A class of
 * its own: functions that ship no SQS client never load this.
 */
public final class SqsPriming {
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/000000000000/priming";

    private SqsPriming() {
    }

    public static void sqs() {
        OfflineAws http = new OfflineAws();
        try (SqsClient sqs = OfflineAws.offline(SqsClient.builder(), http).build()) {
            sqs.sendMessage(b -> b.queueUrl(QUEUE).messageBody(SqsRoundQueue.body(RoundStep.check("SnapStartPriming000000"))));
            new SqsWriteBehind(sqs, QUEUE).defer(Map.of("pk", AttributeValue.fromS("INCIDENT#SnapStartPriming000000"),
                    "sk", AttributeValue.fromS("META")), true);
            if (http.requests() < 2) {
                throw new IllegalStateException("the SDK sent " + http.requests() + " of 2 requests");
            }
        }
    }
}
