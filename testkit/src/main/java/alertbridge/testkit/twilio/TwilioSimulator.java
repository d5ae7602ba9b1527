package alertbridge.testkit.twilio;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twilio, as far as alertbridge can tell: the REST API for creating calls ({@link TwilioApiStandIn}: Basic auth,
 * Twilio-shaped answers and errors, {@code 96} refused with 21215, {@code 97} throttled twice) and the phone network
 * behind it. Each accepted call is played on its own virtual thread ({@link CallPlayer}): status callbacks as
 * requested in {@code StatusCallbackEvent}, the callee's behaviour by the number's last two digits
 * ({@link CalleeBehaviour}: {@code 00}-{@code 87}, {@code 89}, {@code 90}, {@code 99} answer and press 1;
 * {@code 88} misses the first call placed to it and answers the later ones; {@code 91} busy; {@code 92} no answer;
 * {@code 93} voicemail; {@code 94} fails; {@code 95} leaves the bridge; {@code 98} answers late), and on answer our
 * TwiML, given with the call ({@code Twiml}, played without a request) or fetched from its {@code Url}, and every
 * document after it (a Gather's action, a Redirect), with signed webhooks ({@code X-Twilio-Signature}, {@link WebhookPoster}), interpreted
 * ({@link TwimlInterpreter}), with conference callbacks from the bridge ({@link ConferenceRooms}). All delays are
 * multiplied by {@code speed} ({@link SimulatedTime}), so tests can run a whole incident in a fraction of a second.
 * <p>
 * A call can be hung up through the REST API as with Twilio's "update a call" ({@code Status=canceled} while it is
 * queued or ringing, {@code Status=completed} at any time; see {@link TwilioApiStandIn}): its player stops at once
 * and ends it {@code canceled} (not answered yet) or {@code completed}, with the usual {@code completed} status
 * callback. Someone can also dial our number ({@link #callIn}): our voice webhook is asked for TwiML, which is played
 * the same way. What each callee (or caller) heard (the text of every {@code <Say>} played, also those inside
 * {@code <Gather>}) is kept per call, in order: {@link #heard(String)}. Each text message accepted
 * ({@code Messages.json}) is told to the narration too, as one step {@code text: <body>} under the message's sid.
 */
public final class TwilioSimulator implements AutoCloseable {
    /** One HTTP request the simulator made to our application, and how it was answered. */
    public record Webhook(String callSid, String url, Map<String, String> params, int status) {
    }

    /**
     * What became of one simulated call.
     *
     * @param to        the number called: the callee's, or for a call dialled in ({@link #callIn}), ours
     * @param heard     the text of every {@code <Say>} the callee (or caller) heard, in order (see {@link #heard(String)})
     * @param from      the number calling: ours, or for a call dialled in, the caller's
     * @param direction as Twilio says it: {@code outbound-api} for a call we placed, {@code inbound} for one dialled in
     */
    public record SimulatedCall(String sid, String to, String finalStatus, boolean answered, boolean pressedKey,
                                boolean joinedBridge, List<String> heard, String from, String direction) {
        public SimulatedCall {
            heard = List.copyOf(heard);
        }
    }

    private final String accountSid;
    private final SimulatedTime time;
    private final WebhookPoster poster;
    private final ConferenceRooms rooms;
    private final HeardLog heard = new HeardLog();
    private final TwilioApiStandIn api;
    private final CallPlayer player;
    private final Map<String, SimulatedCall> finished = new ConcurrentHashMap<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    /** How many calls were placed to each number so far (by its {@code To}): a number ending 88 misses only the first. */
    private final Map<String, AtomicInteger> placed = new ConcurrentHashMap<>();

    /**
     * @param authToken             the account's auth token: checked on REST requests
     * @param webhookSigningToken   signs our webhooks; the same as {@code authToken} unless a test plays an impostor
     * @param speed                 1.0 is real time; 0.05 runs twenty times faster
     * @param narration             told each step of each call, and each text message sent ({@link Narrator} prints
     *                              them; {@link CallNarration#SILENT})
     * @param deliverCallbacksTwice send every status and conference callback twice, as Twilio may on retries
     */
    public TwilioSimulator(String accountSid, String authToken, String webhookSigningToken, int port, double speed,
                           CallNarration narration, boolean deliverCallbacksTwice) {
        this.accountSid = accountSid;
        this.time = new SimulatedTime(speed);
        this.poster = new WebhookPoster(webhookSigningToken, deliverCallbacksTwice);
        this.rooms = new ConferenceRooms(accountSid, poster);
        TwimlInterpreter twiml = new TwimlInterpreter(time, poster, rooms, heard, narration);
        this.player = new CallPlayer(accountSid, time, poster, twiml, heard, narration, call -> finished.put(call.sid(), call));
        this.api = new TwilioApiStandIn(accountSid, authToken, port);
        api.onMessageCreated(message -> narration.step(message.sid(), message.to(), "text: " + message.body()));
        api.onCallCreated(call -> {
            int earlierCalls = placed.computeIfAbsent(String.valueOf(call.request().field("To")), to -> new AtomicInteger())
                    .getAndIncrement();
            play(call.sid(), () -> player.play(call, earlierCalls, api.line(call.sid())));
        });
    }

    /** Plays a call on its own virtual thread, which {@link #close()} waits for. */
    private void play(String callSid, Runnable call) {
        Thread t = Thread.ofVirtual().name("call-" + callSid).unstarted(() -> {
            try {
                call.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(t);
        t.start();
    }

    /**
     * Someone dials our Twilio number: Twilio posts the number's voice webhook to {@code voiceUrl} (signed, with the
     * parameters Twilio sends for an incoming call: {@code CallStatus=ringing}, {@code Direction=inbound},
     * {@code From}/{@code Caller} the caller, {@code To}/{@code Called} our number) and plays the TwiML it gets, as
     * for a call we placed: the caller hears every {@code <Say>} ({@link #heard(String)}), presses 1 when a
     * {@code <Gather>} asks, stays on a {@code <Dial><Conference>} bridge until the simulator stops, and is gone at a
     * {@code <Hangup/>}. The call can be hung up through the REST API like any other; once it ends it is in
     * {@link #finishedCalls()} (direction {@code inbound}). Each step is narrated under the caller's number,
     * starting with {@code dialled in}.
     *
     * @param from     the caller's number
     * @param to       our Twilio number they dialled
     * @param voiceUrl that number's voice URL: where our application answers incoming calls
     * @return the call's sid, at once: the call plays on its own virtual thread
     * @throws IllegalStateException once the simulator is closed
     */
    public String callIn(String from, String to, String voiceUrl) {
        if (time.stopped()) {
            throw new IllegalStateException("the Twilio simulator is closed");
        }
        CallLine line = new CallLine(TwilioReply.sid("CA"), to, from, "inbound", "ringing");
        api.register(line);
        play(line.sid, () -> player.playInbound(new LiveCall(accountSid, line, voiceUrl)));
        return line.sid;
    }

    /** Starts or ends an outage of Twilio's REST API ({@code POST /_local/faults twilio=5xx|timeout|off}). */
    public void outage(TwilioApiStandIn.Outage outage) {
        api.outage(outage);
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

    /**
     * Every request to hang up a call through the REST API ({@code POST .../Calls/{CallSid}.json} with
     * {@code Status=canceled} or {@code completed}), in arrival order, whatever its answer.
     */
    public List<TwilioApiStandIn.CreateRequest> updateRequests() {
        return api.updateRequests();
    }

    public List<Webhook> webhooks() {
        return poster.webhooks();
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
        return heard.of(callSid);
    }

    /**
     * How long after the answer the callee heard the first word: from the moment the answered call's TwiML starts to
     * the start of the first {@code <Say>}, in real time (whatever the speed). With {@code Url} it includes the
     * webhook to our application; with the TwiML given inline ({@code Twiml}) there is none. The simulator posts the
     * {@code answered} status callback just before (Twilio sends it alongside): its round trip is not counted. Empty
     * until something was said.
     */
    public Optional<java.time.Duration> answerToFirstWord(String callSid) {
        return heard.answerToFirstWord(callSid);
    }

    /** What each call has heard so far, by call sid: {@link #heard(String)} for every call placed. */
    public Map<String, List<String>> heard() {
        return heard.all();
    }

    /** How many participants are in the named conference right now. */
    public int onBridge(String conferenceName) {
        return rooms.size(conferenceName);
    }

    /** Hangs up every call still going (they stay on the bridge until now, calls dialled in too) and stops the REST API. */
    @Override
    public void close() {
        time.stop();
        api.close();
        poster.close();
        for (Thread t : running) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
