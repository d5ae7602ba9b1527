package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertOutcome;
import alertbridge.alert.AlertRequestParser;
import alertbridge.alert.AlertService;
import alertbridge.alert.CallRateGuard;
import alertbridge.auth.AlertTokens;
import alertbridge.calls.CallFanOut;
import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.formats.WebhookFormats;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.ClientError;
import alertbridge.http.HttpRequest;
import alertbridge.incident.IncidentIds;
import alertbridge.incident.IncidentRepository;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneNumbers;
import alertbridge.phone.TollFraudGuard;
import alertbridge.roster.Rosters;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioDialer;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * POST /alert: check the token, read the alert (original usage or a monitoring tool's webhook), then phone everyone
 * at once (202), join the open incident of the same dedup key (200 deduplicated), close it (200 resolved), or
 * ignore a state that neither pages nor resolves (200 ignored).
 */
public final class AlertHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("alert-handler");
    /** Tries per call when Twilio answers 429 or 5xx. */
    private static final int DIAL_ATTEMPTS = 3;
    private static final Duration DIAL_BACKOFF = Duration.ofMillis(250);
    /** No retry starts later than this; with the 10 s response timeout a dial ends within 22 s (function limit 28 s). */
    private static final Duration DIAL_RETRY_BUDGET = Duration.ofSeconds(12);

    private final AlertIntake intake;
    private final Supplier<AlertTokens> tokens;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public AlertHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb());
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public AlertHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo) {
        Settings.ParameterNames names = settings.parameters();
        CachedParameters parameters = new CachedParameters(parameterSource, names.all(), settings.parameterCacheTtl(), Clock.systemUTC());
        TwilioDialer dialer = new TwilioDialer(
                TwilioClients.following(() -> parameters.get(names.twilioAccountSid()), () -> parameters.get(names.twilioAuthToken()),
                        settings.twilioApiBase(), settings.maxCallees()),
                () -> parameters.get(names.twilioCallerNumber()),
                settings.callTimeoutSeconds(),
                DIAL_ATTEMPTS,
                DIAL_BACKOFF,
                DIAL_RETRY_BUDGET);
        AlertService service = new AlertService(
                new PhoneNumbers(settings.defaultRegion()),
                new TollFraudGuard(settings.guards().allowedCountries(), () -> parameters.get(names.twilioCallerNumber())),
                new CallRateGuard(dynamo, settings.tableName(), settings.guards().maxCallsPerNumberPerHour(), Clock.systemUTC()),
                new IncidentRepository(dynamo, settings.tableName(), settings.retention()),
                new CallFanOut(dialer),
                settings.maxCallees(),
                Clock.systemUTC(),
                IncidentIds::next);
        Rosters rosters = new Rosters(settings.guards().teamsPath(), parameters::find, settings.guards().allowAdHocNumbers());
        this.intake = new AlertIntake(new AlertRequestParser(), new WebhookFormats(settings.sayLanguage()), rosters, service);
        this.tokens = () -> AlertTokens.parse(parameters.get(names.alertTokens()));
        this.publicBaseUrl = settings.publicBaseUrl();
    }

    /** The 502 body: the usual error fields plus everything the 202 would have said. */
    record NoCallPlaced(String error, String detail, @com.fasterxml.jackson.annotation.JsonUnwrapped AlertOutcome outcome) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request);
            return switch (intake.handle(request, request.baseUrl())) {
                case AlertIntake.Opened opened when opened.outcome().calls().isEmpty() ->
                    // Nobody's phone rings: say so with a 5xx, so the sending tool retries instead of thinking it paged.
                        ApiResponses.json(502, new NoCallPlaced("no_call_placed",
                                "Twilio placed none of the calls; see 'failed' for each reason", opened.outcome()));
                case AlertIntake.Opened opened -> ApiResponses.json(202, opened.outcome());
                case AlertIntake.Deduplicated d -> ApiResponses.json(200, Map.of("deduplicated", true, "incidentId", d.incidentId()));
                case AlertIntake.Resolved r -> ApiResponses.json(200, r.incidentId()
                        .<Map<String, Object>>map(id -> Map.of("resolved", true, "incidentId", id))
                        .orElse(Map.of("resolved", false)));
                case AlertIntake.Ignored i -> ApiResponses.json(200, Map.of("ignored", true, "reason", i.reason()));
            };
        } catch (ClientError e) {
            LOG.info("alert_refused", "status", e.status(), "error", e.error());
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            LOG.error("alert_failed", "error", e.getClass().getName());
            return ApiResponses.error(500, "internal", "the alert could not be processed; see the function's logs");
        }
    }
}
