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
 * (13.0.1), which the tests compare it with on random inputs:
 * <ul>
 *   <li>HMAC-SHA1 keyed with the auth token over the URL followed by every POST parameter, sorted by name, as
 *       name then value (a null value as empty), base64;</li>
 *   <li>accepted if it matches the URL with its default port made explicit ({@code :443} for https, {@code :80}
 *       otherwise; a URL with a port is kept as it is) or with any port removed (rebuilt by {@link URI}'s
 *       component constructor, as the SDK does);</li>
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
        return equal(sign(withDefaultPort(url), params), signature) || equal(sign(withoutPort(url), params), signature);
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

    static String withDefaultPort(String url) {
        try {
            URI uri = new URI(url);
            return uri.getPort() != -1 ? url : withPort(uri, "https".equals(uri.getScheme()) ? 443 : 80);
        } catch (Exception e) {
            return url;
        }
    }

    static String withoutPort(String url) {
        try {
            URI uri = new URI(url);
            return uri.getPort() == -1 ? url : withPort(uri, -1);
        } catch (Exception e) {
            return url;
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
