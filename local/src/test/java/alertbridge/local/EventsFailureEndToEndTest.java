package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.events.EventMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Receivers that fail: one that never recovers (its events end in EventsDeadLetterQueue after five tries), one that
 * hangs (the alert is answered and the phones ring regardless). Speed 0.01: the backoff's 10 s ... 810 s take 0 ... 8 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsFailureEndToEndTest {
    private static EventReceiver receiver;
    private static LocalStack stack;
    private static LocalClient client;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicInteger hanging = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        receiver = new EventReceiver().answer("/down", body -> 500).answer("/hang", body -> {
            hanging.incrementAndGet();
            try {
                release.await(8, TimeUnit.SECONDS); // longer than the sender's 5 s timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hanging.decrementAndGet();
            return 200;
        });
        stack = LocalStack.start(StackOptions.forTests(0.01)
                .withParameter("EventWebhooks", receiver.url("/down") + "," + receiver.url("/hang")));
        client = new LocalClient(stack);
    }

    @AfterAll
    static void stop() {
        release.countDown();
        stack.close();
        receiver.close();
    }

    @Test
    @Order(1)
    void theAlertIsAnsweredAndThePhonesRingWhileAReceiverHangs() {
        String first = client.alert("to=+818012345601&message=Queue stuck").json().get("incidentId").asText();
        eventually(hanging::get, n -> n > 0, Duration.ofSeconds(20));

        LocalClient.Response second = client.alert("to=+818012345602&message=Queue still stuck");
        assertEquals(202, second.status(), String.valueOf(second.json()));
        assertTrue(hanging.get() > 0, "the receiver was still hanging when the alert was answered");
        assertEquals(1, second.json().get("calls").size(), second.json().toString());
        String id = second.json().get("incidentId").asText();
        eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 1, Duration.ofSeconds(20));
        assertTrue(!first.equals(id));
        release.countDown(); // the receiver answers again: the next test's deliveries wait on nothing
    }

    @Test
    @Order(2)
    void eventsAReceiverKeepsFailingEndInTheDeadLetterQueueAfterFiveTries() {
        String id = client.alert("to=+818012345603&message=Cron missed").json().get("incidentId").asText();
        List<EventMessage> dead = new ArrayList<>();
        eventually(() -> {
            stack.receiveMessages("EventsDeadLetterQueue").forEach(b -> EventMessage.parse(b).ifPresent(dead::add));
            return dead;
        }, d -> d.stream().anyMatch(m -> m.event().id().equals(id + ".incident.opened") && m.destination().endsWith("/down")),
                Duration.ofSeconds(90));
        long tries = receiver.posts("/down").stream().filter(p -> p.body().contains("\"" + id + ".incident.opened\"")).count();
        assertEquals(5, tries, "maxReceiveCount tries, then the dead-letter queue");
    }
}
