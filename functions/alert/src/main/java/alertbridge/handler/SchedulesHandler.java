package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.chat.SlackCommands;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * On-call schedules over HTTP ({@link ScheduleRoutes}, alert token), Slack's {@code POST /slack/commands}
 * ({@link SlackRoute}, Slack's signature) and the calendar feed {@code GET /calendar/{token}} (the token in the path).
 */
public final class SchedulesHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("schedules-handler");

    private final Settings settings;
    private final AlertWiring alerts;
    private final ScheduleRoutes routes;
    private final SlackRoute slack;

    /** Lambda's constructor: real clients, built once per container. */
    public SchedulesHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public SchedulesHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this(settings, new AlertWiring(settings, parameterSource, dynamo, sqs), Clock.systemUTC());
    }

    SchedulesHandler(Settings settings, AlertWiring alerts, Clock clock) {
        this.settings = settings;
        this.alerts = alerts;
        this.routes = new ScheduleRoutes(alerts.schedules(), alerts.store().calendarFeeds(), clock);
        this.slack = new SlackRoute(settings.slack(), alerts.parameters(),
                new SlackCommands(alerts.schedules(), alerts.intake(), alerts.slackFollowUps(), clock), clock);
    }

    /** SnapStart, before the snapshot: the alert path's priming and a request refused before any read or write. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("SchedulesFunction", AlertWiring.primingSteps(settings, alerts,
                Priming.step("refused_get", () -> Priming.expect(401, handleRequest(Priming.apiRequest("GET", "/schedules/{team}/oncall",
                        Map.of("Authorization", "Bearer " + Priming.unguessable()), "")
                        .withPathParameters(Map.of("team", "snapstart")), null)))));
    }

    /** SnapStart, after a restore: parameters held past their time read again. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("SchedulesFunction", Priming.step("parameters", alerts::refreshIfStale));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        Map<String, String> path = Optional.ofNullable(event.getPathParameters()).orElse(Map.of());
        String resource = Optional.ofNullable(event.getResource()).orElse("");
        return SafeResponses.json(LOG, "schedules", "the schedule could not be read or written; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, settings.publicBaseUrl());
            if (resource.equals("/slack/commands") || resource.startsWith("/calendar/")) { // Slack's signature, a path token
                return resource.startsWith("/calendar/") ? routes.calendar(path.getOrDefault("token", "")) : slack.handle(request);
            }
            AlertTokens.parse(alerts.parameters().get(settings.parameters().alertTokens())).authorise(request.alertToken());
            return routes.handle(resource, request.method().toUpperCase(Locale.ROOT), path.getOrDefault("team", ""), path, request);
        });
    }
}
