package alertbridge.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks {@code X-Twilio-Signature}: HMAC-SHA1 with the account's auth token over the exact URL Twilio requested
 * plus the POST parameters sorted by name. The SDK's {@link RequestValidator} also accepts the URL with or
 * without an explicit {@code :443}.
 */
public final class TwilioSignature {
    private final Supplier<String> authToken;

    /** @param authToken read from SSM (cached), so a rotated token is picked up without a redeploy */
    public TwilioSignature(Supplier<String> authToken) {
        this.authToken = authToken;
    }

    public boolean isValid(String url, Map<String, String> params, Optional<String> signature) {
        if (signature.isEmpty() || signature.get().isBlank()) {
            return false;
        }
        return new RequestValidator(authToken.get()).validate(url, params, signature.get().strip());
    }
}
