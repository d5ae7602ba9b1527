package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertResult;
import alertbridge.formats.AlertInput;
import alertbridge.alert.AlertService;
import alertbridge.alert.AlertOutcome;
import alertbridge.auth.AlertTokens;
import alertbridge.calls.CallbackUrls;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /alert: check the token, read the alert (original usage or a monitoring tool's webhook), then phone everyone
 * at once (202), join the open incident of the same dedup key (200 deduplicated), close it (200 resolved), or
 * ignore a state that neither pages nor resolves (200 ignored).
 */
public final class AlertHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("alert-handler");
    private final Settings settings;
    private final AlertWiring wiring;
    private final AlertIntake intake;
    private final Supplier<AlertTokens> tokens;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public AlertHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** Without the rounds queue (everyone is called once): for tests of the alert alone. */
    public AlertHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        this(settings, parameterSource, dynamo, null);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public AlertHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.settings = settings;
        this.wiring = new AlertWiring(settings, parameterSource, dynamo, sqs);
        this.intake = wiring.intake();
        this.tokens = () -> AlertTokens.parse(wiring.parameters().get(settings.parameters().alertTokens()));
        this.publicBaseUrl = settings.publicBaseUrl();
    }

    /**
     * SnapStart, before the snapshot: the SDKs' and our own request paths without any effect outside the process
     * ({@link Priming}), and this handler with a request carrying a wrong token (401 before anything is read or
     * written).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("AlertFunction", AlertWiring.primingSteps(settings, wiring,
                Priming.step("json", PrimingSteps::json),
                Priming.step("refused_request", () -> Priming.expect(401, handleRequest(Priming.apiRequest("POST", "/alert",
                        Map.of("Authorization", "Bearer " + Priming.unguessable(), "Content-Type", AlertInput.FORM),
                        "to=%2B15005550006&message=SnapStart+priming"), null)))));
    }

    /** SnapStart, after a restore: fresh randomness, parameters held past their time read again, Twilio client. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("AlertFunction", Priming.step("parameters", wiring::refreshIfStale));
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
            tokens.get().authorise(request.alertToken());
            AlertInput input = new AlertInput(request.body(), request.mediaType(), request.query());
            return switch (intake.handle(input, request.header(AlertIntake.IDEMPOTENCY_HEADER), new CallbackUrls(request.baseUrl()))) {
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
