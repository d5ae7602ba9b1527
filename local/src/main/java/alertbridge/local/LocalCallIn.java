package alertbridge.local;

import alertbridge.formats.FormEncoding;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /_local/call_in} with {@code from=+81...}: someone dials our Twilio number. The simulator places the
 * inbound call and posts Twilio's signed voice webhook to the template's {@code /call_in} route, as Twilio does for
 * a number whose "A call comes in" webhook is the stack's {@code CallInUrl}; the caller presses 1 when asked.
 * Answers {@code 202 {"callSid", "from", "to"}} at once; the call is narrated like every other.
 */
final class LocalCallIn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Optional<TwilioSimulator> simulator;
    private final String ourNumber;
    private final String voiceUrl;

    /** @param voiceUrl the number's voice webhook: the local API's {@code /call_in} */
    LocalCallIn(Optional<TwilioSimulator> simulator, String ourNumber, String voiceUrl) {
        this.simulator = simulator;
        this.ourNumber = ourNumber;
        this.voiceUrl = voiceUrl;
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String from = FormEncoding.firstValues(FormEncoding.parse(form)).getOrDefault("from", "").strip();
            int status;
            Map<String, Object> body;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
                body = Map.of("error", "method_not_allowed", "detail", "POST from=%2B81... (curl --data-urlencode from=+81...) to /_local/call_in");
            } else if (simulator.isEmpty()) {
                status = 404;
                body = Map.of("error", "no_simulator", "detail", "with real Twilio, dial your Twilio number from a phone");
            } else if (!E164.matcher(from).matches()) {
                status = 400;
                body = Map.of("error", "invalid_from", "detail", "from must be the caller's number in E.164, form-encoded: from=%2B818012345601 (curl --data-urlencode from=+818012345601; a + in a form body is a space)");
            } else {
                status = 202;
                body = Map.of("callSid", simulator.get().callIn(from, ourNumber, voiceUrl), "from", from, "to", ourNumber);
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
