package alertbridge.handler;

import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.oncall.HandoffNotices;
import alertbridge.snapstart.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The handoff ticker, run every minute by EventBridge Scheduler (the local runner: every few seconds): teams whose
 * on-call set changes now get one SMS per incoming person and an {@code oncall.handoff} event. Runs may overlap; each
 * change is notified once (a conditional write). It also posts the follow-ups of pages made from Slack.
 */
public final class HandoffTickerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Resource {
    private final Settings settings;
    private final AlertWiring alerts;

    /** Lambda's constructor: real clients, built once per container. */
    public HandoffTickerHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public HandoffTickerHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.settings = settings;
        this.alerts = new AlertWiring(settings, parameterSource, dynamo, sqs);
    }

    /** SnapStart, before the snapshot: the alert path's priming; the ticker itself reads the table, so it is not run. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("HandoffTickerFunction", AlertWiring.primingSteps(settings, alerts));
    }

    /** SnapStart, after a restore: fresh randomness, parameters held past their time read again, Twilio client. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("HandoffTickerFunction", Priming.step("parameters", alerts::refreshIfStale));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        HandoffNotices.Run run = alerts.handoffs().run();
        int followUps = alerts.slackFollowUps().run();
        return new java.util.TreeMap<>(Map.of("sent", run.sent(), "skipped", run.skipped(), "slackFollowUps", followUps));
    }
}
