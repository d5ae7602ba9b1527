package alertbridge.handler;

import alertbridge.alert.AlertOutcome;
import alertbridge.alert.AlertRequest;
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
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** POST /alert: check the token, read the alert, phone everyone at once, answer 202 with what happened. */
public final class AlertHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final JsonLog LOG = JsonLog.forComponent("alert-handler");
    /** Tries per call when Twilio answers 429 or 5xx. */
    private static final int DIAL_ATTEMPTS = 3;
    private static final Duration DIAL_BACKOFF = Duration.ofMillis(250);
    /** No retry starts later than this; with the 10 s response timeout a dial ends within 22 s (function limit 28 s). */
    private static final Duration DIAL_RETRY_BUDGET = Duration.ofSeconds(12);

    private final AlertService service;
    private final Supplier<AlertTokens> tokens;
    private final Optional<String> publicBaseUrl;
    private final AlertRequestParser parser = new AlertRequestParser();
    private final Rosters rosters;

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
        this.service = new AlertService(
                new PhoneNumbers(settings.defaultRegion()),
                new TollFraudGuard(settings.guards().allowedCountries(), () -> parameters.get(names.twilioCallerNumber())),
                new CallRateGuard(dynamo, settings.tableName(), settings.guards().maxCallsPerNumberPerHour(), Clock.systemUTC()),
                new IncidentRepository(dynamo, settings.tableName(), settings.retention()),
                new CallFanOut(dialer),
                settings.maxCallees(),
                Clock.systemUTC(),
                IncidentIds::next);
        this.tokens = () -> AlertTokens.parse(parameters.get(names.alertTokens()));
        this.publicBaseUrl = settings.publicBaseUrl();
        this.rosters = new Rosters(settings.guards().teamsPath(), parameters::find, settings.guards().allowAdHocNumbers());
    }

    /** The 502 body: the usual error fields plus everything the 202 would have said. */
    record NoCallPlaced(String error, String detail, @com.fasterxml.jackson.annotation.JsonUnwrapped AlertOutcome outcome) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request);
            AlertRequest alert = rosters.resolve(parser.parse(request));
            AlertOutcome outcome = service.raise(alert, request.baseUrl());
            if (outcome.calls().isEmpty()) {
                // Nobody's phone rings: say so with a 5xx, so the sending tool retries instead of thinking it paged.
                return ApiResponses.json(502, new NoCallPlaced("no_call_placed",
                        "Twilio placed none of the calls; see 'failed' for each reason", outcome));
            }
            return ApiResponses.json(202, outcome);
        } catch (ClientError e) {
            LOG.info("alert_refused", "status", e.status(), "error", e.error());
            return ApiResponses.error(e);
        } catch (RuntimeException e) {
            LOG.error("alert_failed", "error", e.getClass().getName());
            return ApiResponses.error(500, "internal", "the alert could not be processed; see the function's logs");
        }
    }
}
