package alertbridge.alert;

import java.util.List;

/** What a caller asked for: whom to phone (as written, not yet validated) and what to tell them. */
public record AlertRequest(List<String> to, String message) {
    public AlertRequest {
        to = List.copyOf(to);
    }
}
