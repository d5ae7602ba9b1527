package alertbridge.alert;

import alertbridge.refusal.Refusal;
import alertbridge.formats.FormEncoding;
import alertbridge.http.HttpRequest;
import alertbridge.formats.JsonBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an alert from every form the original usage allows:
 * {@code curl --data to=+81...,+81... --data message=...} (form body), the same fields as query parameters,
 * {@code tels} as an alias of {@code to}, and JSON {@code {"to": [...] | "a,b", "message": "..."}}.
 * Numbers from the body and the query are combined; the body's message wins over the query's.
 */
public final class AlertRequestParser {
    /** Bodies larger than this are refused before parsing. */
    public static final int MAX_BODY_CHARS = 64 * 1024;
    /** The spoken message is cut off by nobody: longer messages are refused. */
    public static final int MAX_MESSAGE_CHARS = 1000;

    private static final List<String> NUMBER_FIELDS = List.of("to", "tels");
    private static final String TEAM_FIELD = "team";

    public AlertRequest parse(HttpRequest request) {
        if (request.body().length() > MAX_BODY_CHARS) {
            throw Refusal.tooLarge("body_too_large", "the body may be at most " + MAX_BODY_CHARS + " characters");
        }
        List<String> numbers = new ArrayList<>();
        List<String> teams = new ArrayList<>();
        String message = null;

        String body = request.body().strip();
        if (!body.isEmpty()) {
            String type = request.mediaType();
            if (type.contains("json") || (!type.equals("application/x-www-form-urlencoded") && body.startsWith("{"))) {
                JsonNode root = readJson(body);
                for (String field : NUMBER_FIELDS) {
                    addJsonNumbers(root.get(field), field, numbers);
                }
                addJsonNumbers(root.get(TEAM_FIELD), TEAM_FIELD, teams);
                message = jsonText(root.get("message"));
            } else if (type.isEmpty() || type.equals("application/x-www-form-urlencoded")) {
                Map<String, List<String>> form = FormEncoding.parse(body);
                for (String field : NUMBER_FIELDS) {
                    form.getOrDefault(field, List.of()).forEach(v -> splitFormNumbers(v, numbers));
                }
                form.getOrDefault(TEAM_FIELD, List.of()).forEach(v -> splitNumbers(v, teams));
                message = lastNonBlank(form.get("message"));
            } else {
                throw Refusal.unsupported("unsupported_media_type",
                        "send application/x-www-form-urlencoded (curl --data) or application/json, not '" + type + "'");
            }
        }
        addQueryRecipients(request, numbers, teams);
        if (message == null) {
            message = lastNonBlank(request.queryValues("message"));
        }

        if (numbers.isEmpty() && teams.isEmpty()) {
            throw Refusal.invalid("missing_to",
                    "say whom to call: to=+81...,+81... (form or query), tels=..., JSON {\"to\": [\"+81...\"]}, or a roster: team=sre");
        }
        if (message == null || message.isBlank()) {
            throw Refusal.invalid("missing_message", "say what to tell them: message=... (form, query or JSON)");
        }
        message = speakable(message).strip();
        if (message.isEmpty()) {
            throw Refusal.invalid("missing_message", "the message has nothing that can be spoken");
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw Refusal.invalid("message_too_long",
                    "the message is " + message.length() + " characters; at most " + MAX_MESSAGE_CHARS + " are spoken");
        }
        return new AlertRequest(numbers, message, teams);
    }

    /**
     * Adds whom the URL names: numbers from {@code ?to=+81...,+81...} and {@code ?tels=...} (as written) and teams
     * from {@code ?team=sre,dba}.
     */
    public static void addQueryRecipients(HttpRequest request, List<String> numbers, List<String> teams) {
        for (String field : NUMBER_FIELDS) {
            request.queryValues(field).forEach(v -> splitFormNumbers(v, numbers));
        }
        request.queryValues(TEAM_FIELD).forEach(v -> splitNumbers(v, teams));
    }

    /**
     * Replaces what XML 1.0 cannot carry (control characters such as ANSI colour codes, NUL, unpaired surrogates)
     * with spaces: the message ends up in TwiML, and one such character would make every callee's TwiML fail.
     */
    public static String speakable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            boolean surrogate = Character.charCount(cp) == 1 && Character.isSurrogate((char) cp);
            boolean xmlChar = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (xmlChar && !surrogate && !(cp >= 0x7F && cp <= 0x9F)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static JsonNode readJson(String body) {
        return JsonBody.readObject(body, "{\"to\": [...], \"message\": \"...\"}");
    }

    private static void addJsonNumbers(JsonNode node, String field, List<String> numbers) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual()) {
            splitNumbers(node.asText(), numbers);
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw Refusal.invalid("invalid_to", "\"" + field + "\" must list numbers as strings, e.g. [\"+818012345678\"]");
                }
                splitNumbers(item.asText(), numbers);
            }
        } else {
            throw Refusal.invalid("invalid_to", "\"" + field + "\" must be a string or an array of strings");
        }
    }

    private static String jsonText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Refusal.invalid("invalid_message", "\"message\" must be a string");
        }
        return node.asText();
    }

    private static void splitNumbers(String value, List<String> numbers) {
        for (String part : value.split("[,;\\n]")) {
            if (!part.isBlank()) {
                numbers.add(part.strip());
            }
        }
    }

    /**
     * {@code curl --data to=+8170...} sends the '+' unencoded, and form decoding turns it into a space. A number
     * written with a leading space before its digits therefore had a '+' there: restore it.
     */
    private static void splitFormNumbers(String value, List<String> numbers) {
        for (String part : value.split("[,;\\n]")) {
            String rest = part.stripLeading();
            if (!rest.isEmpty() && part.charAt(0) == ' ' && Character.isDigit(rest.charAt(0))) {
                part = "+" + rest;
            }
            if (!part.isBlank()) {
                numbers.add(part.strip());
            }
        }
    }

    private static String lastNonBlank(List<String> values) {
        if (values == null) {
            return null;
        }
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isBlank()) {
                return values.get(i);
            }
        }
        return null;
    }
}
