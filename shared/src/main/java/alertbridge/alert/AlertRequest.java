package alertbridge.alert;

import java.util.List;

/**
 * What a caller asked for: whom to phone (as written, not yet validated), what to tell them, and which rosters
 * ({@code team=sre}) to phone as well; {@link alertbridge.roster.Rosters} turns teams into numbers.
 */
public record AlertRequest(List<String> to, String message, List<String> teams) {
    public AlertRequest {
        to = List.copyOf(to);
        teams = List.copyOf(teams);
    }

    public AlertRequest(List<String> to, String message) {
        this(to, message, List.of());
    }
}
