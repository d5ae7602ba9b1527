package alertbridge.formats;

/**
 * What can be said about one alert, each part already cleaned for speech and bounded; "" where unknown.
 *
 * @param name     the alert's name ({@code HighCPU}, the CloudWatch alarm name, a PagerDuty summary)
 * @param summary  one line on what is wrong
 * @param severity {@code critical}, {@code warning}, {@code P1} ...
 * @param where    the host, instance or service affected
 */
public record AlertFacts(String name, String summary, String severity, String where) {
    static final int MAX_NAME_CHARS = 150;
    static final int MAX_SUMMARY_CHARS = 200;
    static final int MAX_SEVERITY_CHARS = 20;
    static final int MAX_WHERE_CHARS = 60;

    public AlertFacts {
        name = SpokenText.bounded(SpokenText.clean(name), MAX_NAME_CHARS);
        summary = SpokenText.bounded(SpokenText.clean(summary), MAX_SUMMARY_CHARS);
        severity = SpokenText.bounded(SpokenText.clean(severity), MAX_SEVERITY_CHARS);
        where = SpokenText.bounded(SpokenText.place(where), MAX_WHERE_CHARS);
    }

    boolean isEmpty() {
        return name.isEmpty() && summary.isEmpty();
    }
}
