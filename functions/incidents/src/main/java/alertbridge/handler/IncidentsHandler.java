package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.auth.IncidentAccess;
import alertbridge.auth.IncidentLinks;
import alertbridge.config.CachedParameters;
import alertbridge.config.Settings;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.timeline.IncidentQueries;
import alertbridge.timeline.IncidentView;
import alertbridge.ui.UiAssets;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * GET /incidents/{id}: one incident's timeline ({@link IncidentView}); GET /incidents?limit=&amp;next=: recent incidents,
 * newest first. Both need the alert token; GET /incidents/{id} also takes a shareable link ({@link IncidentAccess}).
 * GET /ui, /ui/incidents/{id} and /ui/static/{file}: the incident page ({@link UiAssets}), no token needed.
 */
public final class IncidentsHandler extends PrimedHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("incidents-handler");

    private final IncidentAccess access;
    private final IncidentQueries queries;
    private final Optional<String> publicBaseUrl;
    private final Supplier<Optional<String>> dialIn;

    /** Lambda's constructor: real clients, built once per container. */
    public IncidentsHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public IncidentsHandler(Clients clients) {
        super(clients);
        Settings settings = clients.settings();
        String tokensName = settings.parameters().alertTokens();
        Optional<String> callerNumber = Optional.of(settings.parameters().twilioCallerNumber()).filter(n -> settings.callIn());
        CachedParameters parameters = clients.parameters(Stream.concat(Stream.of(tokensName), callerNumber.stream()).toList());
        this.dialIn = () -> callerNumber.map(parameters::get);
        this.access = new IncidentAccess(() -> AlertTokens.parse(parameters.get(tokensName)), settings.links().secretName(),
                parameters::find, Clock.systemUTC());
        this.queries = new IncidentQueries(clients.storeWithoutWriteBehind());
        this.publicBaseUrl = settings.publicBaseUrl();
        clients.primes(Priming.step("json", PrimingSteps::json));
    }

    @Override // the page, and wrong tokens on both routes (401 before anything is read)
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("ui", () -> Priming.expect(200, handleRequest(Priming.apiRequest("GET", "/ui", Map.of(), null), null))),
                Priming.step("refused_list", () -> Priming.expect(401, handleRequest(Priming.wrongToken("GET", "/incidents", null, null), null))),
                Priming.step("refused_timeline", () -> Priming.expect(401, handleRequest(Priming.wrongToken("GET", "/incidents/{id}", null, null)
                        .withPathParameters(Map.of("id", "SnapStartPriming000000")), null))));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        return UiAssets.serve(event, publicBaseUrl).orElseGet(() -> UiAssets.withApiHeaders(SafeResponses.json(LOG, "incidents",
                "the incidents could not be read; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            Optional<String> id = Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id"));
            boolean byLink = access.authorise(request.alertToken(), request.header(IncidentLinks.HEADER), id);
            if (id.isEmpty()) {
                return ApiResponses.json(200, queries.recent(request.firstQuery("limit"), request.firstQuery("next")));
            }
            return ApiResponses.json(200, IncidentView.of(queries.timeline(id.get()), byLink, dialIn));
        })));
    }
}
