package alertbridge.testkit.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback server that plays the part of Twilio's REST API our code uses ({@code POST
 * /2010-04-01/Accounts/{Sid}/Calls.json}): Basic auth checked, Twilio-shaped JSON answers and errors, and
 * every request recorded. Callee behaviour by the number's last two digits, as in DESIGN.md: {@code 96} is
 * refused with error 21215, {@code 97} gets HTTP 429 twice and is then accepted, everything else is queued
 * ({@link CallsResource} answers for the calls; {@link ApiFaults} holds what a test injects).
 * What the call plays on answer is given as Twilio takes it: {@code Url} (fetched on answer) or the TwiML itself,
 * {@code Twiml}. As Twilio: a create with neither is refused with error 21205 ("Url parameter is required", HTTP
 * 400); one with both is accepted and plays the {@code Url} (Twilio's warning 32019, "Twiml and Voice URL are both
 * set. Using Voice URL."); a {@code Twiml} over 4,000 characters is refused with error 32018 ("Twiml size exceeded
 * maximum allowed value of 4000 characters"; Twilio documents the limit and the error, not whether it comes at
 * create or on answer: here at create).
 * It does not play the phone side (answering, webhooks) itself: the simulator in local/ does, from
 * {@link #onCallCreated}.
 * <p>
 * Text messages ({@code POST /2010-04-01/Accounts/{Sid}/Messages.json}, fields To, From, Body) are checked the
 * same way and recorded apart from calls, in {@link #messageRequests()}: a To ending in {@code 96} is refused
 * with error 21408 (no SMS permission for the region), a missing or empty Body with 21602, a Body over 1600
 * characters with 21617; everything else is queued. The call-only knobs ({@link #failNext}, {@link
 * #delayResponses}, {@link #holdUntilInFlight}, {@link #maxInFlight}, {@link #onCallCreated}) do not apply
 * to messages.
 * <p>
 * A call's status is read as with Twilio's "fetch a call" ({@code GET .../Calls/{CallSid}.json}).
 * Calls can be hung up as with Twilio's "update a call" ({@code POST /2010-04-01/Accounts/{Sid}/Calls/{CallSid}.json},
 * form {@code Status=canceled} or {@code Status=completed}, Basic auth checked as for creates), each request recorded
 * in {@link #updateRequests()}: {@code canceled} hangs up a call still {@code queued} or {@code ringing} (200, the
 * call's JSON with status {@code canceled}) and leaves one in progress as it is (200, {@code in-progress});
 * {@code completed} hangs up a call in any live state ({@code canceled} if it was not answered yet, else
 * {@code completed}); a call that has ended gets error 21220 (400), an unknown sid 20404 (404), anything but those
 * two statuses (a redirect with {@code Url} or {@code Twiml}, which the simulator does not play) 20001 (400). See
 * {@link CallLine} for where these semantics come from. Without the simulator nothing plays the call, so a hang-up
 * only changes what the API answers.
 */
public final class TwilioApiStandIn implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0".repeat(32);
    /** The same token signs the sample webhooks in events/ (see events/README.md). */
    public static final String AUTH_TOKEN = "sample-twilio-auth-token";

    /** One create request as it arrived. */
    public record CreateRequest(String path, String authorization, Map<String, List<String>> form) {
        public String field(String name) {
            List<String> values = form.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A call "Twilio" accepted: the sid it answered with, and the request that created it. */
    public record CreatedCall(String sid, CreateRequest request) {
    }

    /** A text message "Twilio" accepted: the sid it answered with, whom it is for, and what it says. */
    record CreatedMessage(String sid, String to, String body) {
    }

    /** The longest inline {@code Twiml} Twilio takes (its error 32018 beyond). */
    public static final int MAX_TWIML_CHARS = CallsResource.MAX_TWIML_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accountSid;
    private final String authToken;
    private final HttpServer server;
    private volatile java.util.function.Consumer<CreatedCall> callListener = call -> { };
    private volatile java.util.function.Consumer<CreatedMessage> messageListener = message -> { };
    private final List<CreateRequest> requests = new CopyOnWriteArrayList<>();
    private final List<CreateRequest> messageRequests = new CopyOnWriteArrayList<>();
    private final List<CreateRequest> updateRequests = new CopyOnWriteArrayList<>();
    /** {@code .../Calls/{CallSid}.json}: the group is the sid. */
    private final Pattern callPath;
    private final CallsResource calls;
    private final ApiFaults faults = new ApiFaults();

    public TwilioApiStandIn() {
        this(ACCOUNT_SID, AUTH_TOKEN, 0);
    }

    /** @param port the loopback port to listen on; 0 for any free one */
    public TwilioApiStandIn(String accountSid, String authToken, int port) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.calls = new CallsResource(accountSid);
        this.callPath = Pattern.compile(Pattern.quote("/2010-04-01/Accounts/" + accountSid + "/Calls/") + "([^/]+)\\.json");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Called (on the server's thread, after the 201 is sent) for every call accepted. */
    public void onCallCreated(java.util.function.Consumer<CreatedCall> listener) {
        callListener = listener;
    }

    /** Called (on the server's thread, after the 201 is sent) for every text message accepted. */
    void onMessageCreated(java.util.function.Consumer<CreatedMessage> listener) {
        messageListener = listener;
    }

    public List<CreateRequest> requests() {
        return List.copyOf(requests);
    }

    /** Every authenticated message create request, in arrival order (call requests are in {@link #requests()}). */
    public List<CreateRequest> messageRequests() {
        return List.copyOf(messageRequests);
    }

    /**
     * Every authenticated update request ({@code POST .../Calls/{CallSid}.json}), in arrival order, whatever its
     * answer; {@link CreateRequest#path()} names the call.
     */
    public List<CreateRequest> updateRequests() {
        return List.copyOf(updateRequests);
    }

    /** The call with this sid, as the REST API sees it; null if none was created or registered. */
    CallLine line(String callSid) {
        return calls.line(callSid);
    }

    /** Makes a call that was not created through this API (someone dialling in) known to "update a call". */
    void register(CallLine line) {
        calls.register(line);
    }

    /** The most create requests that were being served at the same moment. */
    public int maxInFlight() {
        return faults.maxInFlight();
    }

    /**
     * Holds each create request until {@code n} requests are in flight together (or 10 s pass), so a test can
     * observe whether the client sends them in parallel: with sequential requests at most one is ever in flight.
     */
    public void holdUntilInFlight(int n) {
        faults.holdUntilInFlight(n);
    }

    /** Every create request is answered only after this delay (to exercise timeouts). */
    public void delayResponses(Duration delay) {
        faults.delayResponses(delay);
    }

    /** The next {@code n} create requests get HTTP 503 from "Twilio". */
    public void failNext(int n) {
        faults.failNext(n);
    }

    /** An outage of the whole REST API (calls, messages, updates), until switched {@link Outage#OFF}. */
    public enum Outage {
        /** Twilio answers as usual. */
        OFF,
        /** Every request gets HTTP 503 (error 20503). */
        FIVE_XX,
        /** Every request is answered only after {@link #OUTAGE_DELAY}, past any sensible client timeout. */
        TIMEOUT
    }

    /** How long a request waits in a {@link Outage#TIMEOUT} outage. */
    public static final Duration OUTAGE_DELAY = Duration.ofSeconds(30);

    public void outage(Outage outage) {
        faults.outage(outage);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean message = path.equals("/2010-04-01/Accounts/" + accountSid + "/Messages.json");
            Matcher update = callPath.matcher(path);
            boolean updating = update.matches();
            boolean fetching = updating && "GET".equals(exchange.getRequestMethod());
            if (!(fetching || "POST".equals(exchange.getRequestMethod()))
                    || !(message || updating || path.equals("/2010-04-01/Accounts/" + accountSid + "/Calls.json"))) {
                send(exchange, CallsResource.notFound(path));
                return;
            }
            if (!("Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8))).equals(auth)) {
                send(exchange, new TwilioReply(401, TwilioReply.error(20003, "Authenticate", 401)));
                return;
            }
            if (fetching) {
                send(exchange, calls.fetch(path, update.group(1)));
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> form = Form.parse(body);
            List<CreateRequest> recorded = message ? messageRequests : updating ? updateRequests : requests;
            CreateRequest request = new CreateRequest(path, auth, form);
            Optional<TwilioReply> outage = faults.outageReply();
            if (outage.isPresent()) {
                send(exchange, outage.get());
                recorded.add(request); // after the outage reply is sent; any other request is recorded before its reply
                return;
            }
            recorded.add(request);
            if (message) {
                respondToMessage(exchange, form);
                return;
            }
            if (updating) {
                send(exchange, calls.update(path, update.group(1), form));
                return;
            }
            faults.arrived();
            try {
                faults.hold();
                respondToCreate(exchange, path, auth, form);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                faults.left();
            }
        }
    }

    /** "Create a call": the injected 503s first; the listener hears of an accepted call after its 201 is sent. */
    private void respondToCreate(HttpExchange exchange, String path, String auth, Map<String, List<String>> form)
            throws IOException {
        TwilioReply reply = faults.injectedFailure().orElseGet(() -> calls.create(form));
        send(exchange, reply);
        if (reply.status() == 201 && reply.body() instanceof Map<?, ?> call) {
            callListener.accept(new CreatedCall(String.valueOf(call.get("sid")), new CreateRequest(path, auth, form)));
        }
    }

    private void respondToMessage(HttpExchange exchange, Map<String, List<String>> form) throws IOException {
        TwilioReply reply = TwilioReply.messageCreated(accountSid, form);
        send(exchange, reply);
        if (reply.status() == 201 && reply.body() instanceof Map<?, ?> message) {
            messageListener.accept(new CreatedMessage(String.valueOf(message.get("sid")), String.valueOf(message.get("to")),
                    String.valueOf(message.get("body"))));
        }
    }

    private static void send(HttpExchange exchange, TwilioReply reply) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
