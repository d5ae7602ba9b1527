package alertbridge.twilio;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}) with the JDK alone, so a function that only checks
 * webhooks does not ship the Twilio SDK. Exactly the semantics of the SDK's {@code com.twilio.security.RequestValidator}
 * (13.0.1), which the tests compare it with on random inputs, except for one stricter rule on ports:
 * <ul>
 *   <li>HMAC-SHA1 keyed with the auth token over the URL followed by every POST parameter, sorted by name, as
 *       name then value (a null value as empty), base64;</li>
 *   <li>accepted if it matches the URL exactly or its default-port twin: {@code https://host/...} and
 *       {@code https://host:443/...} are the same URL ({@code :80} for any other scheme), rebuilt by {@link URI}'s
 *       component constructor as the SDK does. Any other port must match exactly: unlike the SDK, which also accepts
 *       a signature over the URL with its port removed, so a request signed for {@code http://host/} would pass a
 *       server on {@code http://host:38421/};</li>
 *   <li>a JSON body instead of parameters: the URL's {@code bodySHA256} query parameter must be the body's
 *       SHA-256 in lower-case hex, and the URL is signed with no parameters;</li>
 *   <li>compared in constant time for equal lengths.</li>
 * </ul>
 */
public final class RequestSignatures {
    private static final String HMAC = "HmacSHA1";

    private final SecretKeySpec key;

    public RequestSignatures(String authToken) {
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** A form-encoded webhook: its URL and POST parameters. */
    public boolean validate(String url, Map<String, String> params, String signature) {
        if (equal(sign(url, params), signature)) {
            return true;
        }
        String twin = defaultPortTwin(url);
        return !twin.equals(url) && equal(sign(twin, params), signature);
    }

    /**
     * The same URL with its default port made explicit when it has none, or removed when it is the default one; a
     * URL with any other port (or one {@link URI} cannot parse) has no twin: itself.
     */
    static String defaultPortTwin(String url) {
        try {
            URI uri = new URI(url);
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80; // case-sensitive, as the SDK
            if (uri.getPort() == -1) {
                return withPort(uri, defaultPort);
            }
            return uri.getPort() == defaultPort ? withPort(uri, -1) : url;
        } catch (Exception e) {
            return url;
        }
    }

    /** A webhook with a JSON body: the URL (with its {@code bodySHA256}) signed, the body hashed. */
    public boolean validateJsonBody(String url, String body, String signature) {
        String bodySha256 = queryParameter(url, "bodySHA256");
        if (bodySha256 == null || !validate(url, Map.of(), signature)) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return equal(bodySha256, HexFormat.of().formatHex(digest));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The signature of {@code url} and {@code params}; null when it cannot be computed (a null name). */
    String sign(String url, Map<String, String> params) {
        try {
            StringBuilder data = new StringBuilder(url);
            if (params != null) {
                List<String> names = new ArrayList<>(params.keySet());
                names.sort(null);
                for (String name : names) {
                    String value = params.get(name);
                    data.append(name).append(value == null ? "" : value);
                }
            }
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }

    private static String withPort(URI uri, int port) {
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), port, uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (Exception e) {
            return uri.toString();
        }
    }

    /** The first value of a query parameter, percent-decoded ({@code +} kept), or null. */
    private static String queryParameter(String url, String name) {
        String query;
        try {
            query = new URI(url).getRawQuery();
        } catch (Exception e) {
            return null;
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(percentDecode(rawName))) {
                return eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String percentDecode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static boolean equal(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        int mismatch = 0;
        for (int i = 0; i < a.length(); i++) {
            mismatch |= a.charAt(i) ^ b.charAt(i);
        }
        return mismatch == 0;
    }
}
