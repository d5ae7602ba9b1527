package alertbridge.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What every refusal must look like to a caller: a 4xx with JSON {"error", "detail"}, no stack trace. */
public final class Contract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Contract() {
    }

    public static void assertClientError(int status, String error, String detail) {
        assertTrue(status >= 400 && status <= 499, "status " + status);
        assertTrue(error != null && error.matches("[a-z_]+"), "error code " + error);
        assertTrue(detail != null && !detail.isBlank(), "detail");
        assertFalse(detail.contains("Exception") || detail.contains("\tat "), "no stack trace: " + detail);
    }

    /** @return the JSON body of a 4xx response, after checking it has the error shape */
    public static JsonNode assertClientErrorResponse(APIGatewayProxyResponseEvent response) {
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode body = json(response.getBody());
        assertNotNull(body.get("error"), response.getBody());
        assertNotNull(body.get("detail"), response.getBody());
        assertClientError(response.getStatusCode(), body.get("error").asText(), body.get("detail").asText());
        return body;
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
