package alertbridge.checks;

import alertbridge.ids.IncidentIds;

/** A check's ping key: the only secret a ping carries; made like an incident id (128 random bits, base64url). */
public final class PingKeys {
    private PingKeys() {
    }

    public static String next() {
        return IncidentIds.next();
    }

    /** True when the value could be a key we issued; anything else is unknown without a table read. */
    public static boolean isWellFormed(String value) {
        return IncidentIds.isWellFormed(value);
    }
}
