package alertbridge.testkit.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * "Our application" as the simulator sees it, for the simulator's own tests: a loopback HTTP server that answers the
 * TwiML webhooks with fixed TwiML (an alert in a {@code <Gather>}, then the bridge) and records every request it gets,
 * status callbacks included, with the URL it was posted to and its {@code X-Twilio-Signature}.
 */
final class OurApplication implements AutoCloseable {
    /** What {@code /voice} says inside its {@code <Gather>}. */
    static final String ALERT = "Alert: disk full on db-1. Press 1 to join the bridge.";
    static final String JOINING = "Joining the bridge.";
    static final String BRIDGE = "incident-1";

    /** One request as it arrived: the form's first value per name. */
    record Request(String path, String url, Map<String, String> params, String signature) {
    }

    private final HttpServer server;
    private final Map<String, String> twiml = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    OurApplication() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        twiml.put("/voice", "<Response><Gather numDigits=\"1\" action=\"/pressed\" timeout=\"5\"><Say>" + ALERT
                + "</Say></Gather><Say>Nobody pressed a key. Goodbye.</Say></Response>");
        twiml.put("/pressed", "<Response><Say>" + JOINING + "</Say><Dial><Conference>" + BRIDGE
                + "</Conference></Dial></Response>");
        twiml.put("/goodbye", "<Response><Say>Nothing to join. Goodbye.</Say><Hangup/></Response>");
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The absolute URL of {@code path} on this server, as the simulator is told it. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The {@code CallStatus} of each status callback ({@code /status}) about {@code callSid}, in arrival order. */
    List<String> callStatuses(String callSid) {
        return statusCallbacks(callSid).stream().map(p -> p.get("CallStatus")).toList();
    }

    List<Map<String, String>> statusCallbacks(String callSid) {
        return requests("/status").stream().map(Request::params).filter(p -> callSid.equals(p.get("CallSid"))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> params = new LinkedHashMap<>();
            Form.parse(body).forEach((name, values) -> params.put(name, values.getFirst()));
            requests.add(new Request(path, url(path), params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            String answer = twiml.get(path);
            if (answer == null) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
