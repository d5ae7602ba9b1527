package alertbridge.http;

import alertbridge.formats.FormEncoding;
import alertbridge.refusal.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Turns an API Gateway REST API (v1 proxy) event into an {@link HttpRequest}.
 *
 * <p>The public URL is what Twilio signs: {@code https://<domainName><requestContext.path>?<query>}
 * (the stage, such as {@code /Prod}, or a custom domain's base path is part of {@code requestContext.path}),
 * or, when a public base URL is configured, {@code <base><resource>?<query>}. REST API events carry no raw query
 * string, so the query is rebuilt; that is exact for the URLs we generate ({@code ?incident=<url-safe id>}).
 */
public final class ApiGatewayRequests {
    private ApiGatewayRequests() {
    }

    public static HttpRequest from(APIGatewayProxyRequestEvent event, Optional<String> configuredBaseUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        } else if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    headers.put(k, v.get(0));
                }
            });
        }
        headers.values().removeIf(v -> v == null);
        Map<String, List<String>> query = query(event);
        // The route as declared in template.yaml. With a custom domain's base path mapping, event.path carries the
        // base path too (/v1/join_conference), the resource does not.
        String path = event.getResource() != null && !event.getResource().isBlank() ? event.getResource()
                : event.getPath() == null ? "/" : event.getPath();
        String baseUrl = configuredBaseUrl
                .map(ApiGatewayRequests::stripTrailingSlash)
                .orElseGet(() -> derivedBaseUrl(event, headers, path));
        String publicUrl = baseUrl + path + queryString(query);
        return new HttpRequest(
                event.getHttpMethod() == null ? "" : event.getHttpMethod(),
                path,
                headers,
                query,
                body(event, header(headers, "Content-Type")),
                baseUrl,
                publicUrl);
    }

    private static Map<String, List<String>> query(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, List.copyOf(v.stream().filter(x -> x != null).toList()));
                }
            });
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> {
                if (k != null && v != null) {
                    query.put(k, List.of(v));
                }
            });
        }
        return query;
    }

    private static String body(APIGatewayProxyRequestEvent event, String contentType) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body.replaceAll("\\s", "")), charset(contentType));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("malformed_body", "the body is marked base64-encoded but is not valid base64");
            }
        }
        return body;
    }

    /**
     * The charset a (base64-encoded, so byte-exact) body declares in {@code Content-Type: ...; charset=Shift_JIS};
     * UTF-8 when it declares none or one Java does not know. Text bodies arrive already decoded by API Gateway.
     */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String param : contentType.split(";")) {
            String[] kv = param.split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
                String name = kv[1].strip().replace("\"", "");
                try {
                    return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
                } catch (IllegalArgumentException e) { // IllegalCharsetNameException
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String derivedBaseUrl(APIGatewayProxyRequestEvent event, Map<String, String> headers, String path) {
        APIGatewayProxyRequestEvent.ProxyRequestContext ctx = event.getRequestContext();
        String host = ctx != null && ctx.getDomainName() != null ? ctx.getDomainName() : header(headers, "Host");
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("cannot tell the public URL: no requestContext.domainName or Host header; set PublicBaseUrl");
        }
        String fullPath = ctx != null && ctx.getPath() != null ? ctx.getPath() : path;
        String prefix = fullPath.endsWith(path) ? fullPath.substring(0, fullPath.length() - path.length()) : "";
        return "https://" + host + stripTrailingSlash(prefix);
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((name, values) -> {
            List<String> vs = values.isEmpty() ? new ArrayList<>(List.of("")) : values;
            for (String v : vs) {
                joiner.add(FormEncoding.encode(name) + "=" + FormEncoding.encode(v));
            }
        });
        return joiner.toString();
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
