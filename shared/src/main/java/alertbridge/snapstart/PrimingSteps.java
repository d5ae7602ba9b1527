package alertbridge.snapstart;

import alertbridge.calls.DialResult;
import alertbridge.events.EventPayloads;
import alertbridge.events.EventSignature;
import alertbridge.events.IncidentEvent;
import alertbridge.formats.AlertInput;
import alertbridge.formats.WebhookFormats;
import alertbridge.http.ApiResponses;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.Incident;
import alertbridge.incident.IncidentTimeline;
import alertbridge.phone.PhoneNumbers;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.rounds.RoundStep;
import alertbridge.table.DialRecorder;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The priming every handler shares, none of it with an effect outside the process: the AWS and Twilio SDKs' request
 * paths run against clients that answer from memory ({@link OfflineAws}, {@link OfflineTwilio}), built here for the
 * purpose and dropped afterwards, so not even a bug could send their requests anywhere.
 */
public final class PrimingSteps {
    private static final String NUMBER = "+15005550006";
    private static final String BASE = "https://priming.execute-api.us-east-1.amazonaws.com/Prod";

    private PrimingSteps() {
    }

    /**
     * Our table code and the SDK's DynamoDB request path (marshal, sign, unmarshal), the way a request uses them: an
     * incident, a call (a batch), a join, rate counters (a transaction), a read, a query.
     */
    public static void dynamoDb(java.util.function.Function<DynamoDbClient, IncidentStore> storeOver) {
        OfflineAws http = new OfflineAws();
        try (DynamoDbClient dynamo = OfflineAws.dynamoDb(http)) {
            IncidentStore store = storeOver.apply(dynamo);
            String id = IncidentIds.next();
            Instant now = Instant.now();
            store.incidents().create(Incident.open(id, "SnapStart priming", now, 1));
            store.incidents().find(id);
            try (DialRecorder records = new DialRecorder(store.callees(), id, 1, Clock.systemUTC())) { // BatchWriteItem
                records.record(NUMBER, new DialResult.Placed("CA" + "0".repeat(32), "queued"));
            }
            store.callees().recordJoin(id, "CA" + "0".repeat(32), NUMBER, now);
            store.callees().calls(id);
            store.rates().countEachIfBelow(List.of(NUMBER), now.truncatedTo(ChronoUnit.HOURS), Integer.MAX_VALUE); // a transaction
            if (http.requests() < 6) {
                throw new IllegalStateException("the SDK sent " + http.requests() + " of 6 requests");
            }
        }
    }

    /**
     * A Twilio signature check that succeeds, over a signature made here with a throwaway token (never the account's):
     * the SDK's validator and HMAC-SHA1 as a genuine webhook runs them.
     */
    public static void signature() throws Exception {
        String token = Priming.unguessable();
        String url = BASE + "/join_conference?incident=SnapStartPriming000000";
        Map<String, String> params = new TreeMap<>(Map.of("CallSid", "CA" + "0".repeat(32), "Digits", "1", "To", NUMBER));
        StringBuilder signed = new StringBuilder(url);
        params.forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        if (!new TwilioSignature(() -> token).isValid(url, params, Optional.of(signature))) {
            throw new IllegalStateException("the sample signature did not check out");
        }
    }

    /** Every way /alert and the topic read an alert: the form usage, JSON webhooks of several tools, a CloudWatch alarm. */
    public static void webhookFormats(String language) {
        WebhookFormats formats = new WebhookFormats(language);
        formats.read(new AlertInput("to=%2B15005550006&message=SnapStart+priming", AlertInput.FORM, Map.of()));
        for (String sample : PrimingSamples.WEBHOOKS) {
            formats.read(new AlertInput(sample, "application/json", Map.of("to", List.of(NUMBER))));
        }
        formats.parseSnsMessage(PrimingSamples.CLOUDWATCH_ALARM, Optional.of("ALARM: \"api-5xx-high\""));
    }

    /** libphonenumber's metadata, loaded on the first number it reads. */
    public static void phoneNumbers(Optional<String> defaultRegion) {
        new PhoneNumbers(defaultRegion).normalise(List.of(NUMBER, "+818012345601", "12345"));
    }

    /** Jackson's serializers for the answers (an outcome with nested lists, as the 202 has). */
    public static void json() {
        ApiResponses.json(202, Map.of("incidentId", "SnapStartPriming000000",
                "calls", List.of(Map.of("to", NUMBER, "callSid", "CA" + "0".repeat(32), "status", "queued")),
                "failed", List.of(), "rejected", List.of()));
    }

    /** The records queue's message format, both ways. */
    public static void deferredWrite() {
        String body = SqsWriteBehind.body(Map.of("pk", AttributeValue.fromS("INCIDENT#SnapStartPriming000000"),
                "sk", AttributeValue.fromS("META"), "n", AttributeValue.fromN("1")), true);
        if (SqsWriteBehind.parse(body).isEmpty()) {
            throw new IllegalStateException("a deferred write did not read back");
        }
    }

    /** Both event payloads, the generic one signed, for a sample incident; nothing is posted. */
    public static void eventPayloads() {
        Instant now = Instant.now();
        IncidentEvent opened = IncidentEvent.opened("SnapStartPriming000000", now);
        IncidentTimeline timeline = IncidentTimeline.of(
                Incident.open("SnapStartPriming000000", "SnapStart priming.", now, 1), List.of(), List.of(), List.of(), List.of(), Map.of());
        String body = EventPayloads.generic(opened, timeline);
        EventSignature.header(Priming.unguessable(), now.getEpochSecond(), body);
        EventPayloads.slack(opened, timeline);
    }

    /** The rounds queue's message format, both ways. */
    public static void roundStep() {
        if (SqsRoundQueue.parse(SqsRoundQueue.body(RoundStep.check("SnapStartPriming000000"))).isEmpty()) {
            throw new IllegalStateException("a round step did not read back");
        }
    }
}
