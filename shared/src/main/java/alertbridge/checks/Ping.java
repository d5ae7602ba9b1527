package alertbridge.checks;

import java.time.Instant;
import java.util.Optional;

/**
 * One ping as the job sent it.
 *
 * @param exitStatus the exit status when the ping was {@code /<status>}
 */
public record Ping(PingKind kind, Instant at, Optional<Integer> exitStatus) {
    /**
     * The ping for the path after {@code /ping/<key>}: empty (success), {@code start}, {@code fail}, or an exit status
     * 0-255 (0 success, anything else failure).
     *
     * @throws IllegalArgumentException for any other suffix
     */
    public static Ping of(String suffix, Instant at) {
        if (suffix == null || suffix.isEmpty()) {
            return new Ping(PingKind.SUCCESS, at, Optional.empty());
        }
        if (suffix.equals("start")) {
            return new Ping(PingKind.START, at, Optional.empty());
        }
        if (suffix.equals("fail")) {
            return new Ping(PingKind.FAIL, at, Optional.empty());
        }
        if (suffix.matches("[0-9]{1,3}") && Integer.parseInt(suffix) <= 255) {
            int status = Integer.parseInt(suffix);
            return new Ping(status == 0 ? PingKind.SUCCESS : PingKind.FAIL, at, Optional.of(status));
        }
        throw new IllegalArgumentException("after the ping key: nothing (success), /start, /fail, or an exit status"
                + " 0-255 (0 success, anything else failure)");
    }
}
