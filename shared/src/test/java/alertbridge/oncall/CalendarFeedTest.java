package alertbridge.oncall;

import static alertbridge.oncall.Fixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The calendar feed (C1, C2, C4): exact lines, folding, escaping, and the same spans as /shifts when parsed. */
class CalendarFeedTest {
    private static final Instant NOW = at("2027-01-05T00:00:00Z");

    @Test
    void c1_alicesWeekInUtcWithCrlfLinesOfAtMost75Octets() {
        String ics = CalendarFeed.render("sre", Fixtures.timeline(Fixtures.sre()), NOW, Optional.empty(), id -> id);
        assertTrue(ics.contains("\r\nDTSTART:20270102T150000Z\r\nDTEND:20270109T150000Z\r\nSUMMARY:alice on call (sre)\r\n"), ics);
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        for (String line : ics.split("\r\n", -1)) {
            assertTrue(!line.contains("\n") && !line.contains("\r"), "a bare line end: " + line);
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        List<VEvent> events = Biweekly.parse(ics).first().getEvents();
        assertTrue(events.stream().noneMatch(e -> e.getDateEnd().getValue().toInstant().isBefore(at("2026-12-22T00:00:00Z"))));
        assertTrue(events.stream().noneMatch(e -> e.getDateStart().getValue().toInstant().isAfter(at("2027-07-04T00:00:00Z"))));
        assertEquals(events.size(), events.stream().map(e -> e.getUid().getValue()).distinct().count(), "one UID per shift");
    }

    @Test
    void c2_namesAreEscapedAndLongLinesFoldedWithoutSplittingACharacter() {
        String ics = CalendarFeed.render("sre", Fixtures.timeline(Fixtures.sre()), NOW, Optional.of("alice"),
                id -> id.equals("alice") ? "Smith, J; R\\D" : id);
        assertTrue(ics.contains("SUMMARY:Smith\\, J\\; R\\\\D on call (sre)\r\n"), ics);
        StringBuilder folded = new StringBuilder();
        CalendarFeed.line(folded, "SUMMARY:" + "日本語".repeat(20));
        for (String line : folded.toString().split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
            assertEquals(line, new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        assertEquals("SUMMARY:" + "日本語".repeat(20), folded.toString().replace("\r\n ", "").strip());
    }

    @Test
    void c4_withO1AlicesWeekSplitsAndTheFeedParsesIntoTheSameSpansAsShifts() {
        Timeline timeline = Fixtures.timeline(Fixtures.sre(), Fixtures.o1());
        ICalendar calendar = Biweekly.parse(CalendarFeed.render("sre", timeline, NOW, Optional.empty(), id -> id)).first();
        List<String> parsed = calendar.getEvents().stream().map(e -> e.getSummary().getValue().split(" ")[0] + " "
                + e.getDateStart().getValue().toInstant() + " " + e.getDateEnd().getValue().toInstant()).toList();
        Instant from = calendar.getEvents().getFirst().getDateStart().getValue().toInstant();
        Instant to = calendar.getEvents().getLast().getDateEnd().getValue().toInstant();
        List<String> shifts = Shifts.byPerson(timeline, from, to).stream().map(s -> s.person() + " " + s.start() + " " + s.end()).toList();
        assertEquals(shifts, parsed);
        assertTrue(parsed.contains("alice 2027-01-02T15:00:00Z 2027-01-05T09:00:00Z"), parsed.toString());
        assertTrue(parsed.contains("bob 2027-01-05T09:00:00Z 2027-01-06T00:00:00Z"), parsed.toString());
        assertTrue(parsed.contains("alice 2027-01-06T00:00:00Z 2027-01-09T15:00:00Z"), parsed.toString());
    }
}
