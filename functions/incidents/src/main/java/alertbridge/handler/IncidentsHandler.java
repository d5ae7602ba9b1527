package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.auth.IncidentLinks;
import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.timeline.IncidentQueries;
import alertbridge.incident.IncidentTimeline;
import alertbridge.refusal.Refusal;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SsmPriming;
import alertbridge.table.IncidentStore;
import alertbridge.ui.UiAssets;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /incidents/{id}: one incident's timeline (who was called, answered, joined, left, and how many are on the
 * bridge now; with dialling in on, the number to dial while it is open). GET /incidents?limit=&amp;next=: recent
 * incidents, newest first. Both need the alert token; GET /incidents/{id} also takes a shareable link to that one
 * incident ({@link IncidentLinks}, header {@code X-Incident-Link}). GET /ui, /ui/incidents/{id} and /ui/static/{file}:
 * the incident page ({@link UiAssets}), no token needed (the page asks for one, or reads it from the URL fragment).
 */
public final class IncidentsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    private static final JsonLog LOG = JsonLog.forComponent("incidents-handler");

    private final Supplier<AlertTokens> tokens;
    private final IncidentQueries queries;
    private final Optional<String> publicBaseUrl;
    private final Settings settings;
    private final CachedParameters parameters;
    private final Optional<String> callerNumberName;

    /** One incident's timeline as the API answers it: the timeline's fields, and the number to dial in on. */
    public record IncidentView(@JsonUnwrapped IncidentTimeline timeline, Optional<String> dialIn) {
    }

    /** Lambda's constructor: real clients, built once per container. */
    public IncidentsHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public IncidentsHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        String tokensName = settings.parameters().alertTokens();
        this.callerNumberName = settings.callIn() ? Optional.of(settings.parameters().twilioCallerNumber()) : Optional.empty();
        List<String> names = new ArrayList<>(List.of(tokensName));
        callerNumberName.ifPresent(names::add);
        CachedParameters parameters = new CachedParameters(parameterSource, names, settings.parameterCacheTtl(), Clock.systemUTC());
        this.parameters = parameters;
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
                Priming.step("ui", () -> Priming.expect(200, handleRequest(Priming.apiRequest("GET", "/ui", Map.of(), null), null))),
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
        String resource = Optional.ofNullable(event.getResource()).orElse("");
        if (resource.equals("/ui/static/{file}")) {
            return UiAssets.file(Optional.ofNullable(event.getPathParameters()).map(p -> p.get("file")).orElse(null));
        }
        APIGatewayProxyResponseEvent response = SafeResponses.json(LOG, "incidents", "the incidents could not be read; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            if (resource.startsWith("/ui")) {
                return UiAssets.page(publicBaseUrl.map(UiAssets::basePath).orElseGet(() -> stagePath(event, resource)));
            }
            Optional<String> id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"));
            boolean byLink = authorise(request, id);
            if (id.isEmpty()) {
                return ApiResponses.json(200, queries.recent(request.firstQuery("limit"), request.firstQuery("next")));
            }
            IncidentTimeline timeline = byLink ? masked(queries.timeline(id.get())) : queries.timeline(id.get());
            boolean open = !"resolved".equals(timeline.status());
            return ApiResponses.json(200, new IncidentView(timeline, callerNumberName.filter(n -> open).map(parameters::get)));
        });
        return withHeaders(response);
    }

    /**
     * The alert token opens every incident; without one, a shareable link opens the one incident it was signed for
     * (only {@code GET /incidents/{id}}: this function serves nothing else, and no other function accepts links).
     *
     * @return whether a link (not the token) let the request in
     */
    private boolean authorise(HttpRequest request, Optional<String> id) {
        Optional<String> link = request.header(IncidentLinks.HEADER).map(String::strip).filter(v -> !v.isEmpty());
        if (request.alertToken().isPresent() || link.isEmpty()) {
            tokens.get().authorise(request.alertToken());
            return false;
        }
        if (id.isEmpty()) {
            throw Refusal.unauthorised("link_not_for_listing", "an incident link opens only its own incident; list incidents with the alert token");
        }
        Optional<IncidentLinks> links = settings.links().secretName().flatMap(parameters::find)
                .map(secret -> IncidentLinks.parse(secret, Clock.systemUTC())).filter(l -> !l.isEmpty());
        if (links.isEmpty()) {
            LOG.warn("incident_link_secret_missing", "parameter", settings.links().secretName().orElse("(none)"));
            throw Refusal.unauthorised("link_invalid", "incident links are not enabled on this stack; open the page with the alert token");
        }
        links.get().authorise(link.get(), id.get());
        return true;
    }

    /** What a link holder sees: the numbers masked as in the logs ({@code +81******5601}); the rest as it is. */
    static IncidentTimeline masked(IncidentTimeline t) {
        List<IncidentTimeline.Callee> callees = t.callees().stream().map(c -> new IncidentTimeline.Callee(
                PhoneMask.mask(c.to()), c.via(), c.callSid(), c.callStatus(), c.outcome(), c.answeredAt(), c.joinedAt(),
                c.leftAt(), c.durationSeconds(), c.errorCode(), c.resolvedText(), c.missedCallText(), c.attempts())).toList();
        return new IncidentTimeline(t.incidentId(), t.message(), t.status(), t.createdAt(), t.resolvedAt(), t.resolvedBy(),
                t.conference(), t.onBridge(), t.rounds(), callees, t.onCall());
    }

    /**
     * The stage's (or a custom domain's base path's) part of the URL the browser asked for: {@code /Prod} of
     * {@code /Prod/ui/incidents/<id>}, found by taking the route, its parameters filled in, off the request's path.
     */
    static String stagePath(APIGatewayProxyRequestEvent event, String resource) {
        String route = resource;
        if (event.getPathParameters() != null) {
            for (Map.Entry<String, String> p : event.getPathParameters().entrySet()) {
                route = route.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
            }
        }
        String full = event.getRequestContext() != null && event.getRequestContext().getPath() != null
                ? event.getRequestContext().getPath() : Optional.ofNullable(event.getPath()).orElse(route);
        return full.endsWith(route) ? full.substring(0, full.length() - route.length()) : "";
    }

    /** JSON answers are never cached (they are live, and authorised per request) and carry the page's policy. */
    private static APIGatewayProxyResponseEvent withHeaders(APIGatewayProxyResponseEvent response) {
        Map<String, String> headers = new LinkedHashMap<>(UiAssets.securityHeaders());
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        headers.putIfAbsent("Cache-Control", "no-store");
        return response.withHeaders(headers);
    }
}
