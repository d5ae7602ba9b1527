package alertbridge.queue;

import alertbridge.config.Settings;
import alertbridge.events.EventDestinations;
import alertbridge.events.EventMessage;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvent;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Events on the events queue (SQS standard): one message per event and destination, so each destination is retried
 * on its own; all of an event's messages in one SendMessageBatch request (ten a request).
 */
public final class SqsEventSink implements EventSink {
    private static final JsonLog LOG = JsonLog.forComponent("events");
    private final SqsClient sqs;
    private final String queueUrl;
    private final List<String> destinations;

    public SqsEventSink(SqsClient sqs, String queueUrl, List<String> destinations) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.destinations = List.copyOf(destinations);
    }

    /** The sink of {@code EVENTS_QUEUE_URL} and {@code EVENT_WEBHOOKS}; {@link EventSink#NONE} without either. */
    public static EventSink of(Settings settings, SqsClient sqs) {
        List<String> destinations = EventDestinations.parse(settings.events().webhooks());
        if (sqs == null || settings.events().queueUrl().isEmpty() || destinations.isEmpty()) {
            return EventSink.NONE;
        }
        return new SqsEventSink(sqs, settings.events().queueUrl().get(), destinations);
    }

    /**
     * {@link #of}, kept in {@code store}'s outbox when the queue cannot take an event ({@link DurableEventSink}); the
     * same {@link EventSink#NONE} without destinations.
     */
    public static EventSink durable(Settings settings, SqsClient sqs, IncidentStore store) {
        EventSink queue = of(settings, sqs);
        return queue == EventSink.NONE ? queue : new DurableEventSink(queue, store.outbox(), java.time.Clock.systemUTC());
    }

    @Override
    public void send(IncidentEvent event) {
        for (int from = 0; from < destinations.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, destinations.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(new EventMessage(event, destinations.get(i)).body()).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " of the event's messages were not queued: "
                        + response.failed().getFirst().code());
            }
        }
        LOG.info("event_queued", "incidentId", event.incidentId(), "type", event.type(), "eventId", event.id());
    }
}
