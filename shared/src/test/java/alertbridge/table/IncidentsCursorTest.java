package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The listing cursor takes back only what it gives out: the index position of an incident, unchanged. */
class IncidentsCursorTest {
    private static final String ID = "SampleIncident00000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> position() {
        Map<String, String> position = new HashMap<>();
        position.put("pk", "INCIDENT#" + ID);
        position.put("sk", "META");
        position.put("listPk", "INCIDENTS");
        position.put("createdAt", "2026-11-23T03:00:00Z");
        return position;
    }

    private static String encode(Object json) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    }

    private static Optional<Incidents.Cursor> parse(Map<String, String> position) throws Exception {
        return Incidents.Cursor.parse(encode(position));
    }

    @Test
    void acceptsAnIndexPositionAndGivesItBackTheSame() throws Exception {
        Incidents.Cursor cursor = parse(position()).orElseThrow();
        assertEquals(position(), JSON.readValue(Base64.getUrlDecoder().decode(cursor.encoded()), Map.class));
        assertEquals(Optional.of(cursor), Incidents.Cursor.parse("  " + cursor.encoded() + "\n"), "surrounding space");
    }

    @Test
    void refusesAnythingElse() throws Exception {
        for (String bad : new String[] {"not-a-cursor", "", "%%%", encode("a string"), encode(Map.of("pk", 1)), "bnVsbA" /* the JSON null: was a 500 */}) {
            assertEquals(Optional.empty(), Incidents.Cursor.parse(bad), bad);
        }
        Map<String, Map<String, String>> tampered = new HashMap<>();
        tampered.put("another list", with("listPk", "OTHERS"));
        tampered.put("another item", with("sk", "CALLEE#+15005550001"));
        tampered.put("another partition", with("pk", "DEDUP#" + ID));
        tampered.put("a malformed id", with("pk", "INCIDENT#short"));
        tampered.put("a time that is none", with("createdAt", "yesterday"));
        tampered.put("a null", with("createdAt", null));
        tampered.put("an extra key", with("extra", "x"));
        Map<String, String> missing = position();
        missing.remove("listPk");
        tampered.put("a missing key", missing);
        tampered.forEach((what, position) -> {
            try {
                assertEquals(Optional.empty(), parse(position), what);
            } catch (Exception e) {
                throw new AssertionError(what, e);
            }
        });
        assertTrue(parse(position()).isPresent());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> position = position();
        position.put(key, value);
        return position;
    }
}
