package alertbridge.formats;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What arrived at {@code /alert}, as the formats read it: the body (decoded to text), its media type without
 * parameters ({@code application/json}; empty when none was sent) and the URL's query parameters.
 */
public record AlertInput(String body, String mediaType, Map<String, List<String>> query) {
    public static final String FORM = "application/x-www-form-urlencoded";

    public AlertInput {
        body = body == null ? "" : body;
        query = Map.copyOf(query);
    }

    /** The first value of a query parameter, unless blank. */
    Optional<String> firstQuery(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0)).filter(v -> !v.isBlank());
    }

    /** The last non-blank value of a query parameter. */
    public Optional<String> lastQuery(String name) {
        return lastNonBlank(query.get(name));
    }

    static Optional<String> lastNonBlank(List<String> values) {
        if (values != null) {
            for (int i = values.size() - 1; i >= 0; i--) {
                if (!values.get(i).isBlank()) {
                    return Optional.of(values.get(i));
                }
            }
        }
        return Optional.empty();
    }

    /** A JSON body: declared so, or starting with '{' without a form media type. */
    boolean looksLikeJson() {
        return mediaType.contains("json") || (!mediaType.equals(FORM) && body.strip().startsWith("{"));
    }
}
