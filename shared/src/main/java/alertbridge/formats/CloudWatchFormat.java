package alertbridge.formats;

import static alertbridge.formats.JsonFields.first;
import static alertbridge.formats.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * A CloudWatch alarm state change, the JSON that CloudWatch publishes to SNS ({@code AlarmName},
 * {@code AlarmDescription}, {@code NewStateValue}, {@code NewStateReason}, {@code AlarmArn}, {@code Region},
 * {@code Trigger}). The SNS envelope around it is unwrapped by {@link WebhookFormats}.
 */
final class CloudWatchFormat {
    private CloudWatchFormat() {
    }

    static boolean isAlarm(JsonNode node) {
        return node.has("AlarmName") && node.has("NewStateValue");
    }

    static InboundAlert parse(JsonNode alarm, SpokenSummary speech) {
        String state = text(alarm, "NewStateValue").orElse("ALARM").toUpperCase(Locale.ROOT);
        Action action = switch (state) {
            case "ALARM" -> Action.TRIGGER;
            case "OK" -> Action.RESOLVE;
            default -> Action.IGNORE; // INSUFFICIENT_DATA: the metric is missing, not known to be bad
        };
        JsonNode trigger = alarm.path("Trigger");
        JsonNode dimension = trigger.path("Dimensions").path(0);
        String where = first(dimension, "value", "Value");
        AlertFacts facts = new AlertFacts(
                first(alarm, "AlarmName"),
                first(alarm, "AlarmDescription").isEmpty() ? first(trigger, "MetricName") : first(alarm, "AlarmDescription"),
                "",
                where.isEmpty() ? first(alarm, "Region") : where);
        return InboundAlert.of(Format.CLOUDWATCH, action, state, text(alarm, "AlarmArn").or(() -> text(alarm, "AlarmName")),
                speech.say(Format.CLOUDWATCH, action, List.of(facts), 1), Recipients.NONE);
    }
}
