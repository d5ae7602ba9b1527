package alertbridge.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One event for one destination: the events queue's message. The body is JSON, e.g.
 * {@code {"id": "...", "type": "callee.joined", "incidentId": "...", "time": "2026-...Z", "callSid": "CA...",
 * "destination": "ssm:slack"}}; the destination is the {@code EventWebhooks} entry (an ssm: name or a URL that is no
 * secret), so no secret is ever in a message.
 */
public record EventMessage(IncidentEvent event, String destination) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> DETAIL = new com.fasterxml.jackson.core.type.TypeReference<>() {
    };

    public String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("incidentId", event.incidentId());
        body.put("time", event.time().toString());
        event.round().ifPresent(r -> body.put("round", r));
        event.callSid().ifPresent(s -> body.put("callSid", s));
        if (!event.detail().isEmpty()) {
            body.put("detail", event.detail());
        }
        body.put("destination", destination);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return empty when {@code body} is not an event message this code wrote */
    public static Optional<EventMessage> parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.path("id").isTextual() || !n.path("type").isTextual() || !n.path("incidentId").isTextual()
                    || !n.path("time").isTextual() || !n.path("destination").isTextual()) {
                return Optional.empty();
            }
            IncidentEvent event = new IncidentEvent(n.get("id").asText(), n.get("type").asText(), n.get("incidentId").asText(),
                    Instant.parse(n.get("time").asText()),
                    n.path("round").canConvertToInt() ? Optional.of(n.get("round").asInt()) : Optional.empty(),
                    n.path("callSid").isTextual() ? Optional.of(n.get("callSid").asText()) : Optional.empty(),
                    n.path("detail").isObject() ? JSON.convertValue(n.get("detail"), DETAIL) : Map.of());
            return Optional.of(new EventMessage(event, n.get("destination").asText()));
        } catch (JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
