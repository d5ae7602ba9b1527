package alertbridge.local;

import alertbridge.config.ParameterSource;
import alertbridge.config.SsmParameterSource;
import alertbridge.testkit.aws.MotoServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients one function's handlers are built with. Normally every function shares the stack's; when moto
 * enforces IAM (the deploy rehearsal, {@link alertbridge.testkit.aws.IamEnforcement}) each function gets clients signed with
 * its own IAM user's key, so every call it makes is judged against exactly that function's policies, as in AWS.
 */
record FunctionClients(DynamoDbClient dynamo, SqsClient sqs, ParameterSource parameters) {

    /**
     * @param shared      the stack's clients (used for every function unless IAM is enforced)
     * @param sqsTimers   what the handlers' SQS clients put first (the simulated clock's message timers)
     * @param faults      the fault switch, on every handler client
     */
    static Function<String, FunctionClients> of(MotoServer moto, FunctionClients shared, ExecutionInterceptor sqsTimers,
                                                ExecutionInterceptor faults) {
        if (!moto.enforcesIam()) {
            return logicalId -> shared;
        }
        Map<String, FunctionClients> byFunction = new ConcurrentHashMap<>();
        return logicalId -> byFunction.computeIfAbsent(logicalId, id -> {
            MotoServer own = moto.asFunction(id);
            return new FunctionClients(own.dynamoDb(faults), own.sqs(sqsTimers, faults),
                    new SsmParameterSource(own.ssm(faults)));
        });
    }
}
