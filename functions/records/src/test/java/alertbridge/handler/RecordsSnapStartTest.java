package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.queue.SqsWriteBehind;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SnapStartCheck;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** SnapStart's hooks on the records queue, over moto. */
class RecordsSnapStartTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @AfterAll
    static void stop() {
        TWILIO.close();
    }

    @Test
    void primingLeavesNothingAndARestoredHandlerWritesADeferredItem() {
        Map<String, String> queues = SnapStartCheck.queues(AWS, "records");
        RecordsHandler handler = new RecordsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, Map.of(
                "RECORDS_QUEUE_URL", queues.get("RecordsQueue"))), null, AWS.dynamo(), null));

        SnapStartCheck.assertPrimed(handler, "RecordsFunction");
        assertEquals(List.of(), SnapStartCheck.logOf(() -> assertEquals(List.of(), handler.handleRequest(new SQSEvent(), null)
                .getBatchItemFailures())), "the keep-alive (no records) logs nothing");
        SnapStartCheck.assertNothingLeft(AWS, queues.values(), TWILIO);
        SnapStartCheck.assertRestored(handler, "RecordsFunction");

        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("INCIDENT#SnapRestoredIncident01"),
                "sk", AttributeValue.fromS("META"), "message", AttributeValue.fromS("Disk full"));
        SQSEvent event = EventLoader.loadSQSEvent("events/rounds-step.json");
        event.getRecords().getFirst().setBody(SqsWriteBehind.body(item, true));
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(1, AWS.dynamo().scan(b -> b.tableName(AWS.tableName())).count());
    }
}
