package alertbridge.alert;

import alertbridge.http.ClientError;
import alertbridge.http.FormEncoding;
import alertbridge.http.HttpRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NUMBER_FIELDS = List.of("to", "tels");

    public AlertRequest parse(HttpRequest request) {
        if (request.body().length() > MAX_BODY_CHARS) {
            throw new ClientError(413, "body_too_large", "the body may be at most " + MAX_BODY_CHARS + " characters");
        }
        List<String> numbers = new ArrayList<>();
        String message = null;

        String body = request.body().strip();
        if (!body.isEmpty()) {
            String type = request.mediaType();
            if (type.contains("json") || (!type.equals("application/x-www-form-urlencoded") && body.startsWith("{"))) {
                JsonNode root = readJson(body);
                for (String field : NUMBER_FIELDS) {
                    addJsonNumbers(root.get(field), field, numbers);
                }
                message = jsonText(root.get("message"));
            } else if (type.isEmpty() || type.equals("application/x-www-form-urlencoded")) {
                Map<String, List<String>> form = FormEncoding.parse(body);
                for (String field : NUMBER_FIELDS) {
                    form.getOrDefault(field, List.of()).forEach(v -> splitFormNumbers(v, numbers));
                }
                message = lastNonBlank(form.get("message"));
            } else {
                throw new ClientError(415, "unsupported_media_type",
                        "send application/x-www-form-urlencoded (curl --data) or application/json, not '" + type + "'");
            }
        }
        for (String field : NUMBER_FIELDS) {
            request.queryValues(field).forEach(v -> splitFormNumbers(v, numbers));
        }
        if (message == null) {
            message = lastNonBlank(request.queryValues("message"));
        }

        if (numbers.isEmpty()) {
            throw ClientError.badRequest("missing_to",
                    "say whom to call: to=+81...,+81... (form or query), tels=..., or JSON {\"to\": [\"+81...\"]}");
        }
        if (message == null || message.isBlank()) {
            throw ClientError.badRequest("missing_message", "say what to tell them: message=... (form, query or JSON)");
        }
        message = message.strip();
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw ClientError.badRequest("message_too_long",
                    "the message is " + message.length() + " characters; at most " + MAX_MESSAGE_CHARS + " are spoken");
        }
        return new AlertRequest(numbers, message);
    }

    private static JsonNode readJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ClientError.badRequest("malformed_json", "the body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw ClientError.badRequest("malformed_json", "the JSON body must be an object like {\"to\": [...], \"message\": \"...\"}");
        }
        return root;
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
                    throw ClientError.badRequest("invalid_to", "\"" + field + "\" must list numbers as strings, e.g. [\"+818012345678\"]");
                }
                splitNumbers(item.asText(), numbers);
            }
        } else {
            throw ClientError.badRequest("invalid_to", "\"" + field + "\" must be a string or an array of strings");
        }
    }

    private static String jsonText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ClientError.badRequest("invalid_message", "\"message\" must be a string");
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
            if (part.length() > 1 && part.charAt(0) == ' ' && Character.isDigit(part.stripLeading().charAt(0))) {
                part = "+" + part.stripLeading();
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
