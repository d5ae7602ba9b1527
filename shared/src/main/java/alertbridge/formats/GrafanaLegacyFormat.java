package alertbridge.formats;

import static alertbridge.formats.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Grafana's legacy alerting webhook (before Grafana Alerting): {@code ruleId}, {@code ruleName}, {@code state}
 * ({@code alerting}, {@code ok}, {@code no_data}, {@code pending}, {@code paused}), {@code title}, {@code message},
 * {@code evalMatches[]}, {@code ruleUrl}, {@code imageUrl}.
 */
final class GrafanaLegacyFormat {
    private GrafanaLegacyFormat() {
    }

    static InboundAlert parse(JsonNode root, SpokenSummary speech) {
        String state = text(root, "state").orElse("alerting").toLowerCase(Locale.ROOT);
        Action action = switch (state) {
            case "alerting" -> Action.TRIGGER;
            case "ok" -> Action.RESOLVE;
            default -> Action.IGNORE; // no_data, pending, paused: nothing known to be broken
        };
        String name = text(root, "ruleName")
                .or(() -> text(root, "title").map(t -> t.replaceFirst("^\\[[^]]*]\\s*", "")))
                .orElse("");
        JsonNode match = root.path("evalMatches").path(0);
        String summary = text(root, "message")
                .or(() -> text(match, "metric").map(m -> m + " " + text(match, "value").orElse("")))
                .orElse("");
        Optional<String> key = text(root, "ruleId").or(() -> text(root, "ruleName"))
                .map(rule -> "rule:" + text(root, "orgId").map(org -> org + "/").orElse("") + rule);
        AlertFacts facts = new AlertFacts(name, summary, "", "");
        return InboundAlert.of(Format.GRAFANA, action, state, key,
                speech.say(Format.GRAFANA, action, List.of(facts), 1), Recipients.NONE);
    }
}
