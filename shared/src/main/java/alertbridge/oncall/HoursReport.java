package alertbridge.oncall;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hours on call per person over local dates {@code [from, to)} in the schedule's zone, for allowances and days off.
 * Every span is split at local midnights and each piece counted by its local date as weekday, weekend (Saturday,
 * Sunday) or holiday (the version's {@code holidays}); night hours ({@code nightHours}) and hours on call only through
 * an override are counted besides. Hours come from instants, so a DST week is 167 or 169 h, rounded to 0.01 h at the
 * end. A person on call in two rounds at once counts once.
 */
public final class HoursReport {
    public static final String CSV_HEADER = "person,total,weekday,weekend,holiday,night,fromOverrides,shifts,pages,joined";

    private HoursReport() {
    }

    /** Pages and joins of one person in the window, from the incident records. */
    public record Activity(int pages, int joined) {
        public static final Activity NONE = new Activity(0, 0);
    }

    public record Row(String person, BigDecimal total, BigDecimal weekday, BigDecimal weekend, BigDecimal holiday,
                      BigDecimal night, BigDecimal fromOverrides, int shifts, int pages, int joined) {
        String csv() {
            return String.join(",", Csv.field(person), total.toPlainString(), weekday.toPlainString(),
                    weekend.toPlainString(), holiday.toPlainString(), night.toPlainString(),
                    fromOverrides.toPlainString(), Integer.toString(shifts), Integer.toString(pages), Integer.toString(joined));
        }
    }

    /** The window {@code [from 00:00, to 00:00)} in {@code zone}, as instants. */
    public static Instant[] window(LocalDate from, LocalDate to, ZoneId zone) {
        return new Instant[] {from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant()};
    }

    /** One row per person on call in the window, by id. */
    public static List<Row> rows(Timeline timeline, LocalDate from, LocalDate to, Map<String, Activity> activity) {
        ZoneId zone = timeline.latest().zone();
        Instant[] window = window(from, to, zone);
        Map<String, long[]> seconds = new TreeMap<>(); // total, weekday, weekend, holiday, night, fromOverrides, shifts
        List<String> previous = List.of();
        for (Timeline.Segment segment : timeline.segments(window[0], window[1])) {
            List<String> everyone = segment.onCall().everyone();
            for (String person : everyone) {
                long[] sums = seconds.computeIfAbsent(person, p -> new long[7]);
                if (!previous.contains(person)) {
                    sums[6]++;
                }
                count(timeline, segment, segment.onCall().onlyByOverride(person), sums);
            }
            previous = everyone;
        }
        activity.keySet().forEach(person -> seconds.computeIfAbsent(person, p -> new long[7]));
        List<Row> rows = new ArrayList<>();
        seconds.forEach((person, s) -> {
            Activity a = activity.getOrDefault(person, Activity.NONE);
            rows.add(new Row(person, hours(s[0]), hours(s[1]), hours(s[2]), hours(s[3]), hours(s[4]), hours(s[5]),
                    (int) s[6], a.pages(), a.joined()));
        });
        return rows;
    }

    public static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append("\r\n");
        rows.forEach(row -> csv.append(row.csv()).append("\r\n"));
        return csv.toString();
    }

    private static void count(Timeline timeline, Timeline.Segment segment, boolean byOverride, long[] sums) {
        ZoneId zone = timeline.latest().zone();
        Instant start = segment.start();
        while (start.isBefore(segment.end())) {
            LocalDate date = start.atZone(zone).toLocalDate();
            Instant midnight = date.plusDays(1).atStartOfDay(zone).toInstant();
            Instant end = midnight.isBefore(segment.end()) ? midnight : segment.end();
            long piece = Duration.between(start, end).toSeconds();
            ScheduleVersion v = timeline.versionAt(start);
            sums[0] += piece;
            if (v.holidays().contains(date)) {
                sums[3] += piece;
            } else if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                sums[2] += piece;
            } else {
                sums[1] += piece;
            }
            sums[4] += night(date, start, end, v.night(), zone);
            if (byOverride) {
                sums[5] += piece;
            }
            start = end;
        }
    }

    /** Seconds of {@code [start, end)} (within one local date) inside that date's night hours. */
    private static long night(LocalDate date, Instant start, Instant end, ScheduleVersion.NightHours night, ZoneId zone) {
        List<Instant[]> windows = new ArrayList<>();
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant from = LocalDateTime.of(date, night.from()).atZone(zone).toInstant();
        Instant to = LocalDateTime.of(date, night.to()).atZone(zone).toInstant();
        if (night.from().isAfter(night.to())) {
            windows.add(new Instant[] {dayStart, to});
            windows.add(new Instant[] {from, dayEnd});
        } else if (night.from().isBefore(night.to())) {
            windows.add(new Instant[] {from, to});
        }
        long total = 0;
        for (Instant[] w : windows) {
            Instant a = w[0].isAfter(start) ? w[0] : start;
            Instant b = w[1].isBefore(end) ? w[1] : end;
            if (b.isAfter(a)) {
                total += Duration.between(a, b).toSeconds();
            }
        }
        return total;
    }

    private static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    /** A CSV field: quoted when it holds a comma, quote or line end. */
    static final class Csv {
        private Csv() {
        }

        static String field(String value) {
            return value.matches("[^,\"\r\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
        }
    }
}
