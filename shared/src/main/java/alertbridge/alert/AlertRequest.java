package alertbridge.alert;

import java.util.List;

/**
 * What to raise: whom to phone (as written, rosters already resolved; validated and guarded by {@link AlertService})
 * and what to tell them.
 */
public record AlertRequest(List<String> to, String message) {
    public AlertRequest {
        to = List.copyOf(to);
    }
}
