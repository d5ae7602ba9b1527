package alertbridge.local;

import alertbridge.formats.FormEncoding;
import alertbridge.slack.SlackSignature;
import alertbridge.testkit.twilio.Form;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /_local/slack} with {@code text=who sre} (and optionally {@code user=U0BOB}, default alice's
 * {@code U0ALICE}): plays Slack's side of the {@code /oncall} command. It signs the form Slack would send with the
 * local signing secret, posts it to the template's {@code /slack/commands} route, narrates the reply and answers with
 * it (status and body as the function gave them). The command's {@code response_url} is
 * {@code /_local/slack/responses} here: what alertbridge posts there (a page's follow-ups) is narrated and kept.
 */
final class LocalSlack {
    /** The simulated workspace ({@code SlackTeamId} of the local stack unless overridden). */
    static final String TEAM_ID = "T0LOCAL";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String commandUrl;
    private final String teamId;
    private final String secret;
    private final Narrator narrator;
    private final java.util.List<String> responses = new java.util.concurrent.CopyOnWriteArrayList<>();

    LocalSlack(String commandUrl, String teamId, String secret, Narrator narrator) {
        this.commandUrl = commandUrl;
        this.teamId = teamId;
        this.secret = secret;
        this.narrator = narrator;
    }

    /** The bodies posted to the response_url so far, oldest first. */
    java.util.List<String> responses() {
        return java.util.List.copyOf(responses);
    }

    void serve(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/responses")) {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                responses.add(body);
                narrator.slack("response_url ← " + body);
                exchange.sendResponseHeaders(200, -1);
            }
            return;
        }
        try (exchange) {
            Map<String, String> given = FormEncoding.firstValues(FormEncoding.parse(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("team_id", teamId);
            form.put("team_domain", "alertbridge-local");
            form.put("channel_id", "C0LOCAL");
            form.put("user_id", given.getOrDefault("user", "U0ALICE"));
            form.put("command", "/oncall");
            form.put("text", given.getOrDefault("text", ""));
            form.put("response_url", commandUrl.replace("/slack/commands", "/_local/slack/responses"));
            String body = Form.encode(form);
            long now = Instant.now().getEpochSecond();
            HttpResponse<String> reply;
            try {
                reply = HTTP.send(HttpRequest.newBuilder(URI.create(commandUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(SlackSignature.TIMESTAMP_HEADER, Long.toString(now))
                        .header(SlackSignature.SIGNATURE_HEADER, SlackSignature.sign(secret, now, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            narrator.slack("/oncall " + form.get("text") + " → " + reply.statusCode() + " " + reply.body());
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.statusCode(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
