package alertbridge.handler;

import alertbridge.alert.CheckAlerts;
import alertbridge.calls.CallbackUrls;
import alertbridge.checks.CheckRequests;
import alertbridge.checks.CheckSentences;
import alertbridge.checks.CheckService;
import alertbridge.checks.PingKeys;
import alertbridge.checks.Schedule;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.snapstart.Priming;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Check-ins wired to real clients, once per container: the checks API and pings ({@link ChecksHandler}) and the
 * detector ({@link CheckDetectorHandler}) page through the same alert path as POST /alert ({@link AlertWiring}).
 */
final class CheckWiring {
    private final Settings settings;
    private final AlertWiring alerts;
    private final CheckService service;

    /** @param urls where a page's Twilio webhooks go ({@link #fromTemplate} for the detector, the request's for the API) */
    CheckWiring(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs,
            Supplier<CallbackUrls> urls) {
        this.settings = settings;
        this.alerts = new AlertWiring(settings, parameterSource, dynamo, sqs);
        this.service = new CheckService(alerts.store().checks(),
                new CheckAlerts(alerts.intake(), urls), new CheckSentences(settings.sayLanguage()), Clock.systemUTC(),
                PingKeys::next);
    }

    /**
     * The detector has no HTTP request to learn the API's URL from: Twilio's webhooks go to the public URL the template
     * gives it (PUBLIC_BASE_URL).
     */
    static Supplier<CallbackUrls> fromTemplate(Settings settings) {
        CallbackUrls urls = new CallbackUrls(settings.publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                "PUBLIC_BASE_URL is not set: the check-in detector needs the API's URL for Twilio's webhooks")));
        return () -> urls;
    }

    CheckService service() {
        return service;
    }

    AlertWiring alerts() {
        return alerts;
    }

    Settings settings() {
        return settings;
    }

    /** SnapStart: the alert path's priming, cron parsing in a zone, the spoken sentences; then the handler's own. */
    Priming.Step[] primingSteps(Priming.Step... own) {
        Priming.Step checks = Priming.step("checks", () -> {
            var spec = CheckRequests.spec("snapstart-priming", Map.of("cron", "0 3 * * *", "tz", "Asia/Tokyo", "team", "sre"));
            var check = alertbridge.checks.Check.created(spec, PingKeys.next(), Instant.now());
            spec.schedule().nextAfter(Instant.now());
            new Schedule.Every(Schedule.MIN_PERIOD).nextAfter(Instant.now());
            new CheckSentences(settings.sayLanguage()).down(check, Instant.now());
        });
        Priming.Step[] steps = new Priming.Step[own.length + 1];
        steps[0] = checks;
        System.arraycopy(own, 0, steps, 1, own.length);
        return AlertWiring.primingSteps(settings, alerts, steps);
    }
}
