package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.DialRequest;
import alertbridge.calls.DialResult;
import alertbridge.testing.TwilioApiStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
        return new TwilioDialer(TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, authToken, Optional.of(twilio.baseUrl()), 20),
                FROM, 30, 3, Duration.ofMillis(5));
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
        twilio.close();
        DialResult.Failed failed = assertInstanceOf(DialResult.Failed.class,
                dialer.dial(new DialRequest("+818012345601", ANSWER, Optional.empty())));
        assertEquals(0, failed.code());
        assertEquals(List.of(), twilio.requests());
    }
}
