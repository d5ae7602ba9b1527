package alertbridge.testkit.twilio;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twilio's Calls resource as the {@link TwilioApiStandIn} plays it, the HTTP and the injected faults left to the
 * stand-in: every call it knows (created, or registered as dialling in), by sid, and what creating, fetching and
 * updating one answers. Callee behaviour by the number's last two digits: {@code 96} is refused with error 21215,
 * {@code 97} gets HTTP 429 twice and is then accepted, everything else is queued. A create with neither {@code Url}
 * nor {@code Twiml} is refused with error 21205, a {@code Twiml} over {@value #MAX_TWIML_CHARS} characters (and no
 * {@code Url}) with 32018. An update takes {@code Status=canceled} or {@code Status=completed} ({@link CallLine} has
 * the semantics); a call that has ended gets 21220, an unknown sid 20404, any other update 20001.
 */
final class CallsResource {
    /** The longest inline {@code Twiml} Twilio takes (its error 32018 beyond). */
    static final int MAX_TWIML_CHARS = 4000;
    private final String accountSid;
    /** Every call accepted (and every inbound call registered), by sid, for "update a call". */
    private final Map<String, CallLine> lines = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

    CallsResource(String accountSid) {
        this.accountSid = accountSid;
    }

    /** The call with this sid; null if none was created or registered. */
    CallLine line(String callSid) {
        return lines.get(callSid);
    }

    /** Makes a call that was not created through the API (someone dialling in) known to "update a call". */
    void register(CallLine line) {
        lines.put(line.sid, line);
    }

    /** "Create a call": 201 with the call (known from now on, so an update right after the answer finds it), or an error. */
    TwilioReply create(Map<String, List<String>> form) {
        String to = form.getOrDefault("To", List.of("")).get(0);
        if (to.endsWith("96")) {
            return new TwilioReply(400, TwilioReply.error(21215, "Account not authorized to call " + to
                    + ". Perhaps you need to enable some international permissions", 400));
        }
        if (to.endsWith("97") && throttled.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet() <= 2) {
            return new TwilioReply(429, TwilioReply.error(20429, "Too Many Requests", 429));
        }
        String url = form.getOrDefault("Url", List.of("")).get(0);
        String twiml = form.getOrDefault("Twiml", List.of("")).get(0);
        if (url.isBlank() && twiml.isBlank()) {
            return new TwilioReply(400, TwilioReply.error(21205,
                    "Url parameter is required. For more information, see http://www.twilio.com/docs/api/twiml", 400));
        }
        if (url.isBlank() && twiml.length() > MAX_TWIML_CHARS) {
            return new TwilioReply(400, TwilioReply.error(32018,
                    "Twiml size exceeded maximum allowed value of " + MAX_TWIML_CHARS + " characters", 400));
        }
        String sid = TwilioReply.sid("CA");
        CallLine line = new CallLine(sid, to, form.getOrDefault("From", List.of("")).get(0), "outbound-api", "queued");
        lines.put(sid, line);
        return new TwilioReply(201, TwilioReply.call(accountSid, line, line.status()));
    }

    /** "Fetch a call": its status now; 404 for an unknown sid. */
    TwilioReply fetch(String path, String callSid) {
        CallLine line = lines.get(callSid);
        return line == null ? notFound(path) : new TwilioReply(200, TwilioReply.call(accountSid, line, line.fetched()));
    }

    /** "Update a call": {@code Status=canceled} or {@code Status=completed} (see {@link CallLine} for the semantics). */
    TwilioReply update(String path, String callSid, Map<String, List<String>> form) {
        CallLine line = lines.get(callSid);
        if (line == null) {
            return notFound(path);
        }
        String status = form.getOrDefault("Status", List.of("")).get(0);
        if (!status.equals("canceled") && !status.equals("completed")) {
            // Twilio also redirects a call (Url, Twiml); the simulator does not play that, so it says so
            return new TwilioReply(400, TwilioReply.error(20001, "Invalid parameter: the simulator updates a call only with "
                    + "Status=canceled or Status=completed, not " + form.keySet(), 400));
        }
        Optional<String> now = line.update(status);
        if (now.isEmpty()) {
            return new TwilioReply(400, TwilioReply.error(21220, "Call is not in-progress. Cannot redirect.", 400));
        }
        return new TwilioReply(200, TwilioReply.call(accountSid, line, now.get()));
    }

    /** Twilio's 404 for a path it does not know. */
    static TwilioReply notFound(String path) {
        return new TwilioReply(404, TwilioReply.error(20404, "The requested resource " + path + " was not found", 404));
    }
}
