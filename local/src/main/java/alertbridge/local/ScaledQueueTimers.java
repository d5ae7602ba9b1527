package alertbridge.local;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Runs the handlers' SQS message timers on the simulator's clock: a {@code DelaySeconds} the code asks for (a round's
 * deadline, the redial delay) is multiplied by the speed factor, as every delay of the simulated phones is. At speed
 * 1.0 ({@code ./local/run}) nothing changes; tests at 0.05 see a 60 s redial delay pass in 3 s.
 */
final class ScaledQueueTimers implements ExecutionInterceptor {
    private final double speed;

    ScaledQueueTimers(double speed) {
        this.speed = speed;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (speed != 1.0 && context.request() instanceof SendMessageRequest send && send.delaySeconds() != null) {
            return send.toBuilder().delaySeconds((int) Math.round(send.delaySeconds() * speed)).build();
        }
        return context.request();
    }
}
