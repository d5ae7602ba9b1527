package alertbridge.handler;

import alertbridge.alert.CallRateGuard;
import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.events.IncidentEvents;
import alertbridge.log.JsonLog;
import alertbridge.queue.SqsEventSink;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
import alertbridge.snapstart.TwilioPriming;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.rounds.RoundEngine;
import alertbridge.rounds.RoundStep;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.TwilioCallStatus;
import alertbridge.twilio.TwilioCanceller;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioDialer;
import alertbridge.twilio.TwilioTexter;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The rounds queue (SQS, per-message timers): each message is one step of an incident's rounds of calls
 * ({@link RoundEngine}). A step that fails is reported as a batch item failure, so SQS delivers it again after the
 * visibility timeout and, after the queue's maxReceiveCount, moves it to the dead-letter queue; so is a message that is
 * not a round step, so it is kept there for a person to read rather than dropped.
 */
public final class RoundsHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("rounds-handler");

    private final RoundEngine engine;
    private final Settings settings;
    private final Supplier<TwilioRestClient> twilio;

    /** Lambda's constructor: real clients, built once per container. */
    public RoundsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public RoundsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        Settings.ParameterNames names = settings.parameters();
        CachedParameters parameters = new CachedParameters(parameterSource,
                List.of(names.twilioAccountSid(), names.twilioAuthToken(), names.twilioCallerNumber()),
                settings.parameterCacheTtl(), Clock.systemUTC());
        this.settings = settings;
        this.twilio = TwilioClients.following(() -> parameters.get(names.twilioAccountSid()),
                () -> parameters.get(names.twilioAuthToken()), settings.twilioApiBase(), settings.maxCallees());
        Supplier<String> callerNumber = () -> parameters.get(names.twilioCallerNumber());
        IncidentStore store = new IncidentStore(dynamo, settings.tableName(), settings.retention(),
                SqsWriteBehind.of(settings, sqs));
        RoundEngine.Phone phone = new RoundEngine.Phone(
                new CallFanOut(TwilioDialer.withRetries(twilio, callerNumber, settings.callTimeoutSeconds()),
                        JoinTwiml.pickUp(settings)),
                new CallRateGuard(store.rates(), settings.guards().maxCallsPerNumberPerHour(), Clock.systemUTC()),
                new TwilioCanceller(twilio),
                new CallbackUrls(settings.publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                        "PUBLIC_BASE_URL is not set: the rounds function needs the API's URL for Twilio's webhooks"))),
                new TwilioCallStatus(twilio));
        this.engine = new RoundEngine(store,
                SqsRoundQueue.of(settings, sqs).orElseThrow(() -> new IllegalStateException("ROUNDS_QUEUE_URL is not set")),
                alertbridge.rounds.RoundPolicy.of(settings.rounds()), phone, Optional.of(new TwilioTexter(twilio, callerNumber)),
                settings.callIn() ? Optional.of(callerNumber) : Optional.empty(), Clock.systemUTC(),
                new IncidentEvents(SqsEventSink.durable(settings, sqs, store), Clock.systemUTC()),
                alertbridge.auth.IncidentLinks.Signer.of(settings, parameters::find, Clock.systemUTC()));
    }

    /**
     * SnapStart, before the snapshot: the SDKs' and our own request paths without any effect outside the process
     * ({@link Priming}) and the queue's message format; no message is handled here (a step dials and texts).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("RoundsFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("sqs", SqsPriming::sqs),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("twilio_sdk", TwilioPriming::twilioSdk),
                Priming.step("round_step", PrimingSteps::roundStep),
                Priming.step("twilio_client", twilio::get));
    }

    /** SnapStart, after a restore: fresh randomness, Twilio parameters held past their time read again, client rebuilt if they changed. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("RoundsFunction", Priming.step("parameters", twilio::get));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            Optional<RoundStep> step = SqsRoundQueue.parse(message.getBody());
            if (step.isEmpty()) {
                LOG.error("not_a_round_step", "messageId", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                engine.handle(step.get());
            } catch (RuntimeException e) {
                LOG.error("round_step_failed", "messageId", message.getMessageId(), "incidentId", step.get().incidentId(),
                        "step", step.get().kind().name(), "error", e.getClass().getSimpleName());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
