package alertbridge.testkit.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One simulated call while it lasts: what the create request asked for (or, for someone dialling our number, who
 * and which number), and what has happened so far.
 */
final class LiveCall {
    final String accountSid;
    final String sid;
    final String to;
    final String from;
    /**
     * Where our TwiML for the answered call is ({@code Url}; for a call dialled in, the number's voice URL); null when
     * the call was created with the TwiML itself ({@link #twiml}).
     */
    final String url;
    /** The TwiML given with the call ({@code Twiml}), played on answer without any request; only when there is no {@code Url}. */
    final Optional<String> twiml;
    /** Both {@code Url} and {@code Twiml} were given: Twilio plays the Url and warns (32019). */
    final boolean twimlIgnored;
    final CalleeBehaviour behaviour;
    final Optional<String> statusCallback;
    final Set<String> statusEvents;
    final int timeoutSeconds;
    /** Its status as the REST API sees it, and hang-ups through the REST API. */
    final CallLine line;
    int sequence;
    Instant answeredAt;
    /**
     * {@link System#nanoTime()} when the answered call's TwiML starts (fetched or given inline), for
     * {@link HeardLog#answerToFirstWord}; 0 before. After the simulator's own {@code answered} status callback, which
     * it posts before the TwiML while Twilio sends it alongside: that callback's round trip is not counted.
     */
    long twimlStartedNanos;
    boolean pressedKey;
    boolean joinedBridge;

    /** @param behaviour what the callee does ({@link CalleeBehaviour#of}) */
    LiveCall(String accountSid, TwilioApiStandIn.CreatedCall created, CalleeBehaviour behaviour, CallLine line) {
        TwilioApiStandIn.CreateRequest r = created.request();
        this.accountSid = accountSid;
        this.sid = created.sid();
        this.to = r.field("To");
        this.from = r.field("From");
        String url = Optional.ofNullable(r.field("Url")).filter(u -> !u.isBlank()).orElse(null);
        Optional<String> twiml = Optional.ofNullable(r.field("Twiml")).filter(t -> !t.isBlank());
        this.url = url;
        this.twiml = url == null ? twiml : Optional.empty();
        this.twimlIgnored = url != null && twiml.isPresent();
        this.behaviour = behaviour;
        this.statusCallback = Optional.ofNullable(r.field("StatusCallback")).filter(s -> !s.isBlank());
        List<String> events = new ArrayList<>();
        r.form().getOrDefault("StatusCallbackEvent", List.of()).forEach(v -> events.addAll(List.of(v.trim().split("\\s+"))));
        this.statusEvents = Set.copyOf(events.isEmpty() ? List.of("completed") : events);
        this.timeoutSeconds = Optional.ofNullable(r.field("Timeout")).map(Integer::parseInt).orElse(60);
        this.line = line;
    }

    /**
     * Someone dialling our number: {@code line} says who ({@code from}) and which number ({@code to}); our TwiML is at
     * the number's voice URL; there are no status callbacks (none was asked for), and the caller is
     * {@link CalleeBehaviour#caller()}.
     */
    LiveCall(String accountSid, CallLine line, String voiceUrl) {
        this.accountSid = accountSid;
        this.sid = line.sid;
        this.to = line.to;
        this.from = line.from;
        this.url = voiceUrl;
        this.twiml = Optional.empty();
        this.twimlIgnored = false;
        this.behaviour = CalleeBehaviour.caller();
        this.statusCallback = Optional.empty();
        this.statusEvents = Set.of();
        this.timeoutSeconds = 60;
        this.line = line;
    }

    /** The person's number, whichever way the call goes: whom we called, or who dialled in. */
    String person() {
        return line.direction.equals("inbound") ? from : to;
    }

    /**
     * The call is answered now (again is harmless).
     *
     * @throws CallLine.HungUp when it was hung up through the REST API first
     */
    void answer() throws CallLine.HungUp {
        line.answer();
        if (answeredAt == null) {
            answeredAt = Instant.now();
        }
    }

    /** The parameters Twilio sends with every voice webhook about this call. */
    Map<String, String> voiceParams(String callStatus) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", sid);
        p.put("CallStatus", callStatus);
        p.put("Called", to);
        p.put("Caller", from);
        p.put("Direction", line.direction);
        p.put("From", from);
        p.put("To", to);
        return p;
    }
}
