package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.incident.IncidentQueries;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /incidents/{id}: one incident's timeline (who was called, answered, joined, left, and how many are on the
 * bridge now). GET /incidents?limit=&amp;next=: recent incidents, newest first. Both need the alert token.
 */
public final class IncidentsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("incidents-handler");

    private final Supplier<AlertTokens> tokens;
    private final IncidentQueries queries;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public IncidentsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb());
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public IncidentsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        String tokensName = settings.parameters().alertTokens();
        CachedParameters parameters = new CachedParameters(parameterSource, List.of(tokensName), settings.parameterCacheTtl(), Clock.systemUTC());
        this.tokens = () -> AlertTokens.parse(parameters.get(tokensName));
        this.queries = new IncidentQueries(new IncidentStore(dynamo, settings.tableName(), settings.retention()));
        this.publicBaseUrl = settings.publicBaseUrl();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return SafeResponses.json(LOG, "incidents", "the incidents could not be read; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request.alertToken());
            Optional<String> id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"));
            return ApiResponses.json(200, id.isPresent() ? queries.timeline(id.get())
                    : queries.recent(request.firstQuery("limit"), request.firstQuery("next")));
        });
    }
}
