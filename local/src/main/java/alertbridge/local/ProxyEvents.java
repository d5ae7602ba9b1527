package alertbridge.local;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The REST API proxy event (Lambda proxy integration) API Gateway sends for a request, with the keys it sends (and
 * events/*.json have), built from the local server's {@link HttpExchange}: headers and query strings in single- and
 * multi-value form, path parameters, the request context of one stage, the body as text or base64.
 */
final class ProxyEvents {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final String stage;
    private final String defaultHost;

    /**
     * @param stage        the API's stage name ({@code requestContext.stage})
     * @param defaultHost  the domain name when a request has no Host header ({@code 127.0.0.1:<port>})
     */
    ProxyEvents(String stage, String defaultHost) {
        this.stage = stage;
        this.defaultHost = defaultHost;
    }

    /**
     * The event for one request.
     *
     * @param resource        the matched route as the template declares it ({@code /incidents/{id}})
     * @param path            the request path, decoded
     * @param pathParameters  the route's path parameters, in route order
     * @param body            the request body as sent
     */
    Map<String, Object> of(HttpExchange exchange, String resource, String path, Map<String, String> pathParameters,
                           byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.getLast());
            multiHeaders.put(name, List.copyOf(values));
        });
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        headers.put("X-Forwarded-For", sourceIp);
        multiHeaders.put("X-Forwarded-For", List.of(sourceIp));
        String host = headers.getOrDefault("Host", defaultHost);

        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                // API Gateway decodes %XX but leaves '+' as it is in query strings
                String k = URLDecoder.decode(kv[0].replace("+", "%2B"), StandardCharsets.UTF_8);
                String v = kv.length > 1 ? URLDecoder.decode(kv[1].replace("+", "%2B"), StandardCharsets.UTF_8) : "";
                multiQuery.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        multiQuery.forEach((k, v) -> query.put(k, v.getLast()));

        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", sourceIp);
        identity.put("userAgent", headers.get("User-Agent"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("resourceId", Integer.toHexString(resource.hashCode()));
        context.put("stage", stage);
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("identity", identity);
        context.put("resourcePath", resource);
        context.put("httpMethod", exchange.getRequestMethod());
        context.put("apiId", "local");
        context.put("path", path);
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        context.put("protocol", exchange.getProtocol());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toEpochMilli());

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", resource);
        event.put("path", path);
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("headers", headers);
        event.put("multiValueHeaders", multiHeaders);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        event.put("multiValueQueryStringParameters", multiQuery.isEmpty() ? null : multiQuery);
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("stageVariables", null);
        event.put("requestContext", context);
        String text = utf8(body);
        event.put("body", body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", body.length > 0 && text == null);
        return event;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
