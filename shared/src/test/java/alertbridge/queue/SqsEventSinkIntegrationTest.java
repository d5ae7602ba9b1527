package alertbridge.queue;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import alertbridge.config.Settings;
import alertbridge.events.EventMessage;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvent;
import alertbridge.events.IncidentEvents;
import alertbridge.incident.Incident;
import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The events queue against moto: one message per destination, each one parsable, and a queue outage never thrown. */
class SqsEventSinkIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");

    private static String queue() {
        return aws.sqs().createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
    }

    private static List<EventMessage> drain(String url) {
        List<EventMessage> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (Message m : aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()) {
                all.add(EventMessage.parse(m.body()).orElseThrow());
            }
        }
        return all;
    }

    @Test
    void eachDestinationGetsItsOwnMessageOfTheSameEvent() {
        String url = queue();
        List<String> destinations = IntStream.rangeClosed(1, 12).mapToObj(i -> "ssm:hook" + i).toList(); // two batches
        new SqsEventSink(aws.sqs(), url, destinations).send(IncidentEvent.escalated("INC1", 2, T0));

        List<EventMessage> messages = drain(url);
        assertEquals(Set.copyOf(destinations), messages.stream().map(EventMessage::destination).collect(Collectors.toSet()));
        assertEquals(Set.of("INC1.incident.escalated.2"), messages.stream().map(m -> m.event().id()).collect(Collectors.toSet()));
        assertEquals(12, messages.size());
    }

    /** The webhook functions (join, call events) make their SQS client on the first send: a batch goes through it too. */
    @Test
    void theClientMadeOnTheFirstSendCarriesTheBatches() {
        String url = queue();
        SqsClient lazy = alertbridge.config.LazySqsClient.onFirstUse(aws::sqs);
        new SqsEventSink(lazy, url, List.of("ssm:a", "ssm:b")).send(IncidentEvent.joined("INC4", "CA1", T0));
        assertEquals(Set.of("ssm:a", "ssm:b"), drain(url).stream().map(EventMessage::destination).collect(Collectors.toSet()));
    }

    @Test
    void settingsWithoutWebhooksOrQueueProduceNothingAndInlineSlackIsDropped() {
        Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", "t", "TWILIO_ACCOUNT_SID_PARAM", "/a",
                "TWILIO_AUTH_TOKEN_PARAM", "/b", "TWILIO_CALLER_NUMBER_PARAM", "/c", "ALERT_TOKENS_PARAM", "/d"));
        assertEquals(EventSink.NONE, SqsEventSink.of(Settings.fromEnvironment(env), aws.sqs()));
        String url = queue();
        env.put("EVENTS_QUEUE_URL", url);
        env.put("EVENT_WEBHOOKS", "https://hooks.slack.com/services/T0/B0/secret");
        assertEquals(EventSink.NONE, SqsEventSink.of(Settings.fromEnvironment(env), aws.sqs()));
        env.put("EVENT_WEBHOOKS", "https://hooks.slack.com/services/T0/B0/secret,ssm:slack");
        SqsEventSink.of(Settings.fromEnvironment(env), aws.sqs()).send(IncidentEvent.opened("INC2", T0));
        assertEquals(List.of("ssm:slack"), drain(url).stream().map(EventMessage::destination).toList());
    }

    @Test
    void aQueueThatCannotBeReachedIsLoggedNotThrown() {
        EventSink missing = new SqsEventSink(aws.sqs(), aws.sqs().createQueue(b -> b.queueName("gone-" + UUID.randomUUID())).queueUrl()
                + "-deleted", List.of("ssm:x"));
        assertThrows(RuntimeException.class, () -> missing.send(IncidentEvent.opened("INC3", T0)));
        IncidentEvents events = new IncidentEvents(missing, Clock.systemUTC());
        Incident incident = Incident.open("INC3", "DB down", T0, 1);
        assertDoesNotThrow(() -> {
            events.openedInBackground(incident).join();
            events.joined("INC3", "CA1", T0);
            events.escalated("INC3", 2);
            events.unanswered(incident, 3, T0);
            events.resolved("INC3", T0);
        });
    }
}
