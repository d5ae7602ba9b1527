package alertbridge.testkit.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every HTTP request the simulator makes to our application, as Twilio makes it: a form POST signed with
 * {@code X-Twilio-Signature}, Twilio's headers, a 15 s timeout. Each one is recorded ({@link #webhooks()}).
 */
final class WebhookPoster implements AutoCloseable {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final String signingToken;
    private final boolean deliverCallbacksTwice;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<TwilioSimulator.Webhook> webhooks = new CopyOnWriteArrayList<>();

    /**
     * @param signingToken          signs the webhooks: the account's auth token, unless a test plays an impostor
     * @param deliverCallbacksTwice send every {@link #callback} twice, as Twilio may on retries
     */
    WebhookPoster(String signingToken, boolean deliverCallbacksTwice) {
        this.signingToken = signingToken;
        this.deliverCallbacksTwice = deliverCallbacksTwice;
    }

    /** Now, as Twilio writes a callback's {@code Timestamp}. */
    static String timestamp() {
        return RFC_1123.format(Instant.now());
    }

    List<TwilioSimulator.Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    /** A status or conference callback: its answer is ignored; sent twice if so configured. */
    void callback(String sid, String url, Map<String, String> params) {
        post(sid, url, params);
        if (deliverCallbacksTwice) {
            post(sid, url, params);
        }
    }

    /** A signed POST, as Twilio sends it. @return the body of a 2xx answer */
    Optional<String> post(String sid, String url, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15)) // Twilio waits 15 s for TwiML
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
                .header("X-Twilio-Signature", TwilioSigner.sign(signingToken, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(Form.encode(params)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            webhooks.add(new TwilioSimulator.Webhook(sid, url, Map.copyOf(params), response.statusCode()));
            return response.statusCode() / 100 == 2 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            webhooks.add(new TwilioSimulator.Webhook(sid, url, Map.copyOf(params), 0));
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
