package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.calls.TextResult;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's real HTTP traffic for text messages, redirected to the local stand-in for Twilio's REST API. */
class TwilioTexterIntegrationTest {
    private static final String FROM = "+15005550006";
    private static final String TO = "+818012345601";
    private static final String BODY = "ALERT: disk full on db-1. Call in: join the bridge now.";
    private TwilioApiStandIn twilio;
    private TwilioTexter texter;

    @BeforeEach
    void start() {
        twilio = new TwilioApiStandIn();
        texter = texter(TwilioApiStandIn.AUTH_TOKEN);
    }

    private TwilioTexter texter(String authToken) {
        TwilioRestClient client = TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, authToken, Optional.of(twilio.baseUrl()), 20,
                Duration.ofSeconds(1));
        return new TwilioTexter(() -> client, () -> FROM);
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void sendsToFromAndBodyWithBasicAuth() {
        TextResult.Sent sent = assertInstanceOf(TextResult.Sent.class, texter.send(TO, BODY));
        assertTrue(sent.messageSid().matches("SM[0-9a-f]{32}"), sent.messageSid());
        assertEquals("queued", sent.status());

        assertEquals(1, twilio.messageRequests().size());
        TwilioApiStandIn.CreateRequest request = twilio.messageRequests().get(0);
        assertEquals("/2010-04-01/Accounts/" + TwilioApiStandIn.ACCOUNT_SID + "/Messages.json", request.path());
        assertEquals(TO, request.field("To"));
        assertEquals(FROM, request.field("From"));
        assertEquals(BODY, request.field("Body"));
        assertEquals(Set.of("To", "From", "Body"), request.form().keySet());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                (TwilioApiStandIn.ACCOUNT_SID + ":" + TwilioApiStandIn.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)), request.authorization());
        assertTrue(twilio.requests().isEmpty(), "messages are not recorded as calls");
    }

    @Test
    void refusedRegionIsReportedWithTwiliosCode() {
        TextResult.Failed failed = assertInstanceOf(TextResult.Failed.class, texter.send("+818012345696", BODY));
        assertEquals(21408, failed.code());
        assertTrue(failed.message().contains("Permission to send an SMS"), failed.message());
        assertEquals(1, twilio.messageRequests().size(), "sent once, not retried");
    }

    @Test
    void emptyBodyIsRefusedNotThrown() {
        TextResult.Failed failed = assertInstanceOf(TextResult.Failed.class, texter.send(TO, ""));
        assertEquals(21602, failed.code());
        assertEquals("Message body is required", failed.message());
    }

    @Test
    void missingBodyIsRefusedNotThrown() {
        TextResult.Failed failed = assertInstanceOf(TextResult.Failed.class, texter.send(TO, null));
        assertEquals(21602, failed.code());
        assertNull(twilio.messageRequests().get(0).field("Body"), "the SDK leaves a null body out of the form");
    }

    @Test
    void wrongCredentialsAreReportedNotThrown() {
        TextResult.Failed failed = assertInstanceOf(TextResult.Failed.class, texter("wrong-token").send(TO, BODY));
        assertEquals(20003, failed.code());
        assertTrue(twilio.messageRequests().isEmpty(), "the stand-in records only authenticated requests");
    }

    @Test
    void unreachableTwilioIsReportedNotThrown() {
        URI gone = twilio.baseUrl();
        twilio.close();
        TwilioRestClient client = TwilioClients.create(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, Optional.of(gone), 20,
                Duration.ofSeconds(1));
        TextResult.Failed failed = assertInstanceOf(TextResult.Failed.class,
                new TwilioTexter(() -> client, () -> FROM).send(TO, BODY));
        assertEquals(0, failed.code());
        assertTrue(failed.message().startsWith("Twilio could not be reached"), failed.message());
    }

    @Test
    void aLongBodyIsCutTo1600WithAnEllipsis() {
        String body = "x".repeat(2000);
        assertInstanceOf(TextResult.Sent.class, texter.send(TO, body));
        String seen = twilio.messageRequests().get(0).field("Body");
        assertEquals(1600, seen.length());
        assertEquals("x".repeat(1599) + "…", seen);
    }

    @Test
    void aBodyOfExactly1600IsSentUnchanged() {
        String body = "y".repeat(1600);
        assertInstanceOf(TextResult.Sent.class, texter.send(TO, body));
        assertEquals(body, twilio.messageRequests().get(0).field("Body"));
    }

    @Test
    void fittingNeverSplitsASurrogatePair() {
        assertSame(BODY, TwilioTexter.fitted(BODY));
        assertNull(TwilioTexter.fitted(null));
        String body = "z".repeat(1598) + "😀".repeat(10); // the pair at 1598-1599 would be split by a 1599 cut
        String fitted = TwilioTexter.fitted(body);
        assertEquals("z".repeat(1598) + "…", fitted);
        assertTrue(fitted.length() <= TwilioTexter.MAX_BODY_CHARS);
    }
}
