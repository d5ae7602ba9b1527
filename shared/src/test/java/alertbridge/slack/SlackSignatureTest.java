package alertbridge.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import alertbridge.refusal.Refusal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** S1: Slack's documented signature vector, at its timestamp + 60 s, + 301 s, - 301 s, a changed body, no header. */
class SlackSignatureTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final long TIMESTAMP = 1531420618L;
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static void verify(String body, long nowSeconds, Optional<String> signature) {
        SlackSignature.verify(SECRET, Optional.of(Long.toString(TIMESTAMP)), signature, body, Instant.ofEpochSecond(nowSeconds));
    }

    @Test
    void s1_theDocumentedVectorVerifiesWithinFiveMinutes() {
        assertEquals(SIGNATURE, SlackSignature.sign(SECRET, TIMESTAMP, BODY));
        verify(BODY, TIMESTAMP + 60, Optional.of(SIGNATURE));
        verify(BODY, TIMESTAMP - 300, Optional.of(SIGNATURE));
    }

    @Test
    void s1_tooLateTooEarlyAChangedBodyOrNoHeaderIsRefused() {
        for (Runnable bad : new Runnable[] {
                () -> verify(BODY, TIMESTAMP + 301, Optional.of(SIGNATURE)),
                () -> verify(BODY, TIMESTAMP - 301, Optional.of(SIGNATURE)),
                () -> verify(BODY.replace("roadrunner", "roadrunnex"), TIMESTAMP + 60, Optional.of(SIGNATURE)),
                () -> verify(BODY, TIMESTAMP + 60, Optional.empty()),
                () -> SlackSignature.verify(SECRET, Optional.empty(), Optional.of(SIGNATURE), BODY, Instant.ofEpochSecond(TIMESTAMP))}) {
            Refusal refusal = assertThrows(Refusal.class, bad::run);
            assertEquals(Refusal.Kind.UNAUTHORISED, refusal.kind());
        }
    }
}
