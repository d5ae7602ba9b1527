package alertbridge.handler;

import alertbridge.auth.IncidentLinks;
import alertbridge.config.Settings;
import alertbridge.delivery.EventDispatcher;
import alertbridge.events.EventMessage;
import alertbridge.http.WebhookPoster;
import alertbridge.log.JsonLog;
import alertbridge.queue.SqsBatch;
import alertbridge.queue.SqsRetryLater;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.timeline.IncidentQueries;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The events queue: each message is one incident event for one destination ({@link EventDispatcher}), the batch's
 * messages delivered at once ({@link SqsBatch#allAtOnce}). A delivery to retry (5xx, 429, a timeout) is hidden for its
 * backoff delay (10 s, 30 s, 90 s, ... by ApproximateReceiveCount; {@link SqsRetryLater}) and reported as a batch item
 * failure; after the queue's maxReceiveCount it is kept in the dead-letter queue. A refusal (another 4xx) is logged
 * and not retried. A message that is not an event is a failure, kept in the dead-letter queue for a person to read.
 */
public final class EventsHandler extends PrimedHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.forComponent("events-handler");
    private final EventDispatcher dispatcher;
    private final SqsRetryLater retryLater;

    /** Lambda's constructor: real clients, built once per container. */
    public EventsHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public EventsHandler(Clients clients) {
        super(clients);
        Settings settings = clients.settings();
        // nothing read up front: a stack whose destinations are all Slack has no signing secret
        var parameters = clients.parameters(List.of());
        this.dispatcher = new EventDispatcher(new IncidentQueries(clients.storeWithoutWriteBehind()), parameters, settings.events(),
                new WebhookPoster(), Clock.systemUTC(), IncidentLinks.Signer.of(settings, parameters::find, Clock.systemUTC()));
        this.retryLater = new SqsRetryLater(clients.sqs(), settings.events().queueUrl(), EventDispatcher::retryDelay);
        clients.primes(Priming.step("payloads", PrimingSteps::eventPayloads));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.allAtOnce(event, message -> {
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
                retryLater.hide(message);
                return false;
            }
            return true;
        });
    }
}
