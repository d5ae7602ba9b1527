package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.twilio.TwilioSigner;
import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestSignatures} against the Twilio SDK's {@link RequestValidator} (a test dependency only): the same
 * answer on Twilio's documented vector and on thousands of random URLs, parameters, tokens and signatures, valid
 * ones (signed over each port variant of the URL, by testkit's independent {@link TwilioSigner}) and forged ones.
 * The one difference is ours to make: the SDK also accepts a signature over the URL with its port removed, so a
 * request signed for {@code http://host/} passes a server on {@code http://host:38421/}; we accept only the exact URL
 * or its default-port twin.
 */
class RequestSignaturesTest {
    private static final String DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> DOC_PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");
    private static final String DOC_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static final String[] SCHEMES = {"https", "http", "HTTPS", "ftp"};
    private static final String[] HOSTS = {"mycompany.com", "abc123.execute-api.us-east-1.amazonaws.com", "127.0.0.1",
            "host_with_underscore", "[::1]", "user@example.org"};
    private static final String[] PORTS = {"", ":443", ":80", ":8443", ":", ":0"};
    private static final String[] PATHS = {"", "/", "/Prod/join_conference", "/a%20b", "/a b", "/%2F%3Fx", "/caf\u00e9",
            "/x%zz", "/p+q", "/~user/../x"};
    private static final String[] QUERIES = {"", "?incident=01HXYZ", "?foo=1&bar=2", "?a=%2B%20+", "?q=a b", "?x=%E2%82%AC",
            "?", "?bodySHA256=", "?incident=1#frag", "#only-fragment"};
    private static final String[] VALUE_PARTS = {"", "CA", "+1234", " ", "&", "=", "%20", "\u00e9", "\u20ac", "\ud83d\udcde",
            "completed", "0", "\n"};

    @Test
    void twiliosDocumentedVector() {
        RequestSignatures signatures = new RequestSignatures("12345");
        assertTrue(signatures.validate(DOC_URL, DOC_PARAMS, DOC_SIGNATURE));
        assertEquals(DOC_SIGNATURE, signatures.sign(DOC_URL, DOC_PARAMS));
        assertTrue(signatures.validate("https://mycompany.com:443/myapp.php?foo=1&bar=2", DOC_PARAMS, DOC_SIGNATURE),
                "the explicit default port is accepted too");
        assertFalse(signatures.validate(DOC_URL, DOC_PARAMS, DOC_SIGNATURE.replace('0', '1')));
        assertFalse(new RequestSignatures("54321").validate(DOC_URL, DOC_PARAMS, DOC_SIGNATURE));
    }

    @Test
    void sameAnswerAsTheSdkOnRandomForms() {
        Random random = new Random(14);
        int valid = 0;
        for (int i = 0; i < 3000; i++) {
            String token = random.nextBoolean() ? hex(random, 32) : part(random) + "k" + part(random); // an empty key throws in both
            String url = pick(random, SCHEMES) + "://" + pick(random, HOSTS) + pick(random, PORTS) + pick(random, PATHS)
                    + pick(random, QUERIES);
            Map<String, String> params = new HashMap<>();
            for (int p = random.nextInt(6); p > 0; p--) {
                params.put(random.nextInt(4) == 0 ? part(random) : pick(random, new String[]{"CallSid", "Digits", "From",
                        "To", "callsid", "StatusCallbackEvent", "A", "a"}), random.nextInt(8) == 0 ? null : part(random) + part(random));
            }
            RequestSignatures ours = new RequestSignatures(token);
            RequestValidator sdk = new RequestValidator(token);
            for (String signature : candidates(random, token, url, params)) {
                boolean expected = sdk.validate(url, params, signature) && !signedWithoutItsPort(token, url, params, signature);
                assertEquals(expected, ours.validate(url, params, signature),
                        () -> "url " + url + " params " + params + " token " + token + " signature " + signature);
                valid += expected ? 1 : 0;
            }
        }
        assertTrue(valid > 2000, "most URLs had a valid signature among the candidates: " + valid);
    }

    @Test
    void sameAnswerAsTheSdkOnJsonBodies() throws Exception {
        Random random = new Random(1414);
        int valid = 0;
        for (int i = 0; i < 1000; i++) {
            String token = hex(random, 32);
            String body = "{\"CallSid\":\"" + part(random) + "\",\"n\":" + random.nextInt() + "}";
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
            String bodyHash = switch (random.nextInt(4)) {
                case 0 -> hash.toUpperCase();
                case 1 -> hex(random, 64);
                default -> hash;
            };
            String url = pick(random, SCHEMES) + "://" + pick(random, HOSTS) + pick(random, PORTS) + "/events"
                    + (random.nextInt(5) == 0 ? "?x=1" : "?x=1&bodySHA256=" + bodyHash);
            RequestSignatures ours = new RequestSignatures(token);
            RequestValidator sdk = new RequestValidator(token);
            for (String signature : candidates(random, token, url, Map.of())) {
                boolean expected;
                try {
                    expected = sdk.validate(url, body, signature) && !signedWithoutItsPort(token, url, Map.of(), signature);
                } catch (java.net.URISyntaxException e) {
                    expected = false;
                }
                assertEquals(expected, ours.validateJsonBody(url, body, signature), () -> "url " + url + " body " + body);
                valid += expected ? 1 : 0;
            }
        }
        assertTrue(valid > 300, "many bodies had a valid signature among the candidates: " + valid);
    }

    @Test
    void aUrlWithoutItsPortIsNotTheUrlWithAnyOtherPort() {
        RequestSignatures signatures = new RequestSignatures("12345");
        String portless = "http://127.0.0.1/join_conference?incident=AAAAAAAAAAAAAAAAAAAAAA";
        String signed = signatures.sign(portless, DOC_PARAMS);
        assertFalse(signatures.validate("http://127.0.0.1:38421/join_conference?incident=AAAAAAAAAAAAAAAAAAAAAA", DOC_PARAMS, signed));
        assertTrue(signatures.validate("http://127.0.0.1:80/join_conference?incident=AAAAAAAAAAAAAAAAAAAAAA", DOC_PARAMS, signed),
                "http's default port is the same URL");
        assertTrue(signatures.validate(portless, DOC_PARAMS, signed));
        String https = "https://abc.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=A";
        String httpsSigned = signatures.sign(https, DOC_PARAMS);
        assertTrue(signatures.validate(https.replace(".com/", ".com:443/"), DOC_PARAMS, httpsSigned));
        assertFalse(signatures.validate(https.replace(".com/", ".com:8443/"), DOC_PARAMS, httpsSigned));
        String with8443 = signatures.sign(https.replace(".com/", ".com:8443/"), DOC_PARAMS);
        assertTrue(signatures.validate(https.replace(".com/", ".com:8443/"), DOC_PARAMS, with8443), "any port matches itself");
        assertFalse(signatures.validate(https, DOC_PARAMS, with8443));
    }

    /** Where the SDK and we differ: a URL with a non-default port, signed over the URL without it. */
    private static boolean signedWithoutItsPort(String token, String url, Map<String, String> params, String signature) {
        int port;
        String scheme;
        try {
            java.net.URI uri = new java.net.URI(url);
            port = uri.getPort();
            scheme = uri.getScheme();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        Map<String, String> nonNull = new HashMap<>();
        params.forEach((k, v) -> nonNull.put(k, v == null ? "" : v));
        return port != -1 && port != ("https".equals(scheme) ? 443 : 80) && signature != null
                && signature.equals(TwilioSigner.sign(token, withoutPort(url), nonNull))
                && !signature.equals(TwilioSigner.sign(token, url, nonNull));
    }

    private static String withoutPort(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getPort() == -1 ? url : new java.net.URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), -1,
                    uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (java.net.URISyntaxException e) {
            return url;
        }
    }

    /** Signatures over the URL as given, with and without a default port, a forged one, a truncated one, null. */
    private static List<String> candidates(Random random, String token, String url, Map<String, String> params) {
        Map<String, String> nonNull = new HashMap<>();
        params.forEach((k, v) -> nonNull.put(k, v == null ? "" : v));
        List<String> out = new ArrayList<>();
        for (String variant : List.of(url, RequestSignatures.defaultPortTwin(url), withoutPort(url),
                url.replaceFirst("://([^/?#]*)", "://$1:443"))) {
            out.add(TwilioSigner.sign(token, variant, nonNull));
        }
        String forged = TwilioSigner.sign(token + "x", url, nonNull);
        out.add(forged);
        out.add(forged.substring(0, forged.length() - 1));
        out.add("");
        out.add(null);
        return out;
    }

    private static String part(Random random) {
        return pick(random, VALUE_PARTS);
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String hex(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString();
    }
}
