package alertbridge.checks;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** The spoken sentence for a check that went down: which job, and since when (in the given time zone). */
public final class CheckSentences {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private CheckSentences() {
    }

    public static String down(Check check, ZoneId zone) {
        String zoneName = zone.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if (check.lastPing().isEmpty()) {
            return "Check " + check.name() + " is down: it never pinged since it was created at "
                + CLOCK.format(check.created().atZone(zone)) + " " + zoneName + ".";
        }
        return "Check " + check.name() + " is down: no ping since "
            + CLOCK.format(check.lastPing().get().atZone(zone)) + " " + zoneName + ".";
    }
}
