package alertbridge.events;

import alertbridge.incident.IncidentTimeline;
import alertbridge.phone.PhoneMask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies posted for an event, built at delivery time from the incident's timeline (so they say who is on the
 * bridge then; numbers masked). Generic: {@code {"id", "type", "time", "incident": {...}}}, plus {@code "callee"}
 * for {@code callee.joined} and {@code "round"} for escalated/unanswered. Slack: a {@code text} fallback and blocks.
 */
public final class EventPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventPayloads() {
    }

    /** The generic JSON body (signed by {@link EventSignature}). */
    public static String generic(IncidentEvent event, IncidentTimeline timeline) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("time", event.time().toString());
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", timeline.incidentId());
        incident.put("status", timeline.status());
        incident.put("message", timeline.message());
        incident.put("createdAt", timeline.createdAt().toString());
        timeline.resolvedAt().ifPresent(t -> incident.put("resolvedAt", t.toString()));
        timeline.resolvedBy().ifPresent(b -> incident.put("resolvedBy", b));
        incident.put("rounds", timeline.rounds());
        incident.put("onBridge", onBridge(timeline).stream().map(EventPayloads::person).toList());
        body.put("incident", incident);
        event.round().ifPresent(r -> body.put("round", r));
        callee(event, timeline).ifPresent(c -> body.put("callee", person(c)));
        return json(body);
    }

    /**
     * An {@code oncall.handoff}: Slack's {@code {"text"}} with the sentence it carries, or the generic
     * {@code {id, type, time, team, at, from, to, until}}.
     */
    public static String handoff(IncidentEvent event, boolean slack) {
        if (slack) {
            return json(Map.of("text", String.valueOf(event.detail().getOrDefault("slack", ""))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("time", event.time().toString());
        for (String field : List.of("team", "at", "from", "to", "until")) {
            body.put(field, event.detail().get(field));
        }
        return json(body);
    }

    /** Slack's incoming-webhook body: {@code text} (the notification) and section/context blocks. */
    public static String slack(IncidentEvent event, IncidentTimeline timeline) {
        return slack(event, timeline, Optional.empty());
    }

    /** @param pageLink the incident page's shareable link, said as a last context line (Slack's {@code <url|text>}) */
    public static String slack(IncidentEvent event, IncidentTimeline timeline, Optional<String> pageLink) {
        String headline = headline(event, timeline);
        List<String> bridge = onBridge(timeline).stream().map(c -> PhoneMask.mask(c.to())).toList();
        String context = "incident `" + timeline.incidentId() + "` · " + timeline.status() + " · on the bridge: "
                + (bridge.isEmpty() ? "nobody" : String.join(", ", bridge));
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + escape(headline) + "*\n"
                + escape(timeline.message()))));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", escape(context)))));
        pageLink.ifPresent(url -> blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                "text", "<" + escape(url) + "|Open the live incident page> (read-only link, no token needed)")))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", escape(headline + ": " + timeline.message()));
        body.put("blocks", blocks);
        return json(body);
    }

    /** The event in a few words, e.g. "Round 2: nobody on the bridge yet, calling again". */
    static String headline(IncidentEvent event, IncidentTimeline timeline) {
        return switch (event.type()) {
            case IncidentEvent.OPENED -> "Incident opened";
            case IncidentEvent.JOINED -> callee(event, timeline)
                    .map(c -> PhoneMask.mask(c.to()) + " joined the bridge (" + (c.via().equals("call") ? "answered our call" : "dialled in") + ")")
                    .orElse("Someone joined the bridge");
            case IncidentEvent.ESCALATED -> "Round " + event.round().orElse(2) + ": nobody on the bridge yet, calling again";
            case IncidentEvent.UNANSWERED -> "Unanswered: nobody reached the bridge in " + event.round().orElse(1) + " round(s)";
            case IncidentEvent.RESOLVED -> "Resolved";
            default -> event.type();
        };
    }

    private static List<IncidentTimeline.Callee> onBridge(IncidentTimeline timeline) {
        return timeline.callees().stream().filter(IncidentTimeline.Callee::onBridge).toList();
    }

    /** The callee whose call (or dial-in) joined, by the event's call SID. */
    private static Optional<IncidentTimeline.Callee> callee(IncidentEvent event, IncidentTimeline timeline) {
        return event.callSid().flatMap(sid -> timeline.callees().stream()
                .filter(c -> c.callSid().equals(Optional.of(sid))
                        || c.attempts().stream().anyMatch(a -> a.callSid().equals(Optional.of(sid))))
                .findFirst());
    }

    private static Map<String, Object> person(IncidentTimeline.Callee callee) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", PhoneMask.mask(callee.to()));
        p.put("via", callee.via());
        callee.joinedAt().ifPresent(t -> p.put("joinedAt", t.toString()));
        return p;
    }

    /** Slack's control characters in text (mrkdwn or plain): {@code &}, {@code <}, {@code >}. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
