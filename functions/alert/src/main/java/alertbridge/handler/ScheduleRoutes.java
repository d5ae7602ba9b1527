package alertbridge.handler;

import alertbridge.formats.JsonBody;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.oncall.CalendarFeed;
import alertbridge.oncall.CalendarFeeds;
import alertbridge.oncall.FeedStore;
import alertbridge.oncall.HoursReport;
import alertbridge.oncall.ScheduleRequests;
import alertbridge.oncall.ScheduleService;
import alertbridge.oncall.ScheduleViews;
import alertbridge.oncall.Timeline;
import alertbridge.refusal.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule routes behind {@link SchedulesHandler}, one method per route: read the request, one call of the
 * {@link ScheduleService}, the view.
 */
final class ScheduleRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_SHIFTS = Duration.ofDays(14);

    private final ScheduleService schedules;
    private final CalendarFeeds feeds;
    private final ScheduleViews views;
    private final Clock clock;

    ScheduleRoutes(ScheduleService schedules, FeedStore feeds, Clock clock) {
        this.schedules = schedules;
        this.feeds = new CalendarFeeds(feeds, schedules, clock);
        this.views = new ScheduleViews(schedules.people());
        this.clock = clock;
    }

    /** {@code GET /calendar/{token}}: no alert token (calendar apps send no headers); the path's token is the credential. */
    APIGatewayProxyResponseEvent calendar(String token) {
        return ApiResponses.text(200, CalendarFeed.MEDIA_TYPE, feeds.render(token));
    }

    APIGatewayProxyResponseEvent handle(String resource, String method, String team, Map<String, String> path, HttpRequest request) {
        return switch (resource + " " + method) {
            case "/schedules GET" -> ApiResponses.json(200, Map.of("teams", schedules.teams()));
            case "/schedules/{team} PUT" -> put(team, request);
            case "/schedules/{team} GET" -> ApiResponses.json(200, views.version(team, schedules.timeline(team).latest()));
            case "/schedules/{team}/oncall GET" -> {
                Instant at = request.firstQuery("at").map(t -> instant(t, "at")).orElseGet(clock::instant);
                yield ApiResponses.json(200, views.onCall(team, schedules.timeline(team), at));
            }
            case "/schedules/{team}/shifts GET" -> {
                Instant from = request.firstQuery("from").map(t -> instant(t, "from")).orElseGet(clock::instant);
                Instant to = request.firstQuery("to").map(t -> instant(t, "to")).orElse(from.plus(DEFAULT_SHIFTS));
                Timeline timeline = schedules.timeline(team);
                yield ApiResponses.json(200, views.shifts(team, timeline, from, to, schedules.shifts(timeline, from, to)));
            }
            case "/schedules/{team}/report GET" -> report(team, request);
            case "/schedules/{team}/overrides POST" -> ApiResponses.json(201,
                    ScheduleViews.override(schedules.addOverride(team, object(request.body()), "api")));
            case "/schedules/{team}/feeds POST" -> {
                Map<String, Object> body = request.body().isBlank() ? Map.of() : object(request.body());
                CalendarFeeds.Created feed = feeds.create(team, Optional.ofNullable(body.get("person")).map(String::valueOf));
                yield ApiResponses.json(201, Map.of("id", feed.id(), "url", request.baseUrl() + "/calendar/" + feed.token()
                        + CalendarFeeds.SUFFIX));
            }
            case "/schedules/{team}/feeds/{id} DELETE" -> {
                feeds.revoke(team, path.getOrDefault("id", ""));
                yield ApiResponses.json(200, Map.of("revoked", true));
            }
            case "/schedules/{team}/overrides/{id} DELETE" -> {
                ScheduleService.Deleted deleted = schedules.deleteOverride(team, path.getOrDefault("id", ""));
                Map<String, Object> view = ScheduleViews.override(deleted.override());
                view.put("deleted", deleted.truncated() ? "truncated" : "removed");
                yield ApiResponses.json(200, view);
            }
            default -> throw Refusal.notFound("unknown_route", method + " " + resource + " is not a schedule route");
        };
    }

    private APIGatewayProxyResponseEvent put(String team, HttpRequest request) {
        ScheduleRequests.Draft draft;
        try {
            draft = ScheduleRequests.draft(object(request.body()));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_schedule", e.getMessage());
        }
        ScheduleService.Saved saved = schedules.put(team, draft);
        Map<String, Object> view = new LinkedHashMap<>(views.version(team, saved.version()));
        view.put("restarted", saved.restarted());
        view.put("onCallNow", views.onCall(team, saved.timeline(), saved.at()));
        return ApiResponses.json(200, view);
    }

    private APIGatewayProxyResponseEvent report(String team, HttpRequest request) {
        LocalDate from = date(request.firstQuery("from").orElse(""), "from");
        LocalDate to = date(request.firstQuery("to").orElse(""), "to");
        ScheduleService.checkReportWindow(from, to); // a bad window is refused before the schedule is read, as always
        Timeline timeline = schedules.timeline(team);
        var rows = schedules.report(team, timeline, from, to);
        if (request.firstQuery("format").filter("csv"::equals).isPresent()) {
            return ApiResponses.text(200, "text/csv; charset=utf-8", HoursReport.csv(rows));
        }
        return ApiResponses.json(200, Map.of("team", team, "from", from.toString(), "to", to.toString(),
                "zone", timeline.latest().zone().getId(), "people", rows));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String body) {
        return JSON.convertValue(JsonBody.readObject(body, "{\"zone\": \"Asia/Tokyo\", \"rotations\": [...]}"), Map.class);
    }

    private static Instant instant(String text, String field) {
        try {
            return ScheduleRequests.instant(text, field);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_" + field, e.getMessage());
        }
    }

    private static LocalDate date(String text, String field) {
        try {
            return ScheduleRequests.date(text, field);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_" + field, e.getMessage() + "; the report takes from=YYYY-MM-DD&to=YYYY-MM-DD (to exclusive)");
        }
    }
}
