package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.events.EventMessage;
import alertbridge.incident.Incident;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The events function against moto and a local receiver: the sample event is delivered signed; a 5xx is retried
 * later (hidden for its backoff, a batch item failure); a 4xx is a refusal, not retried; a message that is no event
 * is kept for the dead-letter queue.
 */
class EventsHandlerTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final String INCIDENT = "SampleIncident00000001";
    private static final AtomicInteger status = new AtomicInteger(200);
    private static final List<String> signatures = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static String queueUrl;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            signatures.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Alertbridge-Signature")));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
        IncidentStore store = SampleConfig.store(AWS);
        store.incidents().create(Incident.open(INCIDENT, "Database primary is down", Instant.parse("2026-11-23T03:00:00Z"), 1), List.of());
        AWS.putSecret("events/signing-secret", "test-secret");
        AWS.putSecret("events/receiver", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        queueUrl = AWS.sqs().createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    /** The visibility timeouts the handler set (ChangeMessageVisibility), in seconds. */
    private static final List<Integer> backoffs = new CopyOnWriteArrayList<>();

    private static EventsHandler handler() {
        SqsClient sqs = AWS.moto().sqs(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ChangeMessageVisibilityRequest change) {
                    backoffs.add(change.visibilityTimeout());
                }
            }
        });
        return new EventsHandler(Clients.of(SampleConfig.settings(AWS, new TwilioApiStandIn(), Map.of("EVENTS_QUEUE_URL", queueUrl,
                "EVENTS_PARAM_PATH", AWS.parameterPath() + "/events")), SampleConfig.parameters(AWS, "t"), AWS.dynamo(), sqs));
    }

    @Test
    void theSampleIsDeliveredSigned() {
        status.set(200);
        signatures.clear();
        SQSBatchResponse response = handler().handleRequest(EventLoader.loadSQSEvent("events/events-delivery.json"), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(1, signatures.size());
        assertTrue(signatures.getFirst().matches("t=\\d+,v1=[0-9a-f]{64}"), signatures.getFirst());
    }

    @Test
    void aServerErrorIsRetriedAfterItsBackoffAndARefusalIsNot() {
        String body = EventLoader.loadSQSEvent("events/events-delivery.json").getRecords().getFirst().getBody();
        AWS.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        Message received = AWS.sqs().receiveMessage(b -> b.queueUrl(queueUrl).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().getFirst();
        status.set(503);
        backoffs.clear();
        SQSBatchResponse failed = handler().handleRequest(event(received), null);
        assertEquals(List.of(received.messageId()), failed.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of(10), backoffs, "hidden for the first retry's 10 s");
        assertEquals(List.of(), AWS.sqs().receiveMessage(b -> b.queueUrl(queueUrl)).messages());

        status.set(404);
        assertEquals(List.of(), handler().handleRequest(event(received), null).getBatchItemFailures(), "a 4xx is not retried");
    }

    @Test
    void withoutTheSigningSecretNothingIsSentUnsignedAndTheEventIsRetried() {
        String path = AWS.parameterPath() + "/unsigned-" + UUID.randomUUID().toString().substring(0, 8);
        AWS.ssm().putParameter(b -> b.name(path + "/receiver").value("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                .type(software.amazon.awssdk.services.ssm.model.ParameterType.SECURE_STRING));
        EventsHandler handler = new EventsHandler(Clients.of(SampleConfig.settings(AWS, new TwilioApiStandIn(), Map.of("EVENTS_QUEUE_URL", queueUrl,
                "EVENTS_PARAM_PATH", path)), SampleConfig.parameters(AWS, "t"), AWS.dynamo(), AWS.sqs()));
        signatures.clear();
        status.set(200);
        assertEquals(1, handler.handleRequest(EventLoader.loadSQSEvent("events/events-delivery.json"), null).getBatchItemFailures().size());
        assertEquals(List.of(), signatures, "nothing posted");
    }

    @Test
    void aMessageThatIsNoEventIsAFailure() {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m1");
        m.setBody("{\"incidentId\":\"x\",\"round\":1,\"step\":\"END\"}");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        assertEquals(1, handler().handleRequest(event, null).getBatchItemFailures().size());
        assertTrue(EventMessage.parse(m.getBody()).isEmpty());
    }

    private static SQSEvent event(Message m) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setAttributes(Map.of("ApproximateReceiveCount", m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(r));
        return event;
    }
}
