package alertbridge.handler;

import alertbridge.alert.CheckAlerts;
import alertbridge.calls.CallbackUrls;
import alertbridge.checks.Check;
import alertbridge.checks.CheckRequests;
import alertbridge.checks.CheckSentences;
import alertbridge.checks.CheckService;
import alertbridge.checks.PingKeys;
import alertbridge.checks.Schedule;
import alertbridge.config.JitteredBackoff;
import alertbridge.config.Settings;
import alertbridge.snapstart.Priming;
import alertbridge.wiring.Clients;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Check-ins wired to the function's clients, once per container: the checks API and pings ({@link ChecksHandler}) and
 * the detector ({@link CheckDetectorHandler}) page through the same alert path as POST /alert ({@link AlertWiring}).
 */
final class CheckWiring {
    private final AlertWiring alerts;
    private final CheckService service;

    /** @param urls where a page's Twilio webhooks go ({@link #fromTemplate} for the detector, the request's for the API) */
    CheckWiring(Clients clients, Supplier<CallbackUrls> urls) {
        Settings settings = clients.settings();
        this.alerts = new AlertWiring(clients);
        this.service = new CheckService(alerts.store().checks(), new CheckAlerts(alerts.intake(), urls),
                new CheckSentences(settings.sayLanguage()), alerts.clock(), PingKeys::next, JitteredBackoff.CONTENTION);
        clients.primes(Priming.step("checks", () -> { // cron parsing in a zone, the spoken sentences
            var spec = CheckRequests.spec("snapstart-priming", Map.of("cron", "0 3 * * *", "tz", "Asia/Tokyo", "team", "sre"));
            var check = Check.created(spec, PingKeys.next(), Instant.now());
            spec.schedule().nextAfter(Instant.now());
            new Schedule.Every(Schedule.MIN_PERIOD).nextAfter(Instant.now());
            new CheckSentences(settings.sayLanguage()).down(check, Instant.now());
        }));
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
}
