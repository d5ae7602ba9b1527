package alertbridge.http;

import alertbridge.events.EventPoster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON with short timeouts (connect {@value #CONNECT_SECONDS} s, whole answer {@value #ANSWER_SECONDS} s, as
 * GoAlert and PagerDuty expect of receivers); no redirects followed. 2xx delivered; 5xx, 429, timeouts and connection
 * failures are retried; any other answer is a refusal.
 */
public final class WebhookPoster implements EventPoster {
    static final int CONNECT_SECONDS = 2;
    static final int ANSWER_SECONDS = 5;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Result post(String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(ANSWER_SECONDS))
                .header("Content-Type", "application/json").header("User-Agent", "alertbridge-events")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            Outcome outcome = status / 100 == 2 ? Outcome.DELIVERED
                    : status >= 500 || status == 429 ? Outcome.RETRY : Outcome.REFUSED;
            return new Result(outcome, status, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.RETRY, 0, "timeout");
        } catch (IOException e) {
            return new Result(Outcome.RETRY, 0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.RETRY, 0, "interrupted");
        }
    }
}
