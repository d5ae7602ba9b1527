package alertbridge.local;

import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Runs the handlers' SQS message timers on the simulator's clock: a {@code DelaySeconds} the code asks for (a round's
 * deadline, the redial delay) is multiplied by the speed factor, as every delay of the simulated phones is. At speed
 * 1.0 ({@code ./local/run}) nothing changes; tests at 0.05 see a 60 s redial delay pass in 3 s. So is a handler's own
 * retry delay (ChangeMessageVisibility, the events' backoff); its receipt handle is noted, so {@link LocalQueues}
 * keeps that delay instead of setting the queue's visibility timeout, as Lambda leaves a failed message alone.
 * Every message sent is also shown to {@link RoundSteps}, which notes the round steps.
 */
final class ScaledQueueTimers implements ExecutionInterceptor {
    private final double speed;
    private final Set<String> delayedByHandler;
    private final RoundSteps steps;

    /** @param delayedByHandler receives the receipt handles whose visibility the handler set */
    ScaledQueueTimers(double speed, Set<String> delayedByHandler, RoundSteps steps) {
        this.speed = speed;
        this.delayedByHandler = delayedByHandler;
        this.steps = steps;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (context.request() instanceof SendMessageRequest send) {
            steps.queued(send.queueUrl(), send.messageBody());
        }
        if (speed != 1.0 && context.request() instanceof SendMessageRequest send && send.delaySeconds() != null) {
            return send.toBuilder().delaySeconds((int) Math.round(send.delaySeconds() * speed)).build();
        }
        if (context.request() instanceof ChangeMessageVisibilityRequest change && change.visibilityTimeout() != null) {
            delayedByHandler.add(change.receiptHandle());
            return speed == 1.0 ? change : change.toBuilder().visibilityTimeout((int) Math.round(change.visibilityTimeout() * speed)).build();
        }
        return context.request();
    }
}
