package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void periodIsAddedToTheLastSuccess() {
        Instant t = Instant.parse("2026-11-30T18:00:00Z");
        assertEquals(t.plusSeconds(300), new Schedule.Every(Duration.ofSeconds(300)).nextAfter(t));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Every(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Schedule.Every(Duration.ofDays(367)));
    }

    @Test
    void cronRunsOnTheClockOfItsZone() {
        Schedule tokyo = Schedule.Cron.of("0 3 * * *", "Asia/Tokyo");
        // 03:00 in Tokyo is 18:00 UTC the day before
        assertEquals(Instant.parse("2026-11-30T18:00:00Z"), tokyo.nextAfter(Instant.parse("2026-11-30T10:00:00Z")));
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), tokyo.nextAfter(Instant.parse("2026-11-30T18:00:00Z")),
                "strictly after: a ping at the run time expects the next run");
        assertEquals(ZoneId.of("Asia/Tokyo"), tokyo.zone());
        assertEquals(ZoneId.of("UTC"), Schedule.Cron.of("*/15 * * * *", "").zone());
    }

    @Test
    void cronFollowsSummerTime() {
        Schedule berlin = Schedule.Cron.of("0 3 * * *", "Europe/Berlin");
        // Berlin moves to CEST (UTC+2) on 2026-03-29: 03:00 is 02:00Z the day before and 01:00Z that day
        assertEquals(Instant.parse("2026-03-28T02:00:00Z"), berlin.nextAfter(Instant.parse("2026-03-27T02:00:00Z")));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), berlin.nextAfter(Instant.parse("2026-03-28T02:00:00Z")));
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), berlin.nextAfter(Instant.parse("2026-10-24T01:00:00Z")),
                "back to CET (UTC+1) on 2026-10-25");
    }

    @Test
    void refusesWhatCannotBeAScheduleInWords() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.Cron.of("0 3 * *", "UTC"))
                .getMessage().contains("five-field"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.Cron.of("0 3 * * *", "Mars/Olympus"))
                .getMessage().contains("IANA"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.Cron.of("0 0 30 2 *", "UTC"))
                .getMessage().contains("never"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.Cron.of("61 * * * *", "UTC"));
    }
}
