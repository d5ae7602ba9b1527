package alertbridge.ui;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The incident page's files, classpath resources read once per container (about 20 KB; SnapStart snapshots them
 * read): {@code GET /ui} and {@code GET /ui/incidents/{id}} answer the same HTML with the API's base path filled in,
 * {@code GET /ui/static/{file}} the script, the style sheet and the icon. The HTML is never cached (a deploy shows at
 * once); the static files are addressed by content ({@code ?v=<hash>}) and cached for a year. Every answer carries a
 * strict Content-Security-Policy: only our own script and style, no inline code, requests only to our own API.
 */
public final class UiAssets {
    /** No inline script or style anywhere; fetches only to our API; not framed; no form posts; no base tag games. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String body, String contentType, String version) {
    }

    /** Read on the first page or file asked for (the JSON routes never load them), then held by the container. */
    private static final class Files {
        static final Map<String, Asset> STATIC = Map.of(
                "app.js", load("app.js", "text/javascript; charset=utf-8"),
                "schedules.js", load("schedules.js", "text/javascript; charset=utf-8"),
                "app.css", load("app.css", "text/css; charset=utf-8"),
                "icon.svg", load("icon.svg", "image/svg+xml"));
        static final String PAGE = read("page.html");
    }

    private UiAssets() {
    }

    /**
     * The page, for {@code /ui} and {@code /ui/incidents/{id}}.
     *
     * @param basePath the API's path prefix as the browser sees it ({@code /Prod}, a custom domain's base path, or empty)
     */
    static APIGatewayProxyResponseEvent page(String basePath) {
        String html = Files.PAGE.replace("{{base}}", escape(basePath));
        for (Map.Entry<String, Asset> e : Files.STATIC.entrySet()) {
            html = html.replace("{{v:" + e.getKey() + "}}", e.getValue().version());
        }
        return respond(200, "text/html; charset=utf-8", "no-store", html);
    }

    /** A static file by name; 404 for anything else. */
    static APIGatewayProxyResponseEvent file(String name) {
        Asset asset = name == null ? null : Files.STATIC.get(name);
        if (asset == null) {
            return respond(404, "text/plain; charset=utf-8", "no-store", "not found");
        }
        return respond(200, asset.contentType(), "public, max-age=31536000, immutable", asset.body());
    }

    /** The path part of the API's base URL: {@code https://x.execute-api.../Prod} gives {@code /Prod}. */
    static String basePath(String baseUrl) {
        int scheme = baseUrl.indexOf("://");
        int slash = scheme < 0 ? -1 : baseUrl.indexOf('/', scheme + 3);
        return slash < 0 ? "" : baseUrl.substring(slash);
    }

    private static APIGatewayProxyResponseEvent respond(int status, String contentType, String cache, String body) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("Content-Type", contentType);
        headers.put("Cache-Control", cache);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(body);
    }

    /** What every answer of the incidents function carries, JSON included. */
    private static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static Asset load(String name, String contentType) {
        String body = read(name);
        return new Asset(body, contentType, hash(body));
    }

    private static String hash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = Optional.ofNullable(UiAssets.class.getResourceAsStream("/alertbridge/ui/" + name))
                .orElseThrow(() -> new IllegalStateException("missing resource alertbridge/ui/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The page's routes: {@code /ui/static/{file}}, and {@code /ui} or {@code /ui/incidents/{id}} (the page, with the
     * API's base path: from PublicBaseUrl, else the one the browser asked on).
     *
     * @return empty for any other route
     */
    public static Optional<APIGatewayProxyResponseEvent> serve(APIGatewayProxyRequestEvent event,
            Optional<String> publicBaseUrl) {
        String resource = Optional.ofNullable(event.getResource()).orElse("");
        if (resource.equals("/ui/static/{file}")) {
            return Optional.of(file(Optional.ofNullable(event.getPathParameters()).map(p -> p.get("file")).orElse(null)));
        }
        if (resource.startsWith("/ui")) {
            return Optional.of(page(publicBaseUrl.map(UiAssets::basePath).orElseGet(() -> stagePath(event, resource))));
        }
        return Optional.empty();
    }

    /**
     * The stage's (or a custom domain's base path's) part of the URL the browser asked for: {@code /Prod} of
     * {@code /Prod/ui/incidents/<id>}, found by taking the route, its parameters filled in, off the request's path.
     */
    static String stagePath(APIGatewayProxyRequestEvent event, String resource) {
        String route = resource;
        if (event.getPathParameters() != null) {
            for (Map.Entry<String, String> p : event.getPathParameters().entrySet()) {
                route = route.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
            }
        }
        String full = event.getRequestContext() != null && event.getRequestContext().getPath() != null
                ? event.getRequestContext().getPath() : Optional.ofNullable(event.getPath()).orElse(route);
        return full.endsWith(route) ? full.substring(0, full.length() - route.length()) : "";
    }

    /** JSON answers are never cached (they are live, and authorised per request) and carry the page's policy. */
    public static APIGatewayProxyResponseEvent withApiHeaders(APIGatewayProxyResponseEvent response) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        headers.putIfAbsent("Cache-Control", "no-store");
        return response.withHeaders(headers);
    }
}
