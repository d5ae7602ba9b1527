package alertbridge.formats;

import static alertbridge.formats.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Datadog webhook whose payload is our template (docs/integrations.md): each field holds one Datadog variable,
 * e.g. {@code "alert_transition": "$ALERT_TRANSITION"}.
 */
final class DatadogFormat {
    /** A variable Datadog left as written (unknown to this monitor type). */
    private static final Pattern UNFILLED = Pattern.compile("^\\$[A-Z_]+$");
    /** Status words Datadog puts in brackets before a title: [Triggered on {host:web-1}], [P1], [Recovered]. */
    private static final Pattern TITLE_TAGS = Pattern.compile(
            "\\[(?:P\\d|(?:Re-)?(?:Triggered|Warn|No Data)|Recovered|Renotify)\\b[^]]*]\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MENTION = Pattern.compile("(?<![\\w.])@[\\w.+-]+");

    private DatadogFormat() {
    }

    static InboundAlert parse(JsonNode root, SpokenSummary speech) {
        String transition = field(root, "alert_transition").orElse("Triggered");
        Action action = switch (transition.toLowerCase(Locale.ROOT)) {
            case "recovered" -> Action.RESOLVE;
            case "warn", "re-warn", "no data", "re-no data", "null" -> Action.IGNORE;
            default -> Action.TRIGGER; // Triggered, Re-Triggered, Renotify, and anything new: better a call too many
        };
        String title = field(root, "event_title").or(() -> field(root, "alert_title")).orElse("");
        String name = TITLE_TAGS.matcher(title).replaceAll("").replace("[", "").replace("]", "");
        String message = MENTION.matcher(field(root, "event_msg").orElse("")).replaceAll(" ");
        String where = field(root, "hostname")
                .or(() -> field(root, "alert_scope").map(scope -> scope.split(",")[0].replaceFirst("^host:", "")))
                .orElse("");
        AlertFacts facts = new AlertFacts(name, message, field(root, "alert_priority").orElse(""), where);
        return InboundAlert.of(Format.DATADOG, action, transition, field(root, "alert_cycle_key"),
                speech.say(Format.DATADOG, action, List.of(facts), 1), Recipients.NONE);
    }

    private static Optional<String> field(JsonNode root, String name) {
        return text(root, name).filter(v -> !UNFILLED.matcher(v).matches());
    }
}
