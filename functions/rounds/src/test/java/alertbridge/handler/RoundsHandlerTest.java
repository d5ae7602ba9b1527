package alertbridge.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialResult;
import alertbridge.incident.CallEvent;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.RoundState;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.rounds.RoundStep;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The rounds function against moto (table, SSM, the rounds queue) and the Twilio stand-in: duplicate and out-of-order
 * deliveries, on many threads at once, change the incident once.
 */
class RoundsHandlerTest {
    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final IncidentStore STORE = SampleConfig.store(AWS);
    private static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();
    private static final String QUEUE = AWS.createQueues("rounds-test-" + UUID.randomUUID().toString().substring(0, 8) + "-")
            .get("RoundsQueue");

    private static RoundsHandler handler(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("ROUNDS_QUEUE_URL", QUEUE, "REDIAL_DELAY_SECONDS", "0",
                "PUBLIC_BASE_URL", "https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod"));
        all.putAll(env);
        return new RoundsHandler(Clients.of(SampleConfig.settings(AWS, TWILIO, all), SampleConfig.parameters(AWS, TwilioApiStandIn.AUTH_TOKEN), AWS.dynamo(), AWS.sqs()));
    }

    private static SQSEvent event(RoundStep step) {
        SQSEvent event = EventLoader.loadSQSEvent("events/rounds-step.json");
        SQSEvent.SQSMessage message = event.getRecords().getFirst();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(SqsRoundQueue.body(step));
        return event;
    }

    /** An open incident whose round-1 call to {@code to} ended unanswered. */
    private static String unansweredRoundOne(String to) {
        String id = IncidentIds.next();
        STORE.incidents().create(Incident.open(id, "Database primary is down", Instant.now(), 1), List.of());
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        STORE.callees().recordCall(id, to, new DialResult.Placed(sid, "queued"), Instant.now());
        STORE.events().recordCallEvent(id, new CallEvent(sid, to, "no-answer", Instant.now(), 3, Optional.of(0)));
        return id;
    }

    private static List<RoundStep> queued(String incidentId) {
        List<RoundStep> steps = new ArrayList<>();
        List<Message> batch;
        do {
            batch = AWS.sqs().receiveMessage(b -> b.queueUrl(QUEUE).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message m : batch) {
                SqsRoundQueue.parse(m.body()).filter(s -> s.incidentId().equals(incidentId)).ifPresent(steps::add);
            }
        } while (!batch.isEmpty());
        return steps;
    }

    private static List<SQSBatchResponse> deliverAtOnce(RoundsHandler handler, List<RoundStep> steps) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SQSBatchResponse>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(steps.size())) {
            for (RoundStep step : steps) {
                SQSEvent event = event(step);
                futures.add(pool.submit(() -> {
                    go.await();
                    return handler.handleRequest(event, null);
                }));
            }
            go.countDown();
        }
        List<SQSBatchResponse> responses = new ArrayList<>();
        for (Future<SQSBatchResponse> f : futures) {
            responses.add(f.get());
        }
        return responses;
    }

    private static long callsTo(String to) {
        return TWILIO.requests().stream().filter(r -> to.equals(r.field("To"))).count();
    }

    @Test
    void duplicateAndOutOfOrderDeliveriesEndTheRoundOnceAndDialTheNextOnce() throws Exception {
        String to = "+818012345692";
        String id = unansweredRoundOne(to);
        RoundsHandler handler = handler(Map.of());
        List<RoundStep> steps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            steps.add(new RoundStep(id, 1, RoundStep.Kind.END));
            steps.add(RoundStep.check(id));
            steps.add(new RoundStep(id, 2, RoundStep.Kind.DIAL)); // early: round 2 is not current yet
            steps.add(new RoundStep(id, 3, RoundStep.Kind.END));   // a step from the future
        }
        Collections.shuffle(steps);

        deliverAtOnce(handler, steps).forEach(r -> assertEquals(List.of(), r.getBatchItemFailures()));

        RoundState state = STORE.rounds().find(id).orElseThrow();
        assertEquals(2, state.round(), "round 1 ended once");
        assertEquals(1, state.dialledRound(), "round 2 waits for its DIAL");
        List<RoundStep> dials = queued(id).stream().filter(s -> s.kind() == RoundStep.Kind.DIAL).toList();
        assertEquals(List.of(new RoundStep(id, 2, RoundStep.Kind.DIAL)), dials);
        assertEquals(0, callsTo(to));
        assertEquals(1, TWILIO.messageRequests().stream().filter(m -> to.equals(m.field("To"))).count(),
                "one missed-call text, however many steps saw the missed call");

        // the DIAL delivered twenty times at once: one call
        deliverAtOnce(handler, Collections.nCopies(20, dials.getFirst())).forEach(r -> assertEquals(List.of(), r.getBatchItemFailures()));
        assertEquals(1, callsTo(to));
        TwilioApiStandIn.CreateRequest redial = TWILIO.requests().stream().filter(r -> to.equals(r.field("To"))).findFirst().orElseThrow();
        assertEquals(null, redial.field("Url"), "a re-dial carries the alert inline, as round 1 does");
        assertTrue(redial.field("Twiml").contains("<Gather action=\"https://abc123defg.execute-api.us-east-1.amazonaws.com/Prod"
                + "/join_conference?incident=" + id + "\""), redial.field("Twiml"));
        assertTrue(redial.field("Twiml").contains(">Alert. Database primary is down. Press any key"), redial.field("Twiml"));
        assertEquals(2, STORE.rounds().find(id).orElseThrow().dialledRound());
        assertEquals(List.of(1, 2), STORE.callees().calls(id).stream().map(c -> c.round()).sorted().toList());
    }

    /**
     * Round 1's call went quiet by our records (placed long ago, no callback: after a table outage its callbacks and
     * the callee's join may still wait on the records queue). Before the callee is dialled again, Twilio is asked:
     * while it says the call is going, nobody is re-dialled; once it says the call is over, the round dials.
     */
    @Test
    void aCallOurRecordsLostTrackOfIsCheckedWithTwilioBeforeItsCalleeIsDialledAgain() throws Exception {
        String to = "+818012345392";
        String sid = twilioCall(to, null); // Twilio holds it, queued (nothing plays it here)
        String id = IncidentIds.next();
        Instant longAgo = Instant.now().minus(java.time.Duration.ofMinutes(10));
        STORE.incidents().create(Incident.open(id, "Database primary is down", longAgo, 1), List.of());
        STORE.callees().recordCall(id, to, new DialResult.Placed(sid, "queued"), longAgo);
        RoundsHandler handler = handler(Map.of());
        long before = callsTo(to);

        deliverAtOnce(handler, List.of(new RoundStep(id, 1, RoundStep.Kind.END)));
        RoundStep dial = new RoundStep(id, 2, RoundStep.Kind.DIAL);
        deliverAtOnce(handler, List.of(dial));
        assertEquals(before, callsTo(to), "Twilio says the call is still going: not dialled again");
        assertEquals(1, STORE.rounds().find(id).orElseThrow().dialledRound(), "round 2 waits for the call");

        twilioCall(to, sid); // the call ends (Status=canceled)
        deliverAtOnce(handler, List.of(dial));
        assertEquals(before + 1, callsTo(to), "Twilio says it is over: dialled in round 2");
    }

    /** Creates a call with Twilio's REST API (the stand-in), or with {@code sid}, cancels that one; its sid. */
    private static String twilioCall(String to, String sid) throws Exception {
        String path = "/2010-04-01/Accounts/" + TwilioApiStandIn.ACCOUNT_SID + "/Calls" + (sid == null ? "" : "/" + sid) + ".json";
        String form = sid == null ? "To=" + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8)
                + "&From=%2B15005550006&Twiml=%3CResponse%2F%3E" : "Status=canceled";
        var request = java.net.http.HttpRequest.newBuilder(TWILIO.baseUrl().resolve(path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((TwilioApiStandIn.ACCOUNT_SID + ":"
                        + TwilioApiStandIn.AUTH_TOKEN).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 300, response.body());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("sid").asText();
        }
    }

    @Test
    void theLastRoundEndingWithNobodyOnTheBridgeMarksTheIncidentUnanswered() throws Exception {
        String id = unansweredRoundOne("+818012345592");
        deliverAtOnce(handler(Map.of("MAX_ROUNDS", "1")), Collections.nCopies(10, RoundStep.check(id)));

        assertEquals(Incident.UNANSWERED, STORE.incidents().find(id).orElseThrow().status());
        assertTrue(queued(id).isEmpty());
    }

    @Test
    void aResolvedIncidentTakesNoStep() throws Exception {
        String to = "+818012345492";
        String id = unansweredRoundOne(to);
        STORE.dedup().claim("resolved-" + id, id, Instant.now(), java.time.Duration.ofSeconds(60));
        STORE.dedup().resolve("resolved-" + id, "generic:resolved", Instant.now());
        int texts = TWILIO.messageRequests().size();

        deliverAtOnce(handler(Map.of()), List.of(new RoundStep(id, 1, RoundStep.Kind.END), RoundStep.check(id)));

        assertEquals(1, STORE.rounds().find(id).orElseThrow().round());
        assertEquals(texts, TWILIO.messageRequests().size());
    }

    @Test
    void aMessageThatIsNotARoundStepIsReportedAsFailedForTheDeadLetterQueue() {
        SQSEvent event = EventLoader.loadSQSEvent("events/rounds-step.json");
        event.getRecords().getFirst().setBody("{\"hello\": 1}");

        SQSBatchResponse response = handler(Map.of()).handleRequest(event, null);

        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(event.getRecords().getFirst().getMessageId(), response.getBatchItemFailures().getFirst().getItemIdentifier());
    }
}
