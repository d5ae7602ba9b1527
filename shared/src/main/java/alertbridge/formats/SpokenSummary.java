package alertbridge.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says an alert group in one short sentence someone woken at night understands: severity, name, where, summary;
 * several alerts as "3 alerts: HighCPU on web-1, DiskFull on db-2, and 1 more". English, or Japanese when the
 * language tag starts with {@code ja} (as the Twilio prompts do).
 */
public final class SpokenSummary {
    /** The whole sentence is at most this long (about 20 seconds of speech; Twilio repeats it while waiting for a key). */
    public static final int MAX_SPOKEN_CHARS = 300;
    /** How many alerts of a group are named before "and N more". */
    static final int NAMED_ALERTS = 2;

    private final boolean japanese;

    /**
     * @param language BCP-47 tag such as {@code en-US} or {@code ja-JP}; blank means English
     */
    public SpokenSummary(String language) {
        this.japanese = SpokenText.isJapanese(language);
    }

    /**
     * @param format where the alerts came from, named when the alerts themselves say nothing
     * @param alerts the alerts to name, in order (only the first {@value #NAMED_ALERTS} are named in a group)
     * @param total  how many alerts the group has, at least {@code alerts.size()} (Alertmanager may truncate)
     */
    public String say(Format format, Action action, List<AlertFacts> alerts, int total) {
        List<AlertFacts> known = alerts.stream().filter(a -> !a.isEmpty()).toList();
        int count = Math.max(total, alerts.size());
        String text;
        if (known.isEmpty()) {
            text = fromSource(format, action);
        } else if (count <= 1) {
            text = one(known.get(0), action);
        } else {
            text = group(known, count, action);
        }
        return SpokenText.sentence(SpokenText.bounded(text, MAX_SPOKEN_CHARS - 1), japanese);
    }

    /** Text the sender wrote themselves (generic JSON, plain SNS messages): cleaned and bounded, otherwise as is. */
    public String verbatim(String text, int maxChars) {
        return SpokenText.sentence(SpokenText.bounded(SpokenText.clean(text), maxChars - 1), japanese);
    }

    private String fromSource(Format format, Action action) {
        String source = format.spokenName();
        if (japanese) {
            String s = (source.isEmpty() ? "監視システム" : source) + "からのアラート";
            return action == Action.RESOLVE ? "復旧: " + s : s;
        }
        String s = "an alert from " + (source.isEmpty() ? "your monitoring" : source);
        return action == Action.RESOLVE ? "Resolved: " + s : capitalised(s);
    }

    private String one(AlertFacts alert, Action action) {
        String label = label(alert);
        if (action == Action.RESOLVE) {
            return (japanese ? "復旧: " : "Resolved: ") + label;
        }
        String head = label;
        if (!alert.severity().isEmpty()) {
            head = japanese ? "重要度 " + alert.severity() + "、" + label : capitalised(alert.severity()) + ": " + label;
        }
        boolean summaryAddsSomething = !alert.summary().isEmpty() && !alert.summary().equalsIgnoreCase(alert.name());
        return summaryAddsSomething
                ? SpokenText.sentence(head, japanese) + (japanese ? "" : " ") + alert.summary()
                : head;
    }

    private String group(List<AlertFacts> alerts, int count, Action action) {
        List<String> parts = new ArrayList<>();
        for (AlertFacts alert : alerts.subList(0, Math.min(NAMED_ALERTS, alerts.size()))) {
            parts.add(label(alert));
        }
        int more = count - parts.size();
        String severity = commonSeverity(alerts);
        if (japanese) {
            String list = String.join("、", parts) + (more > 0 ? "、ほか" + more + "件" : "");
            String what = (severity.isEmpty() ? "" : "重要度 " + severity + " の") + "アラート" + count + "件";
            return (action == Action.RESOLVE ? "復旧した" + what : what) + ": " + list;
        }
        if (more > 0) {
            parts.add(more + " more");
        }
        String list = parts.size() == 2 ? parts.get(0) + " and " + parts.get(1)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + ", and " + parts.getLast();
        String what = count + (severity.isEmpty() ? "" : " " + severity) + " alerts";
        return (action == Action.RESOLVE ? "Resolved, " + what : what) + ": " + list;
    }

    /** {@code HighCPU on web-1}; the place is left out when the name already says it. */
    private String label(AlertFacts alert) {
        String name = alert.name().isEmpty() ? alert.summary() : alert.name();
        if (alert.where().isEmpty() || name.toLowerCase(Locale.ROOT).contains(alert.where().toLowerCase(Locale.ROOT))) {
            return name;
        }
        return japanese ? name + "（" + alert.where() + "）" : name + " on " + alert.where();
    }

    private static String commonSeverity(List<AlertFacts> alerts) {
        String first = alerts.get(0).severity();
        return alerts.stream().allMatch(a -> a.severity().equalsIgnoreCase(first)) ? first : "";
    }

    private static String capitalised(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
