package alertbridge.handler;

import alertbridge.chat.SlackCommands;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * On-call schedules over HTTP ({@link ScheduleRoutes}, alert token), Slack's {@code POST /slack/commands}
 * ({@link SlackRoute}, Slack's signature) and the calendar feed {@code GET /calendar/{token}} (the token in the path).
 */
public final class SchedulesHandler extends PrimedHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("schedules-handler");

    private final Optional<String> publicBaseUrl;
    private final AlertWiring alerts;
    private final ScheduleRoutes routes;
    private final SlackRoute slack;

    /** Lambda's constructor: real clients, built once per container. */
    public SchedulesHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients (a test's may run on a simulated clock): tests and the local runner ({@code local/}). */
    public SchedulesHandler(Clients clients) {
        super(clients);
        this.publicBaseUrl = clients.settings().publicBaseUrl();
        this.alerts = new AlertWiring(clients);
        Clock clock = alerts.clock();
        this.routes = new ScheduleRoutes(alerts.schedules(), alerts.store().calendarFeeds(), clock);
        this.slack = new SlackRoute(clients.settings().slack(), alerts.parameters(),
                new SlackCommands(alerts.schedules(), alerts.intake(), alerts.slackFollowUps(), clock), clock);
    }

    @Override // a wrong token: 401 before anything is read or written
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("refused_get", () -> Priming.expect(401, handleRequest(Priming.wrongToken("GET",
                "/schedules/{team}/oncall", null, "").withPathParameters(Map.of("team", "snapstart")), null))));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        Map<String, String> path = Optional.ofNullable(event.getPathParameters()).orElse(Map.of());
        String resource = Optional.ofNullable(event.getResource()).orElse("");
        return SafeResponses.json(LOG, "schedules", "the schedule could not be read or written; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            if (resource.startsWith("/calendar/")) { // the path's token is the credential
                return routes.calendar(path.getOrDefault("token", ""));
            }
            if (resource.equals("/slack/commands")) { // Slack's signature is the credential
                return slack.handle(request);
            }
            alerts.authorise(request.alertToken());
            return routes.handle(resource, request.method().toUpperCase(Locale.ROOT), path.getOrDefault("team", ""), path, request);
        });
    }
}
