package alertbridge.queue;

import alertbridge.config.Settings;
import alertbridge.events.EventDestinations;
import alertbridge.events.EventMessage;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvent;
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
    }
}
