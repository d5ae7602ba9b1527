package alertbridge.handler;

import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.delivery.EventDispatcher;
import alertbridge.events.EventMessage;
import alertbridge.events.EventPayloads;
import alertbridge.events.EventSignature;
import alertbridge.events.IncidentEvent;
import alertbridge.incident.Incident;
import alertbridge.incident.IncidentTimeline;
import alertbridge.http.WebhookPoster;
import alertbridge.timeline.IncidentQueries;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
import alertbridge.table.IncidentStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The events queue: each message is one incident event for one destination ({@link EventDispatcher}). A delivery to
 * retry (5xx, 429, a timeout) is hidden for its backoff delay (ChangeMessageVisibility: 10 s, 30 s, 90 s, ... by
 * ApproximateReceiveCount) and reported as a batch item failure; after the queue's maxReceiveCount it is kept in the
 * dead-letter queue. A refusal (another 4xx) is logged and not retried. A message that is not an event is a failure,
 * kept in the dead-letter queue for a person to read. The batch's messages are delivered at once.
 */
public final class EventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("events-handler");
    private final EventDispatcher dispatcher;
    private final SqsClient sqs;
    private final Optional<String> queueUrl;
    private final Settings settings;

    /** Lambda's constructor: real clients, built once per container. */
    public EventsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public EventsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        // nothing read up front: a stack whose destinations are all Slack has no signing secret
        CachedParameters parameters = new CachedParameters(parameterSource, List.of(), settings.parameterCacheTtl(), Clock.systemUTC());
        this.dispatcher = new EventDispatcher(new IncidentQueries(new IncidentStore(dynamo, settings.tableName(), settings.retention())),
                parameters, settings.events(), new WebhookPoster(), Clock.systemUTC(),
                alertbridge.auth.IncidentLinks.Signer.of(settings, parameters::find, Clock.systemUTC()));
        this.sqs = sqs;
        this.queueUrl = settings.events().queueUrl();
        this.settings = settings;
    }

    /**
     * SnapStart, before the snapshot: the SDKs' request paths without any effect outside the process ({@link Priming})
     * and both payloads, the generic one signed, for a sample incident; nothing is posted.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("EventsFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("sqs", SqsPriming::sqs),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("payloads", EventsHandler::renderSamplePayloads));
    }

    /** SnapStart, after a restore: fresh randomness; the signing secret is read again once its cache time has passed. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("EventsFunction");
    }

    private static void renderSamplePayloads() {
        Instant now = Instant.now();
        IncidentEvent opened = IncidentEvent.opened("SnapStartPriming000000", now);
        IncidentTimeline timeline = IncidentTimeline.of(Incident.open("SnapStartPriming000000", "SnapStart priming.", now, 1),
                List.of(), List.of(), List.of(), List.of(), Map.of());
        String body = EventPayloads.generic(opened, timeline);
        EventSignature.header(Priming.unguessable(), now.getEpochSecond(), body);
        EventPayloads.slack(opened, timeline);
    }

    /** The batch's messages are delivered at once (a receiver that hangs delays only its own). */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        List<Future<Boolean>> delivered = new ArrayList<>();
        try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
            messages.forEach(m -> delivered.add(deliveries.submit(() -> handle(m))));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!delivered.get(i).resultNow()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return false when the message is to be delivered again */
    private boolean handle(SQSEvent.SQSMessage message) {
        Optional<EventMessage> parsed = EventMessage.parse(message.getBody());
        if (parsed.isEmpty()) {
            LOG.error("not_an_event", "messageId", message.getMessageId());
            return false;
        }
        EventDispatcher.Verdict verdict;
        try {
            verdict = dispatcher.deliver(parsed.get());
        } catch (RuntimeException e) {
            LOG.error("event_delivery_error", "messageId", message.getMessageId(), "eventId", parsed.get().event().id(),
                    "error", e.getClass().getSimpleName());
            verdict = EventDispatcher.Verdict.RETRY;
        }
        if (verdict == EventDispatcher.Verdict.RETRY) {
            backOff(message);
            return false;
        }
        return true;
    }

    /** Hides the message for its retry delay; if that fails, it comes back after the queue's visibility timeout. */
    private void backOff(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        int receives = parseOr(attributes.get("ApproximateReceiveCount"), 1);
        Duration delay = EventDispatcher.retryDelay(receives);
        if (queueUrl.isEmpty() || sqs == null || message.getReceiptHandle() == null) {
            return;
        }
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl.get()).receiptHandle(message.getReceiptHandle())
                    .visibilityTimeout((int) delay.toSeconds()));
            LOG.info("event_retry_later", "messageId", message.getMessageId(), "receives", receives, "retryInSeconds", delay.toSeconds());
        } catch (RuntimeException e) {
            LOG.warn("event_backoff_not_set", "messageId", message.getMessageId(), "error", e.getClass().getSimpleName());
        }
    }

    private static int parseOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
