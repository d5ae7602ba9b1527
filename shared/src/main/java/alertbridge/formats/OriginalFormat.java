package alertbridge.formats;

import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * alertbridge's own usage, kept exactly as it always worked: {@code curl --data to=+81...,+81... --data message=...}
 * (a form body), the same fields as query parameters, {@code tels} as an alias of {@code to}, {@code team=}
 * rosters, and JSON with only {@code to}, {@code tels}, {@code team} and {@code message}. Numbers from the body and
 * the query are combined; the body's message wins over the query's. The message is said as written (made XML-safe),
 * and refused rather than cut when too long.
 */
final class OriginalFormat {
    /** Bodies of the original usage larger than this are refused (webhooks may be larger: {@link WebhookFormats}). */
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** What a JSON body of this usage looks like, for error details. */
    static final String JSON_EXAMPLE = "{\"to\": [...], \"message\": \"...\"}";
    /** The JSON fields of this usage: a body with only these is read here, any other is a webhook. */
    static final List<String> JSON_FIELDS = List.of("to", "tels", "team", "message");

    private OriginalFormat() {
    }

    /** A form (or empty) body with the query. */
    static InboundAlert fromForm(AlertInput input) {
        var form = FormEncoding.parse(input.body().strip());
        Recipients recipients = Recipients.fromFields(form).plus(Recipients.fromFields(input.query()));
        return finish(recipients, AlertInput.lastNonBlank(form.get("message")).or(() -> input.lastQuery("message")));
    }

    /** A JSON object of this usage's fields with the query. */
    static InboundAlert fromJson(JsonNode root, AlertInput input) {
        List<String> numbers = new ArrayList<>();
        for (String field : Recipients.NUMBER_FIELDS) {
            numbers.addAll(jsonList(root.get(field), field));
        }
        Recipients body = new Recipients(numbers, jsonList(root.get(Recipients.TEAM_FIELD), Recipients.TEAM_FIELD));
        return finish(body.plus(Recipients.fromFields(input.query())), jsonText(root.get("message")).or(() -> input.lastQuery("message")));
    }

    /** @return whether every field of {@code root} belongs to this usage */
    static boolean isOriginal(JsonNode root) {
        for (var names = root.fieldNames(); names.hasNext(); ) {
            if (!JSON_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static InboundAlert finish(Recipients recipients, Optional<String> written) {
        if (recipients.isEmpty()) {
            throw Refusal.invalid("missing_to",
                    "say whom to call: to=+81...,+81... (form or query), tels=..., JSON {\"to\": [\"+81...\"]}, or a roster: team=sre");
        }
        if (written.isEmpty() || written.get().isBlank()) {
            throw Refusal.invalid("missing_message", "say what to tell them: message=... (form, query or JSON)");
        }
        String message = SpokenText.speakable(written.get()).strip();
        if (message.isEmpty()) {
            throw Refusal.invalid("missing_message", "the message has nothing that can be spoken");
        }
        if (message.length() > InboundAlert.MAX_MESSAGE_CHARS) {
            throw Refusal.invalid("message_too_long",
                    "the message is " + message.length() + " characters; at most " + InboundAlert.MAX_MESSAGE_CHARS + " are spoken");
        }
        return InboundAlert.of(Format.ORIGINAL, Action.TRIGGER, "original", Optional.empty(), message, recipients);
    }

    private static List<String> jsonList(JsonNode node, String field) {
        List<String> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isTextual()) {
            items.addAll(Recipients.split(node.asText(), false));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw Refusal.invalid("invalid_to", "\"" + field + "\" must list numbers as strings, e.g. [\"+818012345678\"]");
                }
                items.addAll(Recipients.split(item.asText(), false));
            }
        } else {
            throw Refusal.invalid("invalid_to", "\"" + field + "\" must be a string or an array of strings");
        }
        return items;
    }

    private static Optional<String> jsonText(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("invalid_message", "\"message\" must be a string");
        }
        return Optional.of(node.asText());
    }
}
