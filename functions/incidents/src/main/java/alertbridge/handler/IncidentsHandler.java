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
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SsmPriming;
import alertbridge.table.IncidentStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /incidents/{id}: one incident's timeline (who was called, answered, joined, left, and how many are on the
 * bridge now). GET /incidents?limit=&amp;next=: recent incidents, newest first. Both need the alert token.
 */
public final class IncidentsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    private static final JsonLog LOG = JsonLog.forComponent("incidents-handler");

    private final Supplier<AlertTokens> tokens;
    private final IncidentQueries queries;
    private final Optional<String> publicBaseUrl;
    private final Settings settings;

    /** Lambda's constructor: real clients, built once per container. */
    public IncidentsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public IncidentsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        String tokensName = settings.parameters().alertTokens();
        CachedParameters parameters = new CachedParameters(parameterSource, List.of(tokensName), settings.parameterCacheTtl(), Clock.systemUTC());
        this.tokens = () -> AlertTokens.parse(parameters.get(tokensName));
        this.queries = new IncidentQueries(new IncidentStore(dynamo, settings.tableName(), settings.retention()));
        this.publicBaseUrl = settings.publicBaseUrl();
        this.settings = settings;
    }

    /**
     * SnapStart, before the snapshot: the SDKs' and our own request paths without any effect outside the process
     * ({@link Priming}), and this handler with wrong tokens on both routes (401 before anything is read).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("IncidentsFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("json", PrimingSteps::json),
                Priming.step("refused_list", () -> Priming.expect(401, handleRequest(wrongToken("/incidents"), null))),
                Priming.step("refused_timeline", () -> Priming.expect(401, handleRequest(wrongToken("/incidents/{id}")
                        .withPathParameters(java.util.Map.of("id", "SnapStartPriming000000")), null))));
    }

    /** SnapStart, after a restore: fresh randomness, the alert tokens read again if held past their time. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("IncidentsFunction", Priming.step("alert_tokens", tokens::get));
    }

    private static APIGatewayProxyRequestEvent wrongToken(String path) {
        return Priming.apiRequest("GET", path, java.util.Map.of("Authorization", "Bearer " + Priming.unguessable()), null);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        return SafeResponses.json(LOG, "incidents", "the incidents could not be read; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request.alertToken());
            Optional<String> id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"));
            return ApiResponses.json(200, id.isPresent() ? queries.timeline(id.get())
                    : queries.recent(request.firstQuery("limit"), request.firstQuery("next")));
        });
    }
}
