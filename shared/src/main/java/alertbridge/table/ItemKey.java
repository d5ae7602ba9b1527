package alertbridge.table;

import static alertbridge.table.TableKeys.PK;
import static alertbridge.table.TableKeys.SK;
import static alertbridge.table.TableKeys.s;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Where an item lives, and the {@code type} its kind is written with ({@link TableKeys} makes them). */
record ItemKey(String pk, String sk, String type) {
    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, s(pk));
        key.put(SK, s(sk));
        return key;
    }
}
