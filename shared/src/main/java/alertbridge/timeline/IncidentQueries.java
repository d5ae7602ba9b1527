package alertbridge.timeline;

import alertbridge.incident.IncidentTimeline;
import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.refusal.Refusal;
import alertbridge.table.IncidentStore;
import alertbridge.table.Incidents;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads incidents back: one incident's timeline, and the recent incidents newest first, a page at a time. */
public final class IncidentQueries {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    private final IncidentStore store;

    public IncidentQueries(IncidentStore store) {
        this.store = store;
    }

    /** @throws Refusal not found when there is no such incident */
    public IncidentTimeline timeline(String incidentId) {
        Incident incident = (IncidentIds.isWellFormed(incidentId) ? store.incidents().find(incidentId) : Optional.<Incident>empty())
                .orElseThrow(() -> Refusal.notFound("unknown_incident", "no incident with id '" + shorten(incidentId) + "'"));
        return IncidentTimeline.of(incident, store.callees().calls(incidentId), store.callees().joins(incidentId),
                store.events().callEvents(incidentId), store.events().conferenceEvents(incidentId), store.callees().texts(incidentId),
                store.callees().missedTexts(incidentId));
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
     * @throws Refusal invalid for a bad limit or cursor
     */
    public Listing recent(Optional<String> limit, Optional<String> cursor) {
        int size = limit.map(IncidentQueries::pageSize).orElse(DEFAULT_PAGE);
        Incidents.Page page = store.incidents().recent(size, cursor.filter(c -> !c.isBlank()).map(IncidentQueries::decode));
        List<Summary> summaries = page.incidents().stream()
                .map(i -> new Summary(i.id(), i.message(), i.status(), i.createdAt(), i.calleeCount()))
                .toList();
        return new Listing(summaries, page.next().map(Incidents.Cursor::encoded));
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

    private static Incidents.Cursor decode(String cursor) {
        return Incidents.Cursor.parse(cursor).orElseThrow(() ->
                Refusal.invalid("invalid_cursor", "next must be the 'next' value of a previous page, unchanged"));
    }

    private static String shorten(String s) {
        String printable = s.replaceAll("[^A-Za-z0-9_-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
