package alertbridge.local;

import alertbridge.http.FormEncoding;
import alertbridge.testing.TwilioApiStandIn;
import alertbridge.testing.TwilioSigner;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Twilio, as far as alertbridge can tell: the REST API for creating calls ({@link TwilioApiStandIn}: Basic auth,
 * Twilio-shaped answers and errors, {@code 96} refused with 21215, {@code 97} throttled twice) and the phone network
 * behind it. Each accepted call is played on its own virtual thread: status callbacks as requested in
 * {@code StatusCallbackEvent}, the callee's behaviour by the number's last two digits ({@link CalleeBehaviour}),
 * and on answer our TwiML fetched with signed webhooks ({@code X-Twilio-Signature}) and interpreted: Say, Play,
 * Pause, Gather (Digits posted to its action), Redirect, Hangup, Dial/Conference (with conference callbacks).
 * All delays are multiplied by {@code speed}, so tests can run a whole incident in a fraction of a second.
 * What each callee heard (the text of every {@code <Say>} played, also those inside {@code <Gather>}) is kept per
 * call, in order: {@link #heard(String)}.
 */
public final class TwilioSimulator implements AutoCloseable {
    /** One HTTP request the simulator made to our application, and how it was answered. */
    public record Webhook(String callSid, String url, Map<String, String> params, int status) {
    }

    /**
     * What became of one simulated call.
     *
     * @param heard the text of every {@code <Say>} the callee heard, in order (see {@link #heard(String)})
     */
    public record SimulatedCall(String sid, String to, String finalStatus, boolean answered, boolean pressedKey,
                                boolean joinedBridge, List<String> heard) {
        public SimulatedCall {
            heard = List.copyOf(heard);
        }

        /** As before {@code heard} was recorded: a call that heard nothing. */
        public SimulatedCall(String sid, String to, String finalStatus, boolean answered, boolean pressedKey,
                             boolean joinedBridge) {
            this(sid, to, finalStatus, answered, pressedKey, joinedBridge, List.of());
        }
    }

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Words a text-to-speech voice says per second, to time a {@code <Say>}. */
    private static final double WORDS_PER_SECOND = 3.0;
    /** The shortest time from a create request to an answer, at any speed (real phones take seconds). */
    private static final Duration ANSWER_FLOOR = Duration.ofMillis(250);

    private final String accountSid;
    private final String webhookSigningToken;
    private final double speed;
    private final Narrator narrator;
    private final boolean deliverCallbacksTwice;
    private final TwilioApiStandIn api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConferenceRooms rooms = new ConferenceRooms();
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    private final Map<String, SimulatedCall> finished = new ConcurrentHashMap<>();
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    /**
     * @param authToken             the account's auth token: checked on REST requests
     * @param webhookSigningToken   signs our webhooks; the same as {@code authToken} unless a test plays an impostor
     * @param speed                 1.0 is real time; 0.05 runs twenty times faster
     * @param deliverCallbacksTwice send every status and conference callback twice, as Twilio may on retries
     */
    public TwilioSimulator(String accountSid, String authToken, String webhookSigningToken, int port, double speed,
                           Narrator narrator, boolean deliverCallbacksTwice) {
        this.accountSid = accountSid;
        this.webhookSigningToken = webhookSigningToken;
        this.speed = speed;
        this.narrator = narrator;
        this.deliverCallbacksTwice = deliverCallbacksTwice;
        this.api = new TwilioApiStandIn(accountSid, authToken, port);
        api.onCallCreated(call -> {
            Thread t = Thread.ofVirtual().name("call-" + call.sid()).unstarted(() -> play(call));
            running.add(t);
            t.start();
        });
    }

    /** Where Twilio's REST API is: {@code TWILIO_API_BASE_URL}. */
    public URI baseUrl() {
        return api.baseUrl();
    }

    public List<TwilioApiStandIn.CreateRequest> createRequests() {
        return api.requests();
    }

    /** The text messages (SMS) we asked Twilio to send. */
    public List<TwilioApiStandIn.CreateRequest> messageRequests() {
        return api.messageRequests();
    }

    public List<Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    public Map<String, SimulatedCall> finishedCalls() {
        return Map.copyOf(finished);
    }

    /**
     * What the callee of a call has heard so far: the text of each {@code <Say>} played to them (also those nested
     * in {@code <Gather>}), stripped, in order, once per {@code <Say>} whatever its {@code loop}. A {@code <Say>}
     * counts as heard once it starts playing: a callee who presses a key during the alert has heard it (the
     * simulated person presses while the first {@code <Say>} of a {@code <Gather>} plays). Also for calls still
     * going, such as callees on the bridge. Empty for an unknown sid.
     */
    public List<String> heard(String callSid) {
        List<String> said = heard.get(callSid);
        if (said == null) {
            return List.of();
        }
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    /** What each call has heard so far, by call sid: {@link #heard(String)} for every call placed. */
    public Map<String, List<String>> heard() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        heard.keySet().forEach(sid -> out.put(sid, heard(sid)));
        return Map.copyOf(out);
    }

    /** How many participants are in the named conference right now. */
    public int onBridge(String conferenceName) {
        return rooms.size(conferenceName);
    }

    // ---------------------------------------------------------------- one call

    private final class Call {
        final String sid;
        final String to;
        final String from;
        final CalleeBehaviour behaviour;
        final Optional<String> statusCallback;
        final Set<String> statusEvents;
        final int timeoutSeconds;
        int sequence;
        Instant answeredAt;
        boolean pressedKey;
        boolean joinedBridge;

        Call(TwilioApiStandIn.CreatedCall created) {
            TwilioApiStandIn.CreateRequest r = created.request();
            this.sid = created.sid();
            this.to = r.field("To");
            this.from = r.field("From");
            this.behaviour = CalleeBehaviour.of(to);
            this.statusCallback = Optional.ofNullable(r.field("StatusCallback")).filter(s -> !s.isBlank());
            List<String> events = new ArrayList<>();
            r.form().getOrDefault("StatusCallbackEvent", List.of()).forEach(v -> events.addAll(List.of(v.trim().split("\\s+"))));
            this.statusEvents = Set.copyOf(events.isEmpty() ? List.of("completed") : events);
            this.timeoutSeconds = Optional.ofNullable(r.field("Timeout")).map(Integer::parseInt).orElse(60);
        }

        Map<String, String> voiceParams(String callStatus) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("AccountSid", accountSid);
            p.put("ApiVersion", "2010-04-01");
            p.put("CallSid", sid);
            p.put("CallStatus", callStatus);
            p.put("Called", to);
            p.put("Caller", from);
            p.put("Direction", "outbound-api");
            p.put("From", from);
            p.put("To", to);
            return p;
        }

        void status(String event, String callStatus) {
            if (statusCallback.isEmpty() || !statusEvents.contains(event)) {
                return;
            }
            Map<String, String> p = voiceParams(callStatus);
            p.put("CallbackSource", "call-progress-events");
            p.put("Timestamp", RFC_1123.format(Instant.now()));
            p.put("SequenceNumber", Integer.toString(sequence++));
            if (event.equals("completed")) {
                long seconds = answeredAt == null ? 0 : Math.round(Duration.between(answeredAt, Instant.now()).toMillis() / 1000.0 / speed);
                p.put("CallDuration", Long.toString(seconds));
                p.put("Duration", Long.toString((seconds + 59) / 60));
            }
            callback(sid, statusCallback.get(), p);
        }

        void end(String finalStatus) {
            status("completed", finalStatus);
            finished.put(sid, new SimulatedCall(sid, to, finalStatus, answeredAt != null, pressedKey, joinedBridge, heard(sid)));
        }
    }

    private void play(TwilioApiStandIn.CreatedCall created) {
        Call call = new Call(created);
        heard.put(call.sid, new ArrayList<>());
        try {
            call.status("initiated", "initiated");
            if (call.behaviour.kind() == CalleeBehaviour.Kind.FAILS) {
                pause(0.2);
                narrator.step(call.sid, call.to, "call failed");
                call.end("failed");
                return;
            }
            pause(0.2);
            call.status("ringing", "ringing");
            narrator.step(call.sid, call.to, "ringing");
            switch (call.behaviour.kind()) {
                case BUSY -> {
                    pause(1);
                    narrator.step(call.sid, call.to, "busy");
                    call.end("busy");
                    return;
                }
                case NO_ANSWER -> {
                    pause(call.timeoutSeconds);
                    narrator.step(call.sid, call.to, "no answer");
                    call.end("no-answer");
                    return;
                }
                default -> {
                    pause(call.behaviour.answerAfterSeconds());
                    Thread.sleep(ANSWER_FLOOR); // nobody answers faster than this, however fast the simulation runs
                }
            }
            call.answeredAt = Instant.now();
            call.status("answered", "in-progress");
            narrator.step(call.sid, call.to, call.behaviour.kind() == CalleeBehaviour.Kind.VOICEMAIL ? "answered (voicemail)" : "answered");
            runTwiml(call, created.request().field("Url"));
            narrator.step(call.sid, call.to, "hung up");
            call.end("completed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.remove(Thread.currentThread());
        }
    }

    // ---------------------------------------------------------------- TwiML

    /** Fetches and plays TwiML until the call ends (Hangup, an error, or the end of the document). */
    private void runTwiml(Call call, String url) throws InterruptedException {
        Optional<Document> doc = fetch(call, url, call.voiceParams("in-progress"));
        int documents = 0;
        while (doc.isPresent() && documents++ < 20) {
            Optional<Next> next = playVerbs(call, url, children(doc.get().getDocumentElement()));
            if (next.isEmpty()) {
                return;
            }
            url = next.get().url();
            doc = fetch(call, url, next.get().params());
        }
    }

    /** The document to fetch next (from Gather's action or Redirect). */
    private record Next(String url, Map<String, String> params) {
    }

    private Optional<Next> playVerbs(Call call, String currentUrl, List<Element> verbs) throws InterruptedException {
        for (Element verb : verbs) {
            switch (verb.getTagName()) {
                case "Say" -> say(call, verb);
                case "Play" -> pause(Math.max(1, intAttr(verb, "loop", 1)));
                case "Pause" -> pause(intAttr(verb, "length", 1));
                case "Gather" -> {
                    Optional<Next> next = gather(call, currentUrl, verb);
                    if (next.isPresent()) {
                        return next;
                    }
                }
                case "Redirect" -> {
                    return Optional.of(new Next(resolve(currentUrl, verb.getTextContent().strip()), call.voiceParams("in-progress")));
                }
                case "Hangup", "Reject" -> {
                    return Optional.empty();
                }
                case "Dial" -> dial(call, verb);
                default -> narrator.step(call.sid, call.to, "skipped <" + verb.getTagName() + ">");
            }
        }
        return Optional.empty();
    }

    private void say(Call call, Element say) throws InterruptedException {
        hear(call, say);
        int words = say.getTextContent().strip().split("\\s+").length;
        int loop = intAttr(say, "loop", 1);
        pause(words / WORDS_PER_SECOND * (loop == 0 ? 10 : loop));
    }

    private Optional<Next> gather(Call call, String currentUrl, Element gather) throws InterruptedException {
        String action = resolve(currentUrl, Optional.ofNullable(gather.getAttribute("action")).filter(a -> !a.isBlank()).orElse(currentUrl));
        if (call.behaviour.pressesKey()) {
            // the key is pressed while the first <Say> plays: what comes before it, and it, are heard
            for (Element nested : children(gather)) {
                if (nested.getTagName().equals("Say")) {
                    hear(call, nested);
                    break;
                }
            }
            pause(0.5); // a moment to hear "alert" and reach for the keypad
            call.pressedKey = true;
            narrator.step(call.sid, call.to, "pressed 1");
            Map<String, String> p = call.voiceParams("in-progress");
            p.put("Digits", "1");
            p.put("FinishedOnKey", "");
            p.put("msg", "Gather End");
            return Optional.of(new Next(action, p));
        }
        for (Element nested : children(gather)) {
            if (nested.getTagName().equals("Say")) {
                say(call, nested);
            } else if (nested.getTagName().equals("Pause")) {
                pause(intAttr(nested, "length", 1));
            } else if (nested.getTagName().equals("Play")) {
                pause(1);
            }
        }
        pause(intAttr(gather, "timeout", 5));
        if ("true".equals(gather.getAttribute("actionOnEmptyResult"))) {
            return Optional.of(new Next(action, call.voiceParams("in-progress")));
        }
        return Optional.empty(); // no key: Twilio goes on with the verb after <Gather>
    }

    private void dial(Call call, Element dial) throws InterruptedException {
        Optional<Element> conference = children(dial).stream().filter(e -> e.getTagName().equals("Conference")).findFirst();
        if (conference.isEmpty()) {
            narrator.step(call.sid, call.to, "skipped <Dial> without <Conference>");
            return;
        }
        Element c = conference.get();
        String name = c.getTextContent().strip();
        String events = c.getAttribute("statusCallbackEvent");
        ConferenceRooms.Callbacks callbacks = new ConferenceRooms.Callbacks(c.getAttribute("statusCallback"),
                Set.of(events.isBlank() ? new String[0] : events.trim().split("\\s+")));
        List<ConferenceRooms.Event> joined = rooms.join(name, call.sid, callbacks);
        call.joinedBridge = true;
        narrator.step(call.sid, call.to, "joined bridge (" + joined.getLast().onBridge() + " on bridge)");
        joined.forEach(this::report);
        if (call.behaviour.leavesBridge()) {
            pause(call.behaviour.leaveAfterSeconds());
        } else {
            closing.await(); // stays on the bridge until the simulator stops
        }
        List<ConferenceRooms.Event> left = rooms.leave(name, call.sid);
        narrator.step(call.sid, call.to, "left bridge (" + rooms.size(name) + " on bridge)");
        left.forEach(this::report);
    }

    private void report(ConferenceRooms.Event e) {
        String kind = e.name().replace("conference-", "").replace("participant-", "");
        if (e.callbacks().url() == null || e.callbacks().url().isBlank() || !e.callbacks().events().contains(kind)) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ConferenceSid", e.conferenceSid());
        p.put("FriendlyName", e.friendlyName());
        p.put("StatusCallbackEvent", e.name());
        p.put("SequenceNumber", Integer.toString(e.sequence()));
        p.put("Timestamp", RFC_1123.format(Instant.now()));
        if (e.callSid() != null) {
            p.put("CallSid", e.callSid());
            p.put("Muted", "false");
            p.put("Hold", "false");
            p.put("Coaching", "false");
        }
        if (e.name().equals("conference-end")) {
            p.put("ReasonConferenceEnded", "last-participant-left");
        }
        callback(e.callSid() == null ? e.conferenceSid() : e.callSid(), e.callbacks().url(), p);
    }

    // ---------------------------------------------------------------- HTTP to our application

    private void callback(String sid, String url, Map<String, String> params) {
        post(sid, url, params);
        if (deliverCallbacksTwice) {
            post(sid, url, params);
        }
    }

    private Optional<Document> fetch(Call call, String url, Map<String, String> params) {
        Optional<String> body = post(call.sid, url, params);
        if (body.isEmpty()) {
            narrator.step(call.sid, call.to, "application error (see the webhook's answer)");
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.get().getBytes(StandardCharsets.UTF_8)));
            if (!doc.getDocumentElement().getTagName().equals("Response")) {
                throw new IllegalArgumentException("root is not <Response>");
            }
            return Optional.of(doc);
        } catch (Exception e) {
            narrator.step(call.sid, call.to, "application error (not TwiML)");
            return Optional.empty();
        }
    }

    /** A signed POST, as Twilio sends it. @return the body of a 2xx answer */
    private Optional<String> post(String sid, String url, Map<String, String> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((k, v) -> form.add(FormEncoding.encode(k) + "=" + FormEncoding.encode(v)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15)) // Twilio waits 15 s for TwiML
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
                .header("X-Twilio-Signature", TwilioSigner.sign(webhookSigningToken, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            webhooks.add(new Webhook(sid, url, Map.copyOf(params), response.statusCode()));
            return response.statusCode() / 100 == 2 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            webhooks.add(new Webhook(sid, url, Map.copyOf(params), 0));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void hear(Call call, Element say) {
        List<String> said = heard.computeIfAbsent(call.sid, k -> new ArrayList<>());
        synchronized (said) {
            said.add(say.getTextContent().strip());
        }
    }

    private void pause(double seconds) throws InterruptedException {
        long millis = Math.round(seconds * 1000 * speed);
        if (millis > 0 && closing.await(millis, TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("simulator stopping");
        }
    }

    private static String resolve(String base, String url) {
        return URI.create(base).resolve(url).toString();
    }

    private static int intAttr(Element e, String name, int fallback) {
        try {
            return e.hasAttribute(name) ? Integer.parseInt(e.getAttribute(name).strip()) : fallback;
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Hangs up every call still going (they stay on the bridge until now) and stops the REST API. */
    @Override
    public void close() {
        closing.countDown();
        api.close();
        http.close();
        for (Thread t : running) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
