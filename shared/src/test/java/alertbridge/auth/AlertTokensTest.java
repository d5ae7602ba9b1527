package alertbridge.auth;

import static alertbridge.http.Requests.withHeaders;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTokensTest {
    private final AlertTokens tokens = AlertTokens.parse(" old-token , new-token ,, ");

    @Test
    void acceptsEveryListedTokenForRotation() {
        assertTrue(tokens.accepts("old-token"));
        assertTrue(tokens.accepts("new-token"));
        assertFalse(tokens.accepts("old-token2"));
        assertFalse(tokens.accepts("old"));
        assertFalse(tokens.accepts(""));
        assertFalse(tokens.accepts((String) null));
    }

    @Test
    void readsBearerHeaderOrQuery() {
        assertTrue(sent(withHeaders(Map.of("authorization", "Bearer new-token"), Map.of())));
        assertTrue(sent(withHeaders(Map.of("Authorization", "bearer  old-token "), Map.of())));
        assertTrue(sent(withHeaders(Map.of("X-Alert-Token", "new-token"), Map.of())));
        assertTrue(sent(withHeaders(Map.of(), Map.of("token", List.of("old-token")))));
        assertFalse(sent(withHeaders(Map.of("Authorization", "Basic bmV3LXRva2Vu"), Map.of())));
        assertFalse(sent(withHeaders(Map.of("Authorization", "Bearer wrong"), Map.of("token", List.of("new-token")))));
        assertFalse(sent(withHeaders(Map.of(), Map.of())));
    }

    @Test
    void anEmptyListAcceptsNothing() {
        AlertTokens none = AlertTokens.parse(" , ");
        assertTrue(none.isEmpty());
        assertFalse(none.accepts(","));
        assertFalse(none.accepts(" "));
        assertFalse(none.accepts("anything"));
    }

    /** What the HTTP edge reads from the request, checked as the handlers do. */
    private boolean sent(alertbridge.http.HttpRequest request) {
        return request.alertToken().map(tokens::accepts).orElse(false);
    }
}
