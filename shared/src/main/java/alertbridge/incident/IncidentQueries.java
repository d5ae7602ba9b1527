package alertbridge.incident;

import alertbridge.refusal.Refusal;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads incidents back: one incident's timeline, and the recent incidents newest first, a page at a time. */
public final class IncidentQueries {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CURSOR_KEYS = Set.of("pk", "sk", "listPk", "createdAt");

    private final IncidentRepository incidents;

    public IncidentQueries(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /** @throws Refusal 404 when there is no such incident */
    public IncidentTimeline timeline(String incidentId) {
        Incident incident = (IncidentIds.isWellFormed(incidentId) ? incidents.find(incidentId) : Optional.<Incident>empty())
                .orElseThrow(() -> Refusal.notFound("unknown_incident", "no incident with id '" + shorten(incidentId) + "'"));
        return IncidentTimeline.of(incident, incidents.calls(incidentId), incidents.joins(incidentId),
                incidents.callEvents(incidentId), incidents.conferenceEvents(incidentId), incidents.texts(incidentId));
    }

    /** A summary line per incident, as listed. */
    public record Summary(String incidentId, String message, String status, Instant createdAt, int calleeCount) {
    }

    /** @param next pass as {@code ?next=} to get the following page; empty on the last page */
    public record Listing(List<Summary> incidents, Optional<String> next) {
    }

    /**
     * @param limit  page size, 1 to {@value #MAX_PAGE}; empty for {@value #DEFAULT_PAGE}
     * @param cursor the {@code next} of the previous page
     * @throws Refusal 400 for a bad limit or cursor
     */
    public Listing recent(Optional<String> limit, Optional<String> cursor) {
        int size = limit.map(IncidentQueries::pageSize).orElse(DEFAULT_PAGE);
        IncidentRepository.Page page = incidents.recent(size, cursor.filter(c -> !c.isBlank()).map(IncidentQueries::decode));
        List<Summary> summaries = page.incidents().stream()
                .map(i -> new Summary(i.id(), i.message(), i.status(), i.createdAt(), i.calleeCount()))
                .toList();
        return new Listing(summaries, page.next().map(IncidentQueries::encode));
    }

    private static int pageSize(String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= MAX_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw Refusal.invalid("invalid_limit", "limit must be a whole number from 1 to " + MAX_PAGE);
    }

    private static String encode(Map<String, String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(String cursor) {
        try {
            Map<String, String> key = JSON.readValue(Base64.getUrlDecoder().decode(cursor.strip()), new TypeReference<>() {
            });
            if (key.keySet().equals(CURSOR_KEYS)
                    && "INCIDENTS".equals(key.get("listPk"))
                    && "META".equals(key.get("sk"))
                    && key.get("pk") != null && key.get("pk").startsWith("INCIDENT#")
                    && IncidentIds.isWellFormed(key.get("pk").substring("INCIDENT#".length()))
                    && key.get("createdAt") != null && Instant.parse(key.get("createdAt")) != null) {
                return key;
            }
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException | java.io.IOException e) {
            // falls through to the error below
        }
        throw Refusal.invalid("invalid_cursor", "next must be the 'next' value of a previous page, unchanged");
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^A-Za-z0-9_-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
