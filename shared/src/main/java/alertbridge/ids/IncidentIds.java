package alertbridge.ids;

import alertbridge.ids.Randomness;
import java.util.Base64;
import java.util.regex.Pattern;

/** Short, URL-safe, unguessable incident ids: 128 random bits as 22 base64url characters. */
public final class IncidentIds {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

    private IncidentIds() {
    }

    public static String next() {
        byte[] bytes = new byte[16];
        Randomness.nextBytes(bytes); // restore-safe under SnapStart (Randomness)
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the value could be an id we issued; anything else is unknown without a database read. */
    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }
}
