package alertbridge.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Tolerant reads from a payload: a missing, null, blank or non-scalar field is simply absent. */
final class JsonFields {
    private JsonFields() {
    }

    static Optional<String> text(JsonNode node, String field) {
        return text(node.path(field));
    }

    static Optional<String> text(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        String s = value.asText().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The first of the fields that has a value, or "". */
    static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            Optional<String> value = text(node, field);
            if (value.isPresent()) {
                return value.get();
            }
        }
        return "";
    }
}
