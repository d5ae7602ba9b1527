package alertbridge.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as our code needs it, free of Lambda types: header names are case-insensitive,
 * the body is already base64-decoded, query parameters keep repeated values.
 *
 * @param path         the resource path without stage ({@code /join_conference})
 * @param publicUrl    the full URL the client requested, with stage path and query, when it can be rebuilt
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, List<String>> query,
        String body,
        String baseUrl,
        String publicUrl) {

    public HttpRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
        query = Map.copyOf(query);
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> firstQuery(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The media type without parameters, lower case; empty when the request has none. */
    public String mediaType() {
        return header("Content-Type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT))
                .orElse("");
    }

    /** The alert token the caller sent: {@code Authorization: Bearer}, an {@code X-Alert-Token} header, or {@code ?token=}. */
    public Optional<String> alertToken() {
        Optional<String> bearer = header("Authorization")
                .map(String::strip)
                .filter(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith("bearer "))
                .map(v -> v.substring("bearer ".length()).strip());
        if (bearer.isPresent()) {
            return bearer;
        }
        Optional<String> header = header("X-Alert-Token").map(String::strip);
        if (header.isPresent()) {
            return header;
        }
        return firstQuery("token");
    }
}
