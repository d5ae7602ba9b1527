package alertbridge.oncall;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

/** How a rotation's length is counted: in wall-clock hours, days or weeks of the schedule's zone. */
public enum RotationUnit {
    HOURS(Duration.ofHours(1)),
    DAYS(Duration.ofDays(1)),
    WEEKS(Duration.ofDays(7));

    private final Duration nominal;

    RotationUnit(Duration nominal) {
        this.nominal = nominal;
    }

    /** The unit's length without DST: only for estimating which shift an instant falls in. */
    Duration nominal() {
        return nominal;
    }

    /** {@code local} moved by {@code amount} of this unit on the local (wall-clock) timeline. */
    LocalDateTime plus(LocalDateTime local, long amount) {
        return switch (this) {
            case HOURS -> local.plusHours(amount);
            case DAYS -> local.plusDays(amount);
            case WEEKS -> local.plusWeeks(amount);
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code hours}, {@code days}, {@code weeks} */
    public static RotationUnit ofId(String id) {
        for (RotationUnit unit : values()) {
            if (unit.id().equals(id)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unit is one of hours, days, weeks (got '" + id + "')");
    }
}
