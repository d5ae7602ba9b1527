package alertbridge.alert;

import alertbridge.calls.CallbackUrls;
import alertbridge.checks.Check;
import alertbridge.checks.CheckPager;
import alertbridge.formats.Recipients;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A check-in's page and resolution through the alert path ({@link AlertIntake}): its team's roster and numbers are
 * called like any alert's (rounds, texts, dialling in), under the dedup key {@code check:<name>}.
 */
public final class CheckAlerts implements CheckPager {
    private static final JsonLog LOG = JsonLog.forComponent("check-alerts");
    private final AlertIntake intake;
    private final Supplier<CallbackUrls> urls;

    /**
     * @param urls where Twilio's webhooks for a page go: the API's public URL for the detector (from the template), the
     *             URL the ping itself came in on for the checks API (a function with an API event cannot be given it)
     */
    public CheckAlerts(AlertIntake intake, Supplier<CallbackUrls> urls) {
        this.intake = intake;
        this.urls = urls;
    }

    @Override
    public void verify(alertbridge.checks.CheckSpec spec) {
        intake.verify(whom(spec));
    }

    private static Recipients whom(alertbridge.checks.CheckSpec spec) {
        return new Recipients(spec.to(), spec.team().map(List::of).orElse(List.of()));
    }

    @Override
    public Optional<String> page(Check check, String sentence) {
        Recipients whom = whom(check.spec());
        try {
            return switch (intake.page(whom, sentence, Optional.of(check.dedupKey()), urls.get())) {
                case AlertResult.Opened opened when opened.outcome().calls().isEmpty() -> Optional.empty();
                case AlertResult.Opened opened -> Optional.of(opened.outcome().incidentId());
                case AlertResult.Deduplicated open -> Optional.of(open.incidentId());
                default -> Optional.empty();
            };
        } catch (Refusal e) { // e.g. its team's roster is missing: said in the log, tried again a minute later
            LOG.error("check_page_refused", "check", check.name(), "error", e.code());
            return Optional.empty();
        }
    }

    @Override
    public void resolve(Check check, String sentence) {
        intake.resolve(check.dedupKey(), "check:" + check.name(), sentence);
    }
}
