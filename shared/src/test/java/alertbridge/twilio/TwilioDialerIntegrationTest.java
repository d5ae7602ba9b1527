package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's real HTTP traffic, redirected to a local stand-in for Twilio's REST API. */
class TwilioDialerIntegrationTest {
    private static final String FROM = "+15005550006";
    private static final String ANSWER = "https://api.example.test/Prod/join_conference?incident=AbCdEfGhIjKlMnOpQrStUv";
    private TwilioApiStandIn twilio;
    private TwilioDialer dialer;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        dialer = dialer(TwilioApiStandIn.AUTH_TOKEN);
    }

    private TwilioDialer dialer(String authToken) {
        TwilioRestClient client = TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, authToken, Optional.of(twilio.baseUrl()), 20,
                Duration.ofSeconds(1));
        return new TwilioDialer(() -> client, () -> FROM, 30, 3, Duration.ofMillis(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void sendsExactlyTheFieldsTwilioNeeds() {
        DialResult result = dialer.dial(new DialRequest("+818012345601", ANSWER, Optional.empty()));
        DialResult.Placed placed = assertInstanceOf(DialResult.Placed.class, result);
        assertTrue(placed.callSid().matches("CA[0-9a-f]{32}"), placed.callSid());
        assertEquals("queued", placed.status());

        TwilioApiStandIn.CreateRequest request = twilio.requests().get(0);
        assertEquals("/2010-04-01/Accounts/" + TwilioApiStandIn.ACCOUNT_SID + "/Calls.json", request.path());
        assertEquals("+818012345601", request.field("To"));
        assertEquals(FROM, request.field("From"));
        assertEquals(ANSWER, request.field("Url"));
        assertEquals("30", request.field("Timeout"));
        assertEquals(java.util.Set.of("To", "From", "Url", "Timeout"), request.form().keySet());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                (TwilioApiStandIn.ACCOUNT_SID + ":" + TwilioApiStandIn.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)), request.authorization());
    }

    @Test
    void theAlertGivenInlineIsSentAsTwimlInsteadOfUrl() {
        String twiml = new JoinTwiml("Polly.Joanna", "en-US").onAnswer("Disk </Say> full & more", ANSWER).orElseThrow();
        DialResult result = dialer.dial(new DialRequest("+818012345601", ANSWER,
                Optional.of("https://api.example.test/Prod/call_status"), Optional.of(twiml)));
        assertInstanceOf(DialResult.Placed.class, result);
        TwilioApiStandIn.CreateRequest request = twilio.requests().get(0);
        assertEquals(twiml, request.field("Twiml"), "sent as rendered, form-encoded by the SDK");
        assertEquals(null, request.field("Url"), "Twiml or Url, never both");
        assertEquals("https://api.example.test/Prod/call_status", request.field("StatusCallback"));
        assertEquals("30", request.field("Timeout"));
    }

    @Test
    void statusCallbackIsSentWhenGiven() {
        dialer.dial(new DialRequest("+818012345601", ANSWER, Optional.of("https://api.example.test/Prod/call_status")));
        assertEquals("https://api.example.test/Prod/call_status", twilio.requests().get(0).field("StatusCallback"));
    }

    @Test
    void twilioRefusalIsFinalAndCarriesItsCode() {
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                dialer.dial(new DialRequest("+818012345696", ANSWER, Optional.empty())));
        assertEquals(21215, failed.code());
        assertTrue(failed.message().contains("not authorized"), failed.message());
        assertEquals(1, twilio.requests().size(), "a 4xx refusal is not retried");
    }

    @Test
    void tooManyRequestsIsRetriedWithBackoff() {
        DialResult result = dialer.dial(new DialRequest("+818012345697", ANSWER, Optional.empty()));
        assertInstanceOf(DialResult.Placed.class, result);
        assertEquals(3, twilio.requests().size(), "429, 429, then accepted");
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimes() {
        twilio.failNext(10);
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                dialer.dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
        assertEquals(20503, failed.code());
        assertEquals(3, twilio.requests().size());
    }

    @Test
    void wrongCredentialsAreReportedNotThrown() {
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                dialer("wrong-token").dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
        assertEquals(20003, failed.code());
    }

    @Test
    void unreachableTwilioIsReportedNotThrown() {
        URI gone = twilio.baseUrl();
        twilio.close();
        TwilioRestClient client = TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, Optional.of(gone), 20,
                Duration.ofSeconds(1));
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                new TwilioDialer(() -> client, () -> FROM, 30, 3, Duration.ofMillis(5), Duration.ofSeconds(5))
                        .dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
        assertEquals(0, failed.code());
        assertTrue(failed.message().startsWith("Twilio could not be reached"), failed.message());
    }

    @Test
    void aSlowAnswerTimesOutAndIsNotRetried() {
        twilio.delayResponses(Duration.ofSeconds(3));
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                dialer.dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
        assertEquals(0, failed.code(), "the 1 s response timeout applies, not the SDK's 30 s");
        assertTrue(failed.message().startsWith("Twilio could not be reached"), failed.message());
        assertEquals(1, twilio.requests().size(), "a request that may have reached Twilio is never sent twice");
    }

    @Test
    void noRetryStartsAfterTheBudget() {
        twilio.failNext(10);
        TwilioRestClient client = TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN,
                Optional.of(twilio.baseUrl()), 20, Duration.ofSeconds(1));
        DialResult result = new TwilioDialer(() -> client, () -> FROM, 30, 5, Duration.ofMillis(200), Duration.ofMillis(100))
                .dial(new DialRequest("+818012345601", ANSWER, Optional.empty()));
        assertInstanceOf(DialResult.Failed.class, result);
        assertEquals(1, twilio.requests().size(), "the first backoff (>= 200 ms) already exceeds the 100 ms budget");
    }

    @Test
    void rotatedCredentialsBuildANewClient() {
        AtomicReference<String> token = new AtomicReference<>("old-token");
        var clients = TwilioClients.following(() -> TwilioApiStandIn.ACCOUNT_SID, token::get, Optional.of(twilio.baseUrl()), 20);
        TwilioDialer rotating = new TwilioDialer(clients, () -> FROM, 30, 1, Duration.ofMillis(5), Duration.ofSeconds(5));
        TwilioRestClient first = clients.get();
        assertSame(first, clients.get(), "the same client while the credentials stay");
        assertEquals(20003, assertInstanceOf(DialResult.Failed.class,
                rotating.dial(new DialRequest("+818012345601", ANSWER, Optional.empty()))).code());
        token.set(TwilioApiStandIn.AUTH_TOKEN);
        assertInstanceOf(DialResult.Placed.class, rotating.dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
    }
}
