package alertbridge.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Drives the local stack over real HTTP, as curl or a monitoring tool would. */
final class LocalClient {
    record Response(int status, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    LocalClient(LocalStack stack) {
        this.base = stack.apiUrl();
        this.token = stack.options().alertToken();
    }

    Response alert(String form) {
        return send(HttpRequest.newBuilder(URI.create(base + "/alert"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A monitoring tool's JSON webhook to {@code /alert?<query>}, with the token as a bearer header. */
    Response webhook(String query, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/alert?" + query))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /_local/call_in}: {@code from} dials our Twilio number (the simulator plays the caller). */
    Response callIn(String from) {
        return send(HttpRequest.newBuilder(URI.create(base + "/_local/call_in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("from=" + java.net.URLEncoder.encode(from, java.nio.charset.StandardCharsets.UTF_8))));
    }

    /** {@code POST /_local/faults} with the given form, e.g. {@code dynamodb=unavailable}. */
    Response faults(String form) {
        return send(HttpRequest.newBuilder(URI.create(base + "/_local/faults"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code PUT <path>} with a JSON body and the token as a bearer header (e.g. {@code /checks/<name>}). */
    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST <path>} with a JSON body and the token as a bearer header (e.g. {@code /schedules/<team>/overrides}). */
    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
    }

    Response getWithoutToken(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body().isBlank() ? null : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The callee calling {@code to} in an incident's timeline, or a missing node while none is recorded yet (a round's
     * calls are recorded after its number is counted), so a polled predicate reads "not yet" instead of throwing.
     */
    static JsonNode callee(JsonNode timeline, String to) {
        for (JsonNode c : timeline.path("callees")) {
            if (c.path("to").asText().equals(to)) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    /** Asks again until the answer satisfies {@code done}, or fails with the last answer after {@code timeout}. */
    static <T> T eventually(Supplier<T> ask, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout + "; last: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = ask.get();
        }
        return last;
    }
}
