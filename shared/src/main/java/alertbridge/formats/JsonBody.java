package alertbridge.formats;

import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A request body that must be one JSON object. */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /**
     * @param example what an object should look like, for the error detail ({@code {"message": "..."}})
     * @throws Refusal 400 {@code malformed_json}, with the line and column where parsing failed
     */
    public static JsonNode readObject(String body, String example) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw Refusal.invalid("malformed_json", "the body is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalid("malformed_json", "the JSON body must be an object like " + example);
        }
        return root;
    }
}
