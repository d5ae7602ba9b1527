package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioSigner;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    // Twilio's documented example (twilio.com/docs/usage/webhooks/webhooks-security)
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+12349013030",
            "Digits", "1234",
            "From", "+12349013030",
            "To", "+18005551212");
    private static final String EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private final TwilioSignature signature = new TwilioSignature(() -> "12345");

    @Test
    void documentedTestVectorValidates() {
        assertTrue(signature.isValid(URL, PARAMS, Optional.of(EXPECTED)));
        assertEquals(EXPECTED, TwilioSigner.sign("12345", URL, PARAMS), "the test signer agrees with Twilio's docs");
    }

    @Test
    void anyChangeBreaksIt() {
        assertFalse(signature.isValid(URL.replace("foo=1", "foo=2"), PARAMS, Optional.of(EXPECTED)));
        assertFalse(signature.isValid("http://mycompany.com/myapp.php?foo=1&bar=2", PARAMS, Optional.of(EXPECTED)));
        Map<String, String> changed = new java.util.HashMap<>(PARAMS);
        changed.put("Digits", "1");
        assertFalse(signature.isValid(URL, changed, Optional.of(EXPECTED)));
        assertFalse(new TwilioSignature(() -> "54321").isValid(URL, PARAMS, Optional.of(EXPECTED)));
        assertFalse(signature.isValid(URL, PARAMS, Optional.empty()));
        assertFalse(signature.isValid(URL, PARAMS, Optional.of(" ")));
    }

    @Test
    void explicitDefaultPortIsAccepted() {
        String signed = TwilioSigner.sign("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", PARAMS);
        assertTrue(signature.isValid(URL, PARAMS, Optional.of(signed)));
    }
}
