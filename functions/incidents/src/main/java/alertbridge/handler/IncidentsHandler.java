package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.refusal.Refusal;
import alertbridge.http.HttpRequest;
import alertbridge.incident.IncidentQueries;
import alertbridge.incident.IncidentTimeline;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        try {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request.alertToken());
            Optional<String> id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"));
            if (id.isPresent()) {
                return ApiResponses.json(200, timeline(queries.timeline(id.get())));
            }
            IncidentQueries.Listing listing = queries.recent(request.firstQuery("limit"), request.firstQuery("next"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("incidents", listing.incidents().stream().map(IncidentsHandler::summary).toList());
            body.put("next", listing.next().orElse(null));
            return ApiResponses.json(200, body);
        } catch (Refusal e) {
            LOG.info("incidents_refused", "status", ApiResponses.status(e), "error", e.code());
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            LOG.error("incidents_failed", "error", e.getClass().getName());
            return ApiResponses.error(500, "internal", "the incidents could not be read; see the function's logs");
        }
    }

    private static Map<String, Object> summary(IncidentQueries.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidentId", s.incidentId());
        m.put("message", s.message());
        m.put("status", s.status());
        m.put("createdAt", s.createdAt().toString());
        m.put("calleeCount", s.calleeCount());
        return m;
    }

    /** The timeline as JSON: absent times are null, so every callee has the same keys. */
    static Map<String, Object> timeline(IncidentTimeline t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidentId", t.incidentId());
        m.put("message", t.message());
        m.put("status", t.status());
        m.put("createdAt", t.createdAt().toString());
        m.put("resolvedAt", time(t.resolvedAt()));
        m.put("resolvedBy", t.resolvedBy().orElse(null));
        m.put("conference", t.conference());
        m.put("onBridge", t.onBridge());
        m.put("callees", t.callees().stream().map(c -> {
            Map<String, Object> callee = new LinkedHashMap<>();
            callee.put("to", c.to());
            callee.put("callSid", c.callSid().orElse(null));
            callee.put("callStatus", c.callStatus());
            callee.put("outcome", c.outcome());
            callee.put("answeredAt", time(c.answeredAt()));
            callee.put("joinedAt", time(c.joinedAt()));
            callee.put("leftAt", time(c.leftAt()));
            callee.put("durationSeconds", c.durationSeconds().orElse(null));
            callee.put("errorCode", c.errorCode().orElse(null));
            callee.put("resolvedText", c.resolvedText().orElse(null));
            return callee;
        }).toList());
        return m;
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
