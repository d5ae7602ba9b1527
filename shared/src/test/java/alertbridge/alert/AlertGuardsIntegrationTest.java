package alertbridge.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.CallFanOut;
import alertbridge.calls.CallbackUrls;
import alertbridge.guard.CallRateGuard;
import alertbridge.guard.TollFraudGuard;
import alertbridge.refusal.Refusal;
import alertbridge.table.IncidentStore;
import alertbridge.testing.SampleConfig;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioDialer;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guards inside the /alert flow: refused numbers are listed, the others still dialled; none left is a 400. */
class AlertGuardsIntegrationTest {
    private static final String BASE = "https://api.example.test/Prod";
    private static final String CALLER = "+15005550006";
    private static final String UK_PREMIUM = e164("GB", PhoneNumberType.PREMIUM_RATE);
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private TwilioApiStandIn twilio;

    private static String e164(String region, PhoneNumberType type) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        return util.format(util.getExampleNumberForType(region, type), PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    private AlertService service(Set<String> countries, int maxPerHour, String hour) {
        TwilioDialer dialer = new TwilioDialer(
                TwilioClients.following(() -> TwilioApiStandIn.ACCOUNT_SID, () -> TwilioApiStandIn.AUTH_TOKEN,
                        Optional.of(twilio.baseUrl()), 20),
                () -> CALLER, 30, 3, Duration.ofMillis(5), Duration.ofSeconds(5));
        Clock clock = Clock.fixed(Instant.parse(hour), ZoneOffset.UTC);
        IncidentStore store = SampleConfig.store(aws);
        return AlertServiceBuilder.over(store, new CallFanOut(dialer, alertbridge.calls.PickUp.FETCH))
                .guards(new TollFraudGuard(countries, () -> CALLER), new CallRateGuard(store.rates(), maxPerHour, clock))
                .clock(clock)
                .build();
    }

    /** Raises without a dedup key, so the result is always a new incident. */
    private static AlertOutcome raise(AlertService service, AlertRequest request) {
        return ((AlertResult.Opened) service.raise(request, Optional.empty(), new CallbackUrls(BASE))).outcome();
    }

    @Test
    void refusedNumbersAreListedWithTheirReasonAndTheRestStillDialled() {
        AlertOutcome outcome = raise(service(Set.of("JP", "GB"), 6, "2026-11-23T01:00:00Z"), new AlertRequest(
                List.of("+818012345601", UK_PREMIUM, CALLER, "+14155552671"), "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));
        assertEquals(List.of("+818012345601"), outcome.calls().stream().map(AlertOutcome.PlacedCall::to).toList());
        assertEquals(List.of(UK_PREMIUM, CALLER, "+14155552671"), outcome.rejected().stream().map(r -> r.to()).toList());
        assertTrue(outcome.rejected().get(0).reason().contains("premium-rate"));
        assertTrue(outcome.rejected().get(1).reason().contains("our own caller number"));
        assertTrue(outcome.rejected().get(2).reason().contains("country US is not in AllowedCountries"));
        assertEquals(List.of("+818012345601"), twilio.requests().stream().map(r -> r.field("To")).toList());
    }

    @Test
    void noAllowedNumberLeftIsA400NamingEachRefusalAndWritesNothing() {
        int before = aws.dynamo().scan(b -> b.tableName(aws.tableName())).count();
        Refusal e = assertThrows(Refusal.class, () -> raise(service(Set.of("JP"), 6, "2026-11-23T02:00:00Z"),
                new AlertRequest(List.of(UK_PREMIUM, "+14155552671", CALLER), "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty())));
        assertEquals(Refusal.Kind.INVALID, e.kind());
        assertEquals("no_valid_numbers", e.code());
        assertTrue(e.detail().contains("'" + UK_PREMIUM + "' (refused: a premium-rate number"), e.detail());
        assertTrue(e.detail().contains("country US"), e.detail());
        assertTrue(e.detail().contains("our own caller number"), e.detail());
        assertEquals(before, (int) aws.dynamo().scan(b -> b.tableName(aws.tableName())).count());
        assertEquals(List.of(), twilio.requests());
    }

    @Test
    void theRateGuardStopsTheSameNumberAcrossIncidents() {
        AlertService service = service(Set.of(), 2, "2026-11-23T03:00:00Z");
        for (int i = 0; i < 2; i++) {
            raise(service, new AlertRequest(List.of("+818012345611", "+818012345612"), "flapping", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));
        }
        Refusal e = assertThrows(Refusal.class,
                () -> raise(service, new AlertRequest(List.of("+818012345611"), "flapping", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty())));
        assertTrue(e.detail().contains("MaxCallsPerNumberPerHour"), e.detail());
        AlertOutcome third = raise(service, new AlertRequest(List.of("+818012345612", "+818012345613"), "flapping", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));
        assertEquals(List.of("+818012345613"), third.calls().stream().map(AlertOutcome.PlacedCall::to).toList());
        assertEquals(List.of("+818012345612"), third.rejected().stream().map(r -> r.to()).toList());
        assertEquals(5, twilio.requests().size());
    }

    @Test
    void theRateGuardIsAskedForEveryCalleeAtOnceNotOneAfterAnother() {
        int callees = 10;
        java.util.concurrent.CountDownLatch allAsking = new java.util.concurrent.CountDownLatch(callees);
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        // each answer waits until every callee is being asked: one after another, the first would wait 5 s in vain
        alertbridge.guard.CalleeGuard waitingForAll = number -> {
            allAsking.countDown();
            try {
                if (allAsking.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    released.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        };
        TwilioDialer dialer = new TwilioDialer(TwilioClients.following(() -> TwilioApiStandIn.ACCOUNT_SID,
                () -> TwilioApiStandIn.AUTH_TOKEN, Optional.of(twilio.baseUrl()), 20), () -> CALLER, 30, 3,
                Duration.ofMillis(5), Duration.ofSeconds(5));
        AlertService service = AlertServiceBuilder.over(SampleConfig.store(aws), new CallFanOut(dialer, alertbridge.calls.PickUp.FETCH))
                .guards(alertbridge.guard.CalleeGuard.NONE, waitingForAll).build();
        List<String> numbers = java.util.stream.IntStream.range(0, callees).mapToObj(i -> "+8180123456" + (10 + i)).toList();

        AlertOutcome outcome = raise(service, new AlertRequest(numbers, "DB down", java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.Optional.empty()));

        assertEquals(callees, outcome.calls().size());
        assertEquals(callees, released.get(), "every callee's guard was waiting at the same moment");
    }
}
