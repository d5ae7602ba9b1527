package alertbridge.formats;

import alertbridge.refusal.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The payloads {@code /alert} understands: alertbridge's own usage and the monitoring tools' webhooks.
 * {@link #id()} is the name a {@code format} query parameter uses (the original usage is recognised, never named).
 */
public enum Format {
    ORIGINAL("original", "", "alertbridge's own form, query or {\"to\", \"team\", \"message\"} JSON"),
    ALERTMANAGER("alertmanager", "Alertmanager", "Prometheus Alertmanager webhook (version 4)"),
    GRAFANA("grafana", "Grafana", "Grafana Alerting webhook contact point (current and legacy)"),
    CLOUDWATCH("cloudwatch", "CloudWatch", "AWS CloudWatch alarm delivered by SNS"),
    DATADOG("datadog", "Datadog", "Datadog webhook with the payload template in docs/integrations.md"),
    PAGERDUTY("pagerduty", "", "PagerDuty Events API v2 body (routing_key, event_action, dedup_key, payload)"),
    GENERIC("generic", "", "generic JSON {\"message\": \"...\", \"to\": [...], \"team\": \"...\"}");

    private final String id;
    private final String spokenName;
    private final String description;

    Format(String id, String spokenName, String description) {
        this.id = id;
        this.spokenName = spokenName;
        this.description = description;
    }

    /** Lower-case name, as in {@code ?format=alertmanager}. */
    public String id() {
        return id;
    }

    /** How the tool is named when nothing better can be said ("an alert from Grafana"); "" when unknown. */
    String spokenName() {
        return spokenName;
    }

    /**
     * @throws Refusal 400 {@code unknown_format} naming the formats understood
     */
    public static Format named(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return webhooks()
                .filter(f -> f.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid("unknown_format",
                        "format must be one of " + ids() + ", not '" + SpokenText.bounded(wanted, 40) + "'"));
    }

    /** {@code alertmanager, grafana, ...}. */
    public static String ids() {
        return webhooks().map(Format::id).collect(Collectors.joining(", "));
    }

    /** One line per format, for error details. */
    static String understood() {
        return webhooks().map(f -> f.description).collect(Collectors.joining("; "));
    }

    /** The monitoring tools' formats, which {@code ?format=} may name. */
    private static Stream<Format> webhooks() {
        return Arrays.stream(values()).filter(f -> f != ORIGINAL);
    }
}
