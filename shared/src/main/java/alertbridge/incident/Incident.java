package alertbridge.incident;

import java.time.Instant;

/** One alert that phoned people. Its conference room is named from its id, never from a phone number. */
public record Incident(String id, String message, Instant createdAt, String status, int calleeCount) {
    public static final String OPEN = "open";

    public static Incident open(String id, String message, Instant createdAt, int calleeCount) {
        return new Incident(id, message, createdAt, OPEN, calleeCount);
    }

    public String conferenceName() {
        return conferenceName(id);
    }

    public static String conferenceName(String incidentId) {
        return "alertbridge-" + incidentId;
    }
}
