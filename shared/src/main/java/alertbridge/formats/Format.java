package alertbridge.formats;

import alertbridge.refusal.Refusal;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The webhook payloads {@code /alert} understands. {@link #id()} is the name a {@code format} query parameter uses. */
public enum Format {
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
        return Arrays.stream(values())
                .filter(f -> f.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid("unknown_format",
                        "format must be one of " + ids() + ", not '" + SpokenText.bounded(wanted, 40) + "'"));
    }

    /** {@code alertmanager, grafana, ...}. */
    public static String ids() {
        return Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", "));
    }

    /** One line per format, for error details. */
    static String understood() {
        return Arrays.stream(values()).map(f -> f.description).collect(Collectors.joining("; "));
    }
}
