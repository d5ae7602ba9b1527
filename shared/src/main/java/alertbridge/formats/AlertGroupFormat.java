package alertbridge.formats;

import static alertbridge.formats.JsonFields.first;
import static alertbridge.formats.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Alertmanager's webhook (version 4) and Grafana Alerting's current webhook, which has the same shape plus
 * {@code orgId}, {@code title}, {@code state}, {@code message}: a group ({@code groupKey}, {@code status}) of
 * {@code alerts[]}, each with {@code status}, {@code labels}, {@code annotations}, {@code fingerprint}.
 */
final class AlertGroupFormat {
    /** Labels that say where an alert is, most specific first. */
    private static final String[] PLACE_LABELS =
            {"instance", "host", "hostname", "pod", "service", "job", "namespace", "cluster", "zone"};

    private AlertGroupFormat() {
    }

    static InboundAlert parse(Format format, JsonNode root, SpokenSummary speech) {
        String status = text(root, "status").orElse("firing");
        Action action = status.equalsIgnoreCase("resolved") ? Action.RESOLVE : Action.TRIGGER;

        List<AlertFacts> facts = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        for (JsonNode alert : root.path("alerts")) {
            boolean resolved = text(alert, "status").orElse("firing").equalsIgnoreCase("resolved");
            if (action == Action.RESOLVE || !resolved) { // a firing group names only what still fires
                facts.add(facts(alert.path("labels"), alert.path("annotations")));
                text(alert, "fingerprint").ifPresent(fingerprints::add);
            }
        }
        int total = facts.size() + Math.max(0, root.path("truncatedAlerts").asInt(0));
        if (facts.isEmpty()) {
            facts.add(facts(root.path("commonLabels"), root.path("commonAnnotations")));
        }

        Optional<String> key = text(root, "groupKey")
                .or(() -> fingerprints.size() == 1 ? Optional.of(fingerprints.getFirst()) : Optional.empty());
        return InboundAlert.of(format, action, status.toLowerCase(Locale.ROOT), key,
                speech.say(format, action, facts, total), Recipients.NONE);
    }

    private static AlertFacts facts(JsonNode labels, JsonNode annotations) {
        return new AlertFacts(
                first(labels, "alertname"),
                first(annotations, "summary", "description", "message"),
                first(labels, "severity", "priority"),
                first(labels, PLACE_LABELS));
    }
}
