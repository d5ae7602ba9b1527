package alertbridge.testing;

import alertbridge.config.ParameterSource;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.aws.TemplateResources;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What one SnapStart test of a handler that pages stands on, fresh for each test: its own Twilio stand-in, table and
 * queues on {@code aws}'s server, so {@link #assertNothingLeft} sees only what that test's priming left. Register it on
 * an instance field ({@code @RegisterExtension final SnapStartStage stage = new SnapStartStage(AWS, "alert")}).
 */
public final class SnapStartStage implements BeforeEachCallback, AfterEachCallback {
    private final LocalAws aws;
    private final String function;
    private TwilioApiStandIn twilio;
    private String table;
    private Map<String, String> queues;

    public SnapStartStage(LocalAws aws, String function) {
        this.aws = aws;
        this.function = function;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        twilio = new TwilioApiStandIn();
        table = "incidents-" + UUID.randomUUID();
        TemplateResources.createTable(aws.dynamo(), table);
        queues = SnapStartCheck.queues(aws, function);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        twilio.close();
    }

    public TwilioApiStandIn twilio() {
        return twilio;
    }

    /** The stack's parameters as they stand now (rotated, in a test): the alert tokens, the caller number, sre's roster. */
    public void parameters(String alertTokens, String callerNumber) {
        aws.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, callerNumber, alertTokens,
                Map.of("sre", SampleConfig.SRE_ROSTER));
    }

    /** A handler's clients over this stage, reading SSM through {@code parameters}, with {@code environment} added. */
    public Clients clients(ParameterSource parameters, Map<String, String> environment) {
        return Clients.of(SampleConfig.settings(aws, table, twilio, SnapStartCheck.environment(queues, environment)),
                parameters, aws.dynamo(), aws.sqs());
    }

    /** No item in the table, no message on the queues, no request at Twilio. */
    public void assertNothingLeft() {
        SnapStartCheck.assertNothingLeft(aws, table, queues.values(), twilio);
    }
}
