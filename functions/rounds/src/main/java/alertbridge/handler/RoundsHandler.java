package alertbridge.handler;

import alertbridge.auth.IncidentLinks;
import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.config.Settings;
import alertbridge.events.IncidentEvents;
import alertbridge.guard.CallRateGuard;
import alertbridge.log.JsonLog;
import alertbridge.queue.SqsBatch;
import alertbridge.queue.SqsEventSink;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.rounds.RoundEngine;
import alertbridge.rounds.RoundPolicy;
import alertbridge.rounds.RoundStep;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioCallStatus;
import alertbridge.twilio.TwilioCanceller;
import alertbridge.twilio.TwilioDialer;
import alertbridge.twilio.TwilioTexter;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.Optional;

/**
 * The rounds queue (SQS, per-message timers): each message is one step of an incident's rounds of calls
 * ({@link RoundEngine}). A step that fails, or a message that is not a round step, is a batch item failure
 * ({@link SqsBatch}): delivered again, and after the queue's maxReceiveCount kept in the dead-letter queue for a person.
 */
public final class RoundsHandler extends PrimedHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.forComponent("rounds-handler");

    private final RoundEngine engine;

    /** Lambda's constructor: real clients, built once per container. */
    public RoundsHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public RoundsHandler(Clients clients) {
        super(clients);
        Settings settings = clients.settings();
        var parameters = clients.parameters(settings.parameters().twilio());
        var twilio = clients.twilio();
        var store = clients.store();
        RoundEngine.Phone phone = new RoundEngine.Phone(
                new CallFanOut(TwilioDialer.withRetries(twilio, clients.callerNumber(), settings.callTimeoutSeconds()),
                        JoinTwiml.pickUp(settings)),
                new CallRateGuard(store.rates(), settings.guards().maxCallsPerNumberPerHour(), Clock.systemUTC()),
                new TwilioCanceller(twilio),
                new CallbackUrls(settings.publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                        "PUBLIC_BASE_URL is not set: the rounds function needs the API's URL for Twilio's webhooks"))),
                new TwilioCallStatus(twilio));
        this.engine = new RoundEngine(store,
                SqsRoundQueue.of(settings, clients.sqs()).orElseThrow(() -> new IllegalStateException("ROUNDS_QUEUE_URL is not set")),
                RoundPolicy.of(settings.rounds()), phone, Optional.of(new TwilioTexter(twilio, clients.callerNumber())),
                settings.callIn() ? Optional.of(clients.callerNumber()) : Optional.empty(), Clock.systemUTC(),
                new IncidentEvents(SqsEventSink.durable(settings, clients.sqs(), store), Clock.systemUTC()),
                IncidentLinks.Signer.of(settings, parameters::find, Clock.systemUTC()));
        clients.primes(Priming.step("round_step", PrimingSteps::roundStep));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.eachInTurn(event, message -> {
            Optional<RoundStep> step = SqsRoundQueue.parse(message.getBody());
            if (step.isEmpty()) {
                LOG.error("not_a_round_step", "messageId", message.getMessageId());
                return false;
            }
            try {
                engine.handle(step.get());
                return true;
            } catch (RuntimeException e) {
                LOG.error("round_step_failed", "messageId", message.getMessageId(), "incidentId", step.get().incidentId(),
                        "step", step.get().kind().name(), "error", e.getClass().getSimpleName());
                return false;
            }
        });
    }
}
