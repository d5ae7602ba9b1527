package alertbridge.config;

import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * An SQS client built on its first message, not in the init phase: most invocations of the join and call-events
 * functions send nothing (the records queue takes only writes the table refused; a round timer follows only some
 * call ends), so their cold start no longer builds a client and loads its classes for nothing. Only what our code
 * sends ({@code SendMessage}, by request or by builder) is passed on; any other operation is the SDK's default,
 * {@link UnsupportedOperationException}.
 *
 * <p>Not a method of {@link AwsClients}: that class is loaded by functions that ship no SQS client (incidents,
 * records), and the verifier would then load this class and {@code SqsClient} with it.
 */
public final class LazySqsClient implements SqsClient {
    private final Supplier<SqsClient> build;
    private volatile SqsClient client;

    LazySqsClient(Supplier<SqsClient> build) {
        this.build = build;
    }

    /** @param build makes the client (e.g. {@code AwsClients::sqs}) when the first message is sent */
    public static SqsClient onFirstUse(Supplier<SqsClient> build) {
        return new LazySqsClient(build);
    }

    @Override
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        return client().sendMessage(request);
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        return client().sendMessageBatch(request);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        SqsClient built = client;
        if (built != null) {
            built.close();
        }
    }

    private SqsClient client() {
        SqsClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build.get();
                    client = built;
                }
            }
        }
        return built;
    }
}
