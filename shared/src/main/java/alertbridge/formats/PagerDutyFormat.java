package alertbridge.formats;

import static alertbridge.formats.JsonFields.first;
import static alertbridge.formats.JsonFields.text;

import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * A PagerDuty Events API v2 event: {@code routing_key}, {@code event_action} (trigger, acknowledge, resolve),
 * {@code dedup_key}, {@code payload{summary, source, severity}}. The routing key is never read (it is a
 * PagerDuty credential and says nothing to us).
 */
final class PagerDutyFormat {
    private PagerDutyFormat() {
    }

    static InboundAlert parse(JsonNode root, SpokenSummary speech) {
        String eventAction = text(root, "event_action").orElse("trigger").toLowerCase(Locale.ROOT);
        Action action = switch (eventAction) {
            case "trigger" -> Action.TRIGGER;
            case "resolve" -> Action.RESOLVE;
            case "acknowledge" -> Action.IGNORE; // someone is on it; the open incident stays open
            default -> throw Refusal.invalid("invalid_event_action",
                    "event_action must be trigger, acknowledge or resolve");
        };
        JsonNode payload = root.path("payload");
        AlertFacts facts = new AlertFacts(first(payload, "summary"), "", first(payload, "severity"),
                first(payload, "source"));
        return InboundAlert.of(Format.PAGERDUTY, action, eventAction, text(root, "dedup_key"),
                speech.say(Format.PAGERDUTY, action, List.of(facts), 1), Recipients.NONE);
    }
}
