package alertbridge.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class EventSignatureTest {
    /**
     * Computed outside Java:
     * {@code python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test', b'1795831200.{\"id\":\"x\"}', hashlib.sha256).hexdigest())"}
     * and {@code printf '%s' '1795831200.{"id":"x"}' | openssl dgst -sha256 -hmac whsec_test}.
     */
    @Test
    void headerMatchesAnIndependentlyComputedVector() {
        assertEquals("t=1795831200,v1=6cd1310ad46307107673d03113571bae467fa638821173a222b3b7e4026fc052",
                EventSignature.header("whsec_test", 1795831200L, "{\"id\":\"x\"}"));
    }

    @Test
    void theTimeIsSignedWithTheBody() {
        String body = "{\"id\":\"x\"}";
        String v1At = EventSignature.header("whsec_test", 1795831200L, body).split(",v1=")[1];
        String v1Later = EventSignature.header("whsec_test", 1795831201L, body).split(",v1=")[1];
        assertNotEquals(v1At, v1Later);
        assertNotEquals(v1At, EventSignature.header("another", 1795831200L, body).split(",v1=")[1]);
    }
}
