package alertbridge.handler;

import alertbridge.calls.CallbackUrls;
import alertbridge.checks.Check;
import alertbridge.checks.CheckService;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check-ins over HTTP. With the alert token, the checks API ({@link CheckRoutes}). Without a token (the ping key is
 * the secret): {@code GET|HEAD|POST /ping/{key}} (success), {@code /ping/{key}/start}, {@code /fail},
 * {@code /<exit status>}; a body is kept as diagnostics.
 */
public final class ChecksHandler extends PrimedHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("checks-handler");
    /**
     * The URL the request came in on (its domain and stage, or PublicBaseUrl), where a page's Twilio webhooks go: a
     * function with an API event cannot be given its own API's URL (a dependency cycle CloudFormation refuses).
     */
    private static final ScopedValue<CallbackUrls> REQUEST_URLS = ScopedValue.newInstance();

    private final AlertWiring alerts;
    private final CheckService checks;
    private final CheckRoutes routes;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public ChecksHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). */
    public ChecksHandler(Clients clients) {
        super(clients);
        CheckWiring wiring = new CheckWiring(clients, REQUEST_URLS::get);
        this.alerts = wiring.alerts();
        this.checks = wiring.service();
        this.routes = new CheckRoutes(checks, clients.settings().checkMinPeriod());
        this.publicBaseUrl = clients.settings().publicBaseUrl();
        clients.primes(Priming.step("json", PrimingSteps::json));
    }

    @Override // a wrong token; a ping key that cannot be one of ours
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("refused_put", () -> Priming.expect(401, handleRequest(Priming.wrongToken("PUT", "/checks/{name}",
                        "application/json", "{\"periodSeconds\": 300, \"team\": \"sre\"}").withPathParameters(Map.of("name", "snapstart")), null))),
                Priming.step("refused_ping", () -> Priming.expect(404, handleRequest(Priming.apiRequest("POST", "/ping/{key}",
                        Map.of(), "priming").withPathParameters(Map.of("key", "not-a-key")), null))));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        Map<String, String> path = Optional.ofNullable(event.getPathParameters()).orElse(Map.of());
        if (Optional.ofNullable(event.getResource()).orElse("").startsWith("/ping/")) {
            return SafeResponses.json(LOG, "ping", "the ping could not be recorded; try again", () -> {
                HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
                Check check = ScopedValue.where(REQUEST_URLS, new CallbackUrls(request.baseUrl())).call(() ->
                        checks.ping(path.getOrDefault("key", ""), path.getOrDefault("suffix", ""), request.body()));
                return ApiResponses.json(200, new PingAnswer(true, check.name(), check.state().id()));
            });
        }
        return SafeResponses.json(LOG, "checks", "the checks could not be read or written; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            alerts.authorise(request.alertToken());
            return routes.handle(request, path.get("name"));
        });
    }

    /** What a ping is answered with: {@code {"ok": true, "check": "<name>", "state": "up"}}. */
    record PingAnswer(boolean ok, String check, String state) {
    }
}
