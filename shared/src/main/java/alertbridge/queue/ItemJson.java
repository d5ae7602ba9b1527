package alertbridge.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table item as DynamoDB's own JSON ({@code {"pk": {"S": "INCIDENT#..."}, "calleeCount": {"N": "2"}}}), the kinds
 * our items use: S, N, BOOL, NULL, L, M. What cannot be read back is refused, never guessed.
 */
final class ItemJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemJson() {
    }

    static ObjectNode write(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((name, value) -> node.set(name, write(value)));
        return node;
    }

    private static ObjectNode write(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(write(v)));
            }
            case M -> node.set("M", write(value.m()));
            default -> throw new IllegalArgumentException("items here carry no " + value.type() + " attributes");
        }
        return node;
    }

    static Map<String, AttributeValue> read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an item is a JSON object");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.properties().forEach(e -> item.put(e.getKey(), readValue(e.getValue())));
        return item;
    }

    private static AttributeValue readValue(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("an attribute is an object with one type key");
        }
        var e = node.properties().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(text(v));
            case "N" -> AttributeValue.fromN(new java.math.BigDecimal(text(v)).toPlainString());
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(x -> list.add(readValue(x)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(read(v));
            default -> throw new IllegalArgumentException("unknown attribute type " + e.getKey());
        };
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("S and N values are strings");
        }
        return v.asText();
    }
}
