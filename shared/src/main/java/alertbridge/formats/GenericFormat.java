package alertbridge.formats;

import static alertbridge.formats.JsonFields.text;

import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generic JSON, a superset of the original {@code {"to": [...], "message": "..."}}: {@code to} (or {@code tels}) and
 * {@code team} (or {@code teams}) as an array or a comma-separated string, optional {@code dedup_key}
 * ({@code dedupKey}) and {@code status} ({@code resolved} closes). The message is the sender's own: it is said as
 * written (without URLs) and, as in the original usage, refused rather than cut when too long.
 */
final class GenericFormat {
    private static final Set<String> RESOLVED = Set.of("resolved", "resolve", "ok", "closed", "close");

    private GenericFormat() {
    }

    static InboundAlert parse(JsonNode root, SpokenSummary speech) {
        String status = text(root, "status").orElse("firing");
        Action action = RESOLVED.contains(status.toLowerCase(Locale.ROOT)) ? Action.RESOLVE : Action.TRIGGER;
        JsonNode messageNode = root.path("message");
        if (!messageNode.isMissingNode() && !messageNode.isNull() && !messageNode.isTextual()) {
            throw Refusal.invalid("invalid_message", "\"message\" must be a string");
        }
        String cleaned = SpokenText.clean(messageNode.asText(""));
        String spoken;
        if (!cleaned.isEmpty()) {
            if (cleaned.length() > InboundAlert.MAX_MESSAGE_CHARS) {
                throw Refusal.invalid("message_too_long", "the message is " + cleaned.length()
                        + " characters; at most " + InboundAlert.MAX_MESSAGE_CHARS + " are spoken");
            }
            spoken = speech.verbatim(cleaned, InboundAlert.MAX_MESSAGE_CHARS);
        } else if (action == Action.RESOLVE) {
            spoken = speech.say(Format.GENERIC, action, List.of(), 0);
        } else {
            throw Refusal.invalid("missing_message",
                    "say what to tell them: {\"message\": \"...\"} (links are not read aloud)");
        }
        return InboundAlert.of(Format.GENERIC, action, status, text(root, "dedup_key").or(() -> text(root, "dedupKey")),
                spoken, new Recipients(list(root, "to", "tels"), list(root, "team", "teams")));
    }

    /** Values of the fields, each an array of strings or a string of comma-, semicolon- or newline-separated items. */
    private static List<String> list(JsonNode root, String... fields) {
        List<String> items = new ArrayList<>();
        for (String field : fields) {
            JsonNode node = root.path(field);
            if (node.isMissingNode() || node.isNull()) {
                continue;
            }
            if (!node.isTextual() && !node.isArray()) {
                throw Refusal.invalid("invalid_" + fields[0], "\"" + field + "\" must be a string or an array of strings");
            }
            for (JsonNode item : node.isArray() ? node : List.of(node)) {
                if (!item.isTextual()) {
                    throw Refusal.invalid("invalid_" + fields[0], "\"" + field + "\" must list strings, e.g. [\"a\", \"b\"]");
                }
                items.addAll(Recipients.split(item.asText(), false));
            }
        }
        return items;
    }
}
