package alertbridge.oncall;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A team's final shifts as an RFC 5545 calendar ({@code text/calendar}), written by hand: CRLF line ends, lines folded
 * at 75 octets (never inside a UTF-8 character), TEXT escaping, {@code DTSTART}/{@code DTEND} in UTC (no VTIMEZONE
 * needed) and a {@code UID} per shift that stays the same while the shift does. Covers now − 14 days to now + 180
 * days; a shift crossing either edge is given whole.
 */
public final class CalendarFeed {
    public static final Duration BEFORE = Duration.ofDays(14);
    public static final Duration AFTER = Duration.ofDays(180);
    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private CalendarFeed() {
    }

    /**
     * @param person only this person's shifts; empty: everyone's
     * @param names  a person's display name by id
     */
    public static String render(String team, Timeline timeline, Instant now, Optional<String> person, Function<String, String> names) {
        Instant from = widen(timeline, now.minus(BEFORE), true);
        Instant to = widen(timeline, now.plus(AFTER), false);
        List<Shifts.PersonShift> shifts = Shifts.byPerson(timeline, from, to).stream()
                .filter(s -> person.isEmpty() || person.get().equals(s.person())).toList();
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//alertbridge//oncall//EN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "X-WR-CALNAME:" + text(team + " on call" + person.map(p -> " (" + names.apply(p) + ")").orElse("")));
        boolean rounds = shifts.stream().anyMatch(s -> s.round() > 1);
        for (Shifts.PersonShift s : shifts) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + uid(team, s) + "@alertbridge");
            line(ics, "DTSTAMP:" + UTC.format(now));
            line(ics, "DTSTART:" + UTC.format(s.start()));
            line(ics, "DTEND:" + UTC.format(s.end()));
            line(ics, "SUMMARY:" + text(names.apply(s.person()) + " on call (" + team + (rounds ? ", round " + s.round() : "") + ")"));
            if (s.fromOverride()) {
                line(ics, "DESCRIPTION:" + text("an override"));
            }
            line(ics, "TRANSP:TRANSPARENT");
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** RFC 5545 TEXT: backslash, semicolon, comma escaped; a line end as {@code \n}. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** One content line, folded: at most 75 octets a line, continuation lines starting with a space. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    /** The edge moved to the start (or end) of every turn running across it, so no shift is cut at the window. */
    private static Instant widen(Timeline timeline, Instant edge, boolean back) {
        Instant widened = edge;
        OnCallSet set = timeline.at(back ? edge : edge.minusNanos(1));
        for (var round : set.rounds().entrySet()) {
            for (String person : round.getValue().keySet()) {
                Optional<Timeline.Span> span = timeline.presence(round.getKey(), person, back ? edge : edge.minusNanos(1));
                if (span.isPresent()) {
                    Instant end = back ? span.get().start() : span.get().end();
                    if (end != Instant.MIN && end != Instant.MAX && (back ? end.isBefore(widened) : end.isAfter(widened))) {
                        widened = end;
                    }
                }
            }
        }
        return widened;
    }

    private static String uid(String team, Shifts.PersonShift s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((team + "|" + s.person() + "|" + s.round() + "|"
                    + s.start().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
