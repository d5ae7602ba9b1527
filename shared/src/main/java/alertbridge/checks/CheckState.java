package alertbridge.checks;

import java.util.Locale;

/** Where a check stands: never pinged, up, started (a run is under way), or down (paged). */
public enum CheckState {
    NEW, UP, STARTED, DOWN;

    /** As the API and the table write it: {@code new}, {@code up}, {@code started}, {@code down}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CheckState ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
