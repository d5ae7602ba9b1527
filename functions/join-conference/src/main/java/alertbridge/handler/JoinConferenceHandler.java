package alertbridge.handler;

import alertbridge.calls.CallbackUrls;
import alertbridge.config.AwsClients;
import alertbridge.config.LazySqsClient;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.join.JoinDecision;
import alertbridge.join.JoinService;
import alertbridge.log.JsonLog;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioCallbacks;
import alertbridge.twilio.TwilioSignature;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * POST /join_conference?incident=ID: Twilio's webhook when a callee answers, and again when they press a key; and
 * POST /call_in, when someone dials our number ({@link CallInWebhook}).
 * Only signed requests are served; everything else gets 403 and records nothing.
 */
public final class JoinConferenceHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    private static final JsonLog LOG = JsonLog.forComponent("join-handler");

    private final TwilioSignature signature;
    private final JoinService service;
    private final JoinTwiml twiml;
    private final CallInWebhook callIn;
    private final Optional<String> publicBaseUrl;
    private final Settings settings;

    /** Lambda's constructor: real clients, built once per container. */
    public JoinConferenceHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(),
                LazySqsClient.onFirstUse(AwsClients::sqs)); // most requests send nothing to SQS
        Priming.register(this);
    }

    /** Without the records queue (a join the table cannot take is only logged): for tests of the webhook alone. */
    public JoinConferenceHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        this(settings, parameterSource, dynamo, null);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public JoinConferenceHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        IncidentStore store = new IncidentStore(dynamo, settings.tableName(), settings.retention(),
                SqsWriteBehind.of(settings, sqs));
        this.signature = TwilioSignature.fromParameters(settings, parameterSource);
        this.service = new JoinService(store, Clock.systemUTC(), settings.requireKeypress());
        this.twiml = new JoinTwiml(settings.sayVoice(), settings.sayLanguage());
        this.callIn = new CallInWebhook(settings, parameterSource, store);
        this.publicBaseUrl = settings.publicBaseUrl();
        this.settings = settings;
    }

    /**
     * SnapStart, before the snapshot: the SDKs' and our own request paths without any effect outside the process
     * ({@link Priming}), every TwiML this function answers with, and this handler with unsigned requests to both of
     * its routes (403 before anything is read or written).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("JoinConferenceFunction",
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("sqs", SqsPriming::sqs),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("signature", PrimingSteps::signature),
                Priming.step("twiml", this::renderEveryTwiml),
                Priming.step("phone_numbers", () -> PrimingSteps.phoneNumbers(settings.defaultRegion())),
                Priming.step("refused_join", () -> Priming.expect(403, handleRequest(unsigned("/join_conference"), null))),
                Priming.step("refused_call_in", () -> Priming.expect(403, handleRequest(unsigned(CallInWebhook.PATH), null))),
                Priming.step("auth_token", signature::refreshIfStale));
    }

    /** SnapStart, after a restore: fresh randomness, the auth token read again if held past its time. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("JoinConferenceFunction", Priming.step("auth_token", signature::refreshIfStale));
    }

    private static APIGatewayProxyRequestEvent unsigned(String path) {
        return Priming.apiRequest("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", Priming.unguessable()), "CallSid=CA" + "0".repeat(32) + "&Digits=1&To=%2B15005550006");
    }

    private void renderEveryTwiml() {
        String action = "https://priming.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=SnapStartPriming000000";
        String events = "https://priming.execute-api.us-east-1.amazonaws.com/Prod/conference_events?incident=SnapStartPriming000000";
        twiml.render(new JoinDecision.AskForKeypress("SnapStart priming"), action, events);
        twiml.render(new JoinDecision.Bridge("alertbridge-SnapStartPriming000000", Optional.of("SnapStart priming")), action, events);
        twiml.render(new JoinDecision.UnknownIncident(), action, events);
        twiml.hangUp();
        twiml.technicalProblem();
        callIn.primeTwiml();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        // not from Twilio (a forged or unsigned request): 403 JSON; anything we fail at: TwiML, since Twilio may be asking
        return SafeResponses.twiml(LOG, "join", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            Map<String, String> params = signature.verifiedParams(request);
            if (CallInWebhook.PATH.equals(request.path())) {
                return callIn.answer(request, params);
            }
            return SafeResponses.twiml(LOG, "join", () -> {
                String incidentId = request.firstQuery("incident").orElse("");
                JoinDecision decision = service.answer(incidentId, TwilioCallbacks.callSid(params),
                        params.getOrDefault("To", ""), Optional.ofNullable(params.get("Digits")));
                return ApiResponses.twiml(twiml.render(decision, request.publicUrl(),
                        new CallbackUrls(request.baseUrl()).conferenceEvents(incidentId)));
            }, refusal -> ApiResponses.twiml(twiml.hangUp()), () -> ApiResponses.twiml(twiml.technicalProblem()));
        }, ApiResponses::error, () -> ApiResponses.twiml(twiml.technicalProblem()));
    }
}
