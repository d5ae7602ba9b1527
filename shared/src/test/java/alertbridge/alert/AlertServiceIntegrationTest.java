package alertbridge.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.refusal.Refusal;
import alertbridge.ids.IncidentIds;
import alertbridge.phone.PhoneNumbers;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioDialer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** The whole /alert flow below the handler: moto for the table, the Twilio stand-in for the SDK's calls. */
class AlertServiceIntegrationTest {
    private static final String BASE = "https://api.example.test/Prod";
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final IncidentStore store = SampleConfig.store(aws);
    private TwilioApiStandIn twilio;
    private AlertService service;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        service = service(20);
    }

    private AlertService service(int maxCallees) {
        TwilioDialer dialer = new TwilioDialer(
                TwilioClients.following(() -> TwilioApiStandIn.ACCOUNT_SID, () -> TwilioApiStandIn.AUTH_TOKEN,
                        Optional.of(twilio.baseUrl()), maxCallees),
                () -> "+15005550006", 30, 3, Duration.ofMillis(5), Duration.ofSeconds(5));
        return AlertServiceBuilder.over(store, new CallFanOut(dialer, alertbridge.calls.PickUp.FETCH))
                .phoneNumbers(new PhoneNumbers(Optional.of("JP")))
                .maxCallees(maxCallees)
                .clock(Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC))
                .build();
    }

    /** Raises without a dedup key, so the result is always a new incident. */
    private static AlertOutcome raise(AlertService service, AlertRequest request) {
        return ((AlertResult.Opened) service.raise(request, Optional.empty(), new CallbackUrls(BASE))).outcome();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void dialsEveryCalleeInParallel() {
        List<String> numbers = IntStream.range(10, 20).mapToObj(i -> "+8180123456" + i).toList();
        twilio.holdUntilInFlight(numbers.size());
        AlertOutcome outcome = raise(service, new AlertRequest(numbers, "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));
        assertEquals(numbers.size(), twilio.maxInFlight(), "all create requests were in flight together");
        assertEquals(numbers.size(), outcome.calls().size());
        assertEquals(Set.copyOf(numbers), outcome.calls().stream().map(AlertOutcome.PlacedCall::to).collect(Collectors.toSet()));
    }

    @Test
    void oneFailureNeverStopsTheOthersAndEverythingIsRecorded() {
        AlertOutcome outcome = raise(service, new AlertRequest(
                List.of("+818012345601", "+818012345696", "080-1234-5697", "+818012345601", "bogus"), "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));

        assertEquals(List.of("+818012345601", "+818012345697"), outcome.calls().stream().map(AlertOutcome.PlacedCall::to).toList());
        assertEquals(1, outcome.failed().size());
        assertEquals("+818012345696", outcome.failed().get(0).to());
        assertEquals(21215, outcome.failed().get(0).code());
        assertEquals(List.of("bogus"), outcome.rejected().stream().map(r -> r.to()).toList());
        assertEquals("alertbridge-" + outcome.incidentId(), outcome.conference());
        assertTrue(IncidentIds.isWellFormed(outcome.incidentId()));

        String answerUrl = BASE + "/join_conference?incident=" + outcome.incidentId();
        assertTrue(twilio.requests().stream().allMatch(r -> answerUrl.equals(r.field("Url"))));
        assertEquals(3, store.incidents().find(outcome.incidentId()).orElseThrow().calleeCount());
        assertEquals(3, store.callees().calls(outcome.incidentId()).size(), "every callee has a record, failed ones too");
    }

    @Test
    void noValidNumberIsA400ThatNamesEachAndWritesNothing() {
        ScanResponse before = aws.dynamo().scan(b -> b.tableName(aws.tableName()));
        Refusal e = assertThrows(Refusal.class,
                () -> raise(service, new AlertRequest(List.of("abc", "+1 555"), "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty())));
        assertEquals("no_valid_numbers", e.code());
        assertTrue(e.detail().contains("'abc' (not a phone number)") && e.detail().contains("'+1 555'"), e.detail());
        assertEquals(before.count(), aws.dynamo().scan(b -> b.tableName(aws.tableName())).count());
        assertEquals(List.of(), twilio.requests());
    }

    @Test
    void callsAtMostMaxCalleesAndReportsTheRest() {
        AlertOutcome outcome = raise(service(2), new AlertRequest(
                List.of("+818012345601", "+818012345602", "+818012345603"), "m", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));
        assertEquals(2, outcome.calls().size());
        assertEquals("+818012345603", outcome.rejected().get(0).to());
        assertTrue(outcome.rejected().get(0).reason().contains("MaxCallees"));
        assertEquals(2, twilio.requests().size());
    }
}
