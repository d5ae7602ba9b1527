package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertResult;
import alertbridge.formats.AlertInput;
import alertbridge.alert.AlertOutcome;
import alertbridge.calls.CallbackUrls;
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
 * POST /alert: check the token, read the alert (original usage or a monitoring tool's webhook), then phone everyone
 * at once (202), join the open incident of the same dedup key (200 deduplicated), close it (200 resolved), or
 * ignore a state that neither pages nor resolves (200 ignored).
 */
public final class AlertHandler extends PrimedHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("alert-handler");
    private final AlertWiring alerts;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public AlertHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}); without SQS everyone is called once. */
    public AlertHandler(Clients clients) {
        super(clients);
        this.alerts = new AlertWiring(clients);
        this.publicBaseUrl = clients.settings().publicBaseUrl();
        clients.primes(Priming.step("json", PrimingSteps::json));
    }

    @Override // a wrong token: 401 before anything is read or written
    protected List<Priming.Step> refusedRequests() {
        return List.of(Priming.step("refused_request", () -> Priming.expect(401, handleRequest(Priming.wrongToken("POST", "/alert",
                AlertInput.FORM, "to=%2B15005550006&message=SnapStart+priming"), null))));
    }

    /** The 502 body: the usual error fields plus everything the 202 would have said. */
    record NoCallPlaced(String error, String detail, @com.fasterxml.jackson.annotation.JsonUnwrapped AlertOutcome outcome) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        return SafeResponses.json(LOG, "alert", "the alert could not be processed; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            alerts.authorise(request.alertToken());
            AlertInput input = new AlertInput(request.body(), request.mediaType(), request.query());
            return switch (alerts.intake().handle(input, request.header(AlertIntake.IDEMPOTENCY_HEADER), new CallbackUrls(request.baseUrl()))) {
                case AlertResult.Opened opened when opened.outcome().calls().isEmpty() ->
                    // Nobody's phone rings: say so with a 5xx, so the sending tool retries instead of thinking it paged.
                        ApiResponses.json(502, new NoCallPlaced("no_call_placed",
                                "Twilio placed none of the calls; see 'failed' for each reason", opened.outcome()));
                case AlertResult.Opened opened -> ApiResponses.json(202, opened.outcome());
                case AlertResult.Deduplicated d -> ApiResponses.json(200, Map.of("deduplicated", true, "incidentId", d.incidentId()));
                case AlertResult.Resolved r -> ApiResponses.json(200, r.incidentId()
                        .<Map<String, Object>>map(id -> Map.of("resolved", true, "incidentId", id))
                        .orElse(Map.of("resolved", false)));
                case AlertResult.Ignored i -> ApiResponses.json(200, Map.of("ignored", true, "reason", i.reason()));
                case AlertResult.NotPlaced n -> ApiResponses.json(502, Map.of("error", "no_call_placed", "detail",
                        "an identical request a moment ago placed no call (Twilio refused or could not be reached); retry later",
                        "incidentId", n.incidentId()));
            };
        });
    }
}
