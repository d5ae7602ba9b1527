package alertbridge.http;

import java.util.List;
import java.util.Map;

/** Test factory for {@link HttpRequest}s. */
public final class Requests {
    private Requests() {
    }

    public static HttpRequest post(String contentType, String body, Map<String, List<String>> query) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("content-type", contentType);
        return new HttpRequest("POST", "/alert", headers, query, body, "https://example.test/Prod",
                "https://example.test/Prod/alert");
    }

    public static HttpRequest withHeaders(Map<String, String> headers, Map<String, List<String>> query) {
        return new HttpRequest("POST", "/alert", headers, query, "", "https://example.test/Prod",
                "https://example.test/Prod/alert");
    }
}
