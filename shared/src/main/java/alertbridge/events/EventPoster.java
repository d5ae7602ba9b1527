package alertbridge.events;

import java.util.Map;

/** Posts one body to one URL ({@link alertbridge.http.WebhookPoster} over java.net.http). */
public interface EventPoster {
    /** What became of a post. */
    enum Outcome {
        /** 2xx */
        DELIVERED,
        /** 5xx, 429, a timeout or no connection: try again later */
        RETRY,
        /** any other answer (4xx, 3xx): the receiver refuses it, trying again would not help */
        REFUSED
    }

    /** @param status the HTTP status; 0 when there was no answer */
    record Result(Outcome outcome, int status, String detail) {
    }

    Result post(String url, String body, Map<String, String> headers);
}
