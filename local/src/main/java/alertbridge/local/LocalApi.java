package alertbridge.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for API Gateway (REST API, Lambda proxy integration), like {@code sam local start-api}: routes
 * and methods come from template.yaml, each request becomes the same proxy event API Gateway sends
 * ({@link ProxyEvents}: the keys of the events/ samples), turned into {@link APIGatewayProxyRequestEvent} by the
 * Lambda Java runtime's own serializer, and the real handler answers. Each function keeps a pool of handler instances ("containers"); an
 * instance serves one request at a time, and a new one is built when all are busy, as Lambda scales out.
 */
public final class LocalApi implements AutoCloseable {
    /** A function as the local API serves it: its routes, and how to build one more handler instance. */
    public record FunctionBinding(SamTemplate.Function function,
                                  Supplier<RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> containers) {
    }

    private record CompiledRoute(String method, String resource, Pattern pattern, List<String> names, Pool pool) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ProxyEvents proxyEvents;
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final PojoSerializer<APIGatewayProxyRequestEvent> events =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LocalApi.class.getClassLoader());
    private final List<Map<String, Object>> recentEvents = new CopyOnWriteArrayList<>();

    public LocalApi(int port, String stage, List<FunctionBinding> functions) {
        for (FunctionBinding binding : functions) {
            Pool pool = new Pool(binding);
            for (SamTemplate.Route route : binding.function().routes()) {
                List<String> names = new ArrayList<>();
                Matcher m = Pattern.compile("\\{([^}/]+)}").matcher(route.path());
                StringBuilder regex = new StringBuilder("^");
                int last = 0;
                while (m.find()) {
                    regex.append(Pattern.quote(route.path().substring(last, m.start()))).append("([^/]+)");
                    names.add(m.group(1));
                    last = m.end();
                }
                regex.append(Pattern.quote(route.path().substring(last))).append("/?$");
                routes.add(new CompiledRoute(route.method(), route.path(), Pattern.compile(regex.toString()), names, pool));
            }
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "); set PORT to another port", e);
        }
        proxyEvents = new ProxyEvents(stage, "127.0.0.1:" + server.getAddress().getPort());
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves a local-only path (e.g. {@code /_local/topics/}) next to the template's routes. */
    public void addLocalContext(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The proxy events built for the last requests (newest last), as JSON maps: to compare with events/. */
    public List<Map<String, Object>> recentEvents() {
        return List.copyOf(recentEvents);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String decodedPath = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            CompiledRoute route = null;
            Matcher matched = null;
            boolean pathKnown = false;
            for (CompiledRoute r : routes) {
                Matcher m = r.pattern().matcher(decodedPath);
                if (m.matches()) {
                    pathKnown = true;
                    if (r.method().equals(exchange.getRequestMethod()) || r.method().equals("ANY")) {
                        route = r;
                        matched = m;
                        break;
                    }
                }
            }
            if (route == null) {
                // API Gateway's own answers for unknown routes and methods
                send(exchange, pathKnown ? 403 : 404, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"" + (pathKnown ? "Missing Authentication Token" : "Not Found") + "\"}");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < route.names().size(); i++) {
                pathParameters.put(route.names().get(i), matched.group(i + 1));
            }
            Map<String, Object> event = proxyEvents.of(exchange, route.resource(), decodedPath, pathParameters, body);
            recentEvents.add(event);
            while (recentEvents.size() > 100) {
                recentEvents.remove(0);
            }
            APIGatewayProxyResponseEvent response = route.pool().invoke(
                    events.fromJson(JSON.writeValueAsString(event)), (String) ((Map<?, ?>) event.get("requestContext")).get("requestId"));
            respond(exchange, response);
        } catch (RuntimeException e) {
            // What API Gateway says when the function itself fails (an uncaught exception, a timeout).
            System.err.println("{\"level\":\"ERROR\",\"component\":\"local-api\",\"event\":\"function_failed\",\"error\":\""
                    + e.getClass().getName() + "\"}");
            send(exchange, 502, Map.of("Content-Type", "application/json"), "{\"message\": \"Internal server error\"}");
        }
    }

    private static void respond(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
        if (response == null || response.getStatusCode() == null) {
            send(exchange, 502, Map.of("Content-Type", "application/json"), "{\"message\": \"Internal server error\"}");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        }
        byte[] body = response.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        send(exchange, response.getStatusCode(), headers, body);
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        send(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A function's warm handler instances; one request at a time each, more built on demand. */
    private static final class Pool {
        private final FunctionBinding binding;
        private final ConcurrentLinkedQueue<RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> idle =
                new ConcurrentLinkedQueue<>();

        Pool(FunctionBinding binding) {
            this.binding = binding;
        }

        APIGatewayProxyResponseEvent invoke(APIGatewayProxyRequestEvent event, String requestId) {
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler = idle.poll();
            if (handler == null) {
                handler = binding.containers().get();
            }
            try {
                return handler.handleRequest(event, new LocalContext(binding.function(), requestId));
            } finally {
                idle.add(handler);
            }
        }
    }

    /** The Lambda context a handler sees: request id, function name, time left. */
    record LocalContext(SamTemplate.Function function, String requestId, long deadline) implements Context {
        LocalContext(SamTemplate.Function function, String requestId) {
            this(function, requestId, System.currentTimeMillis() + function.timeoutSeconds() * 1000L);
        }

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + function.logicalId(); }
        @Override public String getLogStreamName() { return "local"; }
        @Override public String getFunctionName() { return function.logicalId(); }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + function.logicalId(); }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
