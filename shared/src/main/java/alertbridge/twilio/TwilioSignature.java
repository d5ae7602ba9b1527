package alertbridge.twilio;

import alertbridge.refusal.Refusal;
import alertbridge.formats.FormEncoding;
import alertbridge.http.HttpRequest;
import alertbridge.log.JsonLog;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks {@code X-Twilio-Signature}: HMAC-SHA1 with the account's auth token over the exact URL Twilio requested
 * plus the POST parameters sorted by name, also accepted with or without an explicit {@code :443}
 * ({@link RequestSignatures}: the Twilio SDK's validator with the JDK alone).
 */
public final class TwilioSignature {
    private static final JsonLog LOG = JsonLog.forComponent("twilio-signature");

    private final Supplier<String> authToken;

    /** @param authToken read from SSM (cached), so a rotated token is picked up without a redeploy */
    public TwilioSignature(Supplier<String> authToken) {
        this.authToken = authToken;
    }

    /**
     * The POST parameters of a webhook, once its signature checks out against the request's public URL.
     *
     * @throws Refusal 403 when the signature is missing or wrong (nothing may be recorded then)
     */
    public Map<String, String> verifiedParams(HttpRequest request) {
        Map<String, String> params = FormEncoding.firstValues(FormEncoding.parse(request.body()));
        Optional<String> presented = request.header("X-Twilio-Signature");
        if (!isValid(request.publicUrl(), params, presented)) {
            LOG.warn("signature_rejected", "path", request.path(), "signed", presented.isPresent());
            throw Refusal.forbidden("invalid_signature",
                    "X-Twilio-Signature is missing or does not match this URL and body; is PublicBaseUrl right?");
        }
        return params;
    }

    public boolean isValid(String url, Map<String, String> params, Optional<String> signature) {
        if (signature.isEmpty() || signature.get().isBlank()) {
            return false;
        }
        return new RequestSignatures(authToken.get()).validate(url, params, signature.get().strip());
    }
}
