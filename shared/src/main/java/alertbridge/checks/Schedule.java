package alertbridge.checks;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When a check's job is expected: every period, or at each time of a cron expression in a time zone. */
public sealed interface Schedule {
    /** The shortest period {@code PUT /checks} takes: the detector runs once a minute. */
    Duration MIN_PERIOD = Duration.ofMinutes(1);
    Duration MAX_PERIOD = Duration.ofDays(366);

    /** The first time the job is expected after it last succeeded (or the check was made) at {@code after}. */
    Instant nextAfter(Instant after);

    /** The zone times are spoken in: the cron's, else UTC. */
    ZoneId zone();

    /** Every {@code period} (at most 366 days; the API takes no less than {@link #MIN_PERIOD}). */
    record Every(Duration period) implements Schedule {
        public Every {
            if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("periodSeconds must be between 1 and " + MAX_PERIOD.toSeconds());
            }
        }

        @Override
        public Instant nextAfter(Instant after) {
            return after.plus(period);
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("UTC");
        }
    }

    /**
     * At each time of a five-field Unix cron expression ({@code minute hour day-of-month month day-of-week}) on the
     * clock of {@code zone}, summer time included (cron-utils).
     */
    record Cron(String expression, ZoneId zone) implements Schedule {
        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        public Cron {
            if (expression == null || expression.isBlank() || expression.length() > 100) {
                throw new IllegalArgumentException("cron must be a five-field expression such as \"0 3 * * *\"");
            }
            expression = expression.strip();
            try {
                ExecutionTime times = ExecutionTime.forCron(PARSER.parse(expression));
                if (times.nextExecution(ZonedDateTime.now(zone)).isEmpty()) {
                    throw new IllegalArgumentException("cron \"" + expression + "\" never comes round");
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("cron") ? e.getMessage()
                        : "cron \"" + expression + "\" is not a five-field expression such as \"0 3 * * *\": " + e.getMessage());
            }
        }

        /** {@code tz}: an IANA zone such as {@code Asia/Tokyo}; blank means UTC. */
        public static Cron of(String expression, String tz) {
            ZoneId zone;
            try {
                zone = tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("tz \"" + tz + "\" is not a time zone; use an IANA name such as Asia/Tokyo");
            }
            return new Cron(expression, zone);
        }

        @Override
        public Instant nextAfter(Instant after) {
            Optional<ZonedDateTime> next = ExecutionTime.forCron(PARSER.parse(expression))
                    .nextExecution(after.atZone(zone));
            // validated to come round; a far-future fallback keeps a broken stored value from paging every minute
            return next.map(ZonedDateTime::toInstant).orElse(after.plus(MAX_PERIOD));
        }
    }
}
