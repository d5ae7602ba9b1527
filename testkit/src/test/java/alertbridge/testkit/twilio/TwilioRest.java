package alertbridge.testkit.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Our side of Twilio's REST API as the Twilio SDK speaks it, for the simulator's own tests: form POSTs with Basic
 * auth to {@code /2010-04-01/Accounts/{Sid}/...}, JSON answers. {@code StatusCallbackEvent} is repeated once per event,
 * as the SDK sends a list.
 */
final class TwilioRest {
    /** The number our calls and texts come from. */
    static final String OUR_NUMBER = "+15550100000";

    /** One answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode json) {
        /** A top-level text field of the body ({@code sid}, {@code status}, {@code code}...); null if absent. */
        String field(String name) {
            JsonNode node = json.get(name);
            return node == null || node.isNull() ? null : node.asText();
        }

        String sid() {
            return field("sid");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();

    TwilioRest(URI base) {
        this(base, TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN);
    }

    TwilioRest(URI base, String accountSid, String authToken) {
        this.base = base.resolve("/2010-04-01/Accounts/" + accountSid + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    /** Places a call asking for every status callback event, as alertbridge does. */
    Answer createCall(String to, String url, String statusCallback, int timeoutSeconds) {
        return createCall(to, List.of(Map.entry("Url", url)), statusCallback, timeoutSeconds);
    }

    /** The same, with what to play on answer given as {@code Url} and/or {@code Twiml} fields (or neither). */
    Answer createCall(String to, List<Map.Entry<String, String>> answer, String statusCallback, int timeoutSeconds) {
        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("To", to), Map.entry("From", OUR_NUMBER)));
        form.addAll(answer);
        form.add(Map.entry("StatusCallback", statusCallback));
        for (String event : List.of("initiated", "ringing", "answered", "completed")) {
            form.add(Map.entry("StatusCallbackEvent", event));
        }
        form.add(Map.entry("Timeout", Integer.toString(timeoutSeconds)));
        return post("Calls.json", form);
    }

    /** Twilio's "update a call" with {@code Status=canceled} or {@code Status=completed}. */
    Answer updateCall(String callSid, String status) {
        return post("Calls/" + callSid + ".json", List.of(Map.entry("Status", status)));
    }

    Answer sendText(String to, String body) {
        return post("Messages.json", List.of(Map.entry("To", to), Map.entry("From", OUR_NUMBER), Map.entry("Body", body)));
    }

    /** A form POST to {@code path} under the account, with this client's Basic auth. */
    Answer post(String path, List<Map.Entry<String, String>> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach(e -> body.add(Form.encode(e.getKey()) + "=" + Form.encode(e.getValue())));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
