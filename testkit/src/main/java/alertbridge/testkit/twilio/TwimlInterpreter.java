package alertbridge.testkit.twilio;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Plays our TwiML to an answered call as Twilio would: takes the first document as given with the call
 * ({@code Twiml}) or fetches it, and every later one, with a signed webhook, and plays its
 * verbs in order: Say (timed by its words, recorded as heard), Play, Pause, Gather (the callee's key posted to its
 * action as {@code Digits}), Redirect, Hangup/Reject, Dial/Conference (the callee on the bridge until they leave,
 * the call is hung up through the REST API, or the simulator stops). Anything else is skipped and narrated. Every
 * wait ends early when the call is hung up through the REST API ({@link CallLine.HungUp}).
 */
final class TwimlInterpreter {
    /** Words a text-to-speech voice says per second, to time a {@code <Say>}. */
    private static final double WORDS_PER_SECOND = 3.0;
    /** The most documents one call fetches (Redirect and Gather loops end here). */
    private static final int MAX_DOCUMENTS = 20;

    private final SimulatedTime time;
    private final WebhookPoster poster;
    private final ConferenceRooms rooms;
    private final HeardLog heard;
    private final CallNarration narration;

    TwimlInterpreter(SimulatedTime time, WebhookPoster poster, ConferenceRooms rooms, HeardLog heard, CallNarration narration) {
        this.time = time;
        this.poster = poster;
        this.rooms = rooms;
        this.heard = heard;
        this.narration = narration;
        // the XML parser's first use loads and links its classes (tens of ms): paid here, at start, so the first
        // call's answer-to-first-word measures the TwiML's way to the phone, not the simulator's own warm-up
        parseQuietly("<Response/>");
    }

    /** The document to fetch next (from Gather's action or Redirect). */
    private record Next(String url, Map<String, String> params) {
    }

    /**
     * Plays the call's TwiML until the call ends (Hangup, an error, or the end of the document): the TwiML given with
     * the call ({@code Twiml}), at once and without any request, or else the document fetched from its {@code Url}
     * (for someone dialling in, the number's voice URL); then every document a Gather's action or a Redirect leads to.
     * The first request carries the call's status now: {@code in-progress} for a call we placed (answered before its
     * TwiML is asked for), {@code ringing} for someone dialling in, whose call is answered once Twilio has the answer
     * (TwiML, or an error it plays as such). Inline TwiML has no URL of its own: its actions must be absolute URLs.
     */
    void run(LiveCall call) throws InterruptedException {
        call.twimlStartedNanos = System.nanoTime();
        String url = call.url;
        Optional<Document> doc = url == null
                ? parse(call, call.twiml.orElseThrow(() -> new IllegalStateException("neither Url nor Twiml")))
                : fetch(call, url, call.voiceParams(call.line.status()));
        call.answer();
        int documents = 0;
        while (doc.isPresent() && documents++ < MAX_DOCUMENTS) {
            Optional<Next> next = playVerbs(call, url, children(doc.get().getDocumentElement()));
            if (next.isEmpty()) {
                return;
            }
            url = next.get().url();
            call.line.throwIfHungUp(); // no more webhooks for a call hung up through the REST API
            doc = fetch(call, url, next.get().params());
        }
    }

    private Optional<Next> playVerbs(LiveCall call, String currentUrl, List<Element> verbs) throws InterruptedException {
        for (Element verb : verbs) {
            switch (verb.getTagName()) {
                case "Say" -> say(call, verb);
                case "Play" -> time.pause(Math.max(1, intAttr(verb, "loop", 1)), call.line);
                case "Pause" -> time.pause(intAttr(verb, "length", 1), call.line);
                case "Gather" -> {
                    Optional<Next> next = gather(call, currentUrl, verb);
                    if (next.isPresent()) {
                        return next;
                    }
                }
                case "Redirect" -> {
                    String to = resolve(currentUrl, verb.getTextContent().strip());
                    if (to == null) {
                        narration.step(call.sid, call.person(), "application error (no absolute Redirect URL in inline TwiML)");
                        return Optional.empty();
                    }
                    return Optional.of(new Next(to, call.voiceParams("in-progress")));
                }
                case "Hangup", "Reject" -> {
                    return Optional.empty();
                }
                case "Dial" -> dial(call, verb);
                default -> narration.step(call.sid, call.person(), "skipped <" + verb.getTagName() + ">");
            }
        }
        return Optional.empty();
    }

    private void say(LiveCall call, Element say) throws InterruptedException {
        hear(call, say);
        int words = say.getTextContent().strip().split("\\s+").length;
        int loop = intAttr(say, "loop", 1);
        time.pause(words / WORDS_PER_SECOND * (loop == 0 ? 10 : loop), call.line);
    }

    private Optional<Next> gather(LiveCall call, String currentUrl, Element gather) throws InterruptedException {
        String action = resolve(currentUrl, Optional.ofNullable(gather.getAttribute("action")).filter(a -> !a.isBlank()).orElse(currentUrl));
        if (action == null) {
            narration.step(call.sid, call.person(), "application error (no absolute action URL in inline TwiML)");
            return Optional.empty();
        }
        if (call.behaviour.pressesKey()) {
            // the key is pressed while the first <Say> plays: what comes before it, and it, are heard
            for (Element nested : children(gather)) {
                if (nested.getTagName().equals("Say")) {
                    hear(call, nested);
                    break;
                }
            }
            time.pause(0.5, call.line); // a moment to hear "alert" and reach for the keypad
            call.pressedKey = true;
            narration.step(call.sid, call.person(), "pressed 1");
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
                time.pause(intAttr(nested, "length", 1), call.line);
            } else if (nested.getTagName().equals("Play")) {
                time.pause(1, call.line);
            }
        }
        time.pause(intAttr(gather, "timeout", 5), call.line);
        if ("true".equals(gather.getAttribute("actionOnEmptyResult"))) {
            return Optional.of(new Next(action, call.voiceParams("in-progress")));
        }
        return Optional.empty(); // no key: Twilio goes on with the verb after <Gather>
    }

    private void dial(LiveCall call, Element dial) throws InterruptedException {
        Optional<Element> conference = children(dial).stream().filter(e -> e.getTagName().equals("Conference")).findFirst();
        if (conference.isEmpty()) {
            narration.step(call.sid, call.person(), "skipped <Dial> without <Conference>");
            return;
        }
        Element c = conference.get();
        String name = c.getTextContent().strip();
        String events = c.getAttribute("statusCallbackEvent");
        ConferenceRooms.Callbacks callbacks = new ConferenceRooms.Callbacks(c.getAttribute("statusCallback"),
                Set.of(events.isBlank() ? new String[0] : events.trim().split("\\s+")));
        List<ConferenceRooms.Event> joined = rooms.join(name, call.sid, callbacks);
        call.joinedBridge = true;
        narration.step(call.sid, call.person(), "joined bridge (" + joined.getLast().onBridge() + " on bridge)");
        joined.forEach(rooms::report);
        CallLine.HungUp hungUp = null;
        try {
            if (call.behaviour.leavesBridge()) {
                time.pause(call.behaviour.leaveAfterSeconds(), call.line);
            } else {
                time.untilStopped(call.line); // stays on the bridge until the simulator stops
            }
        } catch (CallLine.HungUp h) {
            hungUp = h; // hung up through the REST API: leaves the bridge, then the call ends
        }
        List<ConferenceRooms.Event> left = rooms.leave(name, call.sid);
        narration.step(call.sid, call.person(), "left bridge (" + rooms.size(name) + " on bridge)");
        left.forEach(rooms::report);
        if (hungUp != null) {
            throw hungUp;
        }
    }

    /** Posts {@code params} to {@code url}, signed, and parses the answer as TwiML. */
    private Optional<Document> fetch(LiveCall call, String url, Map<String, String> params) {
        Optional<String> body = poster.post(call.sid, url, params);
        if (body.isEmpty()) {
            narration.step(call.sid, call.person(), "application error (see the webhook's answer)");
            return Optional.empty();
        }
        return parse(call, body.get());
    }

    /** Reads a TwiML document; narrates an application error when it is none. */
    private Optional<Document> parse(LiveCall call, String twiml) {
        Optional<Document> doc = parseQuietly(twiml);
        if (doc.isEmpty()) {
            narration.step(call.sid, call.person(), "application error (not TwiML)");
        }
        return doc;
    }

    /** A TwiML document ({@code <Response>} at its root); empty when it is none. */
    private static Optional<Document> parseQuietly(String twiml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // the error is narrated below, not printed by the parser
            Document doc = builder.parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
            if (!doc.getDocumentElement().getTagName().equals("Response")) {
                throw new IllegalArgumentException("root is not <Response>");
            }
            return Optional.of(doc);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void hear(LiveCall call, Element say) {
        heard.add(call.sid, say.getTextContent().strip(), call.twimlStartedNanos);
    }

    /** {@code url} against the document's own URL; null when there is none (inline TwiML) and {@code url} is relative. */
    private static String resolve(String base, String url) {
        if (url == null) {
            return null;
        }
        if (base == null) {
            try {
                URI uri = URI.create(url);
                return uri.isAbsolute() ? uri.toString() : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
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
}
