package alertbridge.checks;

import java.util.Locale;

/** What a ping says: success, a run started, or failure ({@code /fail} or a non-zero exit status). */
public enum PingKind {
    SUCCESS, START, FAIL;

    /** As the API and the table write it: {@code success}, {@code start}, {@code fail}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PingKind ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
