package alertbridge.handler;

import alertbridge.checks.CheckService;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.snapstart.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The check-in detector, run every minute by EventBridge Scheduler (the local runner: every few seconds): every check
 * past its deadline goes down and pages its team. Runs may overlap; each check pages once (conditional writes). The
 * same run queues the incident events kept in the table's outbox while the events queue failed.
 */
public final class CheckDetectorHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private final CheckWiring wiring;
    private final CheckService checks;

    /** Lambda's constructor: real clients, built once per container. */
    public CheckDetectorHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public CheckDetectorHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.wiring = new CheckWiring(settings, parameterSource, dynamo, sqs, CheckWiring.fromTemplate(settings));
        this.checks = wiring.service();
    }

    /** SnapStart, before the snapshot: the alert path's priming; the detector itself reads the table, so it is not run. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("CheckDetectorFunction", wiring.primingSteps());
    }

    /** SnapStart, after a restore: fresh randomness, parameters held past their time read again, Twilio client. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("CheckDetectorFunction", Priming.step("parameters", wiring.alerts()::refreshIfStale));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        CheckService.Detection detection = checks.detect();
        // the same minute: incident events kept while the events queue failed are queued again
        int requeued = wiring.alerts().sweepEvents().map(alertbridge.queue.DurableEventSink.Swept::queued).orElse(0);
        return new java.util.TreeMap<>(Map.of("due", detection.due(), "paged", detection.paged(), "eventsRequeued", requeued));
    }
}
