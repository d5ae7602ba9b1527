package alertbridge.oncall;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request bodies read into schedule values: {@code PUT /schedules/{team}} and {@code POST .../overrides}. Anything
 * wrong is an {@link IllegalArgumentException} saying what to fix.
 */
public final class ScheduleRequests {
    /** Person and rotation ids: short and path-safe. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_ROTATIONS = 10;
    static final int MAX_PARTICIPANTS = 50;
    static final int MAX_HOLIDAYS = 400;
    static final int MAX_ROUND = 10;

    private ScheduleRequests() {
    }

    /** A schedule as a PUT gives it, before it becomes a version. */
    public record Draft(ZoneId zone, List<Rotation> rotations, Set<LocalDate> holidays, ScheduleVersion.NightHours night,
                        ScheduleVersion.Notify notices, boolean preserveCurrent) {
    }

    public static Draft draft(Map<String, Object> body) {
        ZoneId zone = zone(text(body, "zone", true));
        List<Rotation> rotations = new ArrayList<>();
        List<?> list = body.get("rotations") instanceof List<?> l ? l : null;
        if (list == null || list.isEmpty() || list.size() > MAX_ROTATIONS) {
            throw new IllegalArgumentException("rotations must be a list of 1-" + MAX_ROTATIONS + " rotations such as "
                    + "{\"round\": 1, \"unit\": \"weeks\", \"length\": 1, \"anchor\": \"2027-01-03T00:00\", \"participants\": [\"alice\"]}");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> r)) {
                throw new IllegalArgumentException("rotations[" + i + "] must be an object");
            }
            Rotation rotation = rotation(i, cast(r));
            if (!ids.add(rotation.id())) {
                throw new IllegalArgumentException("rotation id '" + rotation.id() + "' is used twice");
            }
            rotations.add(rotation);
        }
        Set<LocalDate> holidays = new HashSet<>();
        if (body.get("holidays") instanceof List<?> days) {
            if (days.size() > MAX_HOLIDAYS) {
                throw new IllegalArgumentException("at most " + MAX_HOLIDAYS + " holidays");
            }
            days.forEach(d -> holidays.add(date(String.valueOf(d), "holidays")));
        } else if (body.get("holidays") != null) {
            throw new IllegalArgumentException("holidays must be a list of dates such as [\"2027-01-11\"]");
        }
        ScheduleVersion.NightHours night = ScheduleVersion.NightHours.DEFAULT;
        if (body.get("nightHours") instanceof Map<?, ?> n) {
            night = new ScheduleVersion.NightHours(time(cast(n), "from"), time(cast(n), "to"));
        }
        ScheduleVersion.Notify notify = ScheduleVersion.Notify.DEFAULT;
        if (body.get("notify") instanceof Map<?, ?> n) {
            Map<String, Object> fields = cast(n);
            int remind = integer(fields, "remindMinutes", 0, 0, 1440);
            notify = new ScheduleVersion.Notify(!Boolean.FALSE.equals(fields.get("sms")), !Boolean.FALSE.equals(fields.get("slack")), remind);
        }
        boolean preserve = !Boolean.FALSE.equals(body.get("preserveCurrent"));
        return new Draft(zone, rotations, holidays, night, notify, preserve);
    }

    /**
     * An override from a POST body; {@code start}/{@code end} are instants with an offset.
     *
     * @throws IllegalArgumentException also for one longer than {@link Override#MAX_LENGTH}
     */
    public static Override override(String id, Map<String, Object> body, String createdBy, Instant now) {
        Instant start = instant(text(body, "start", true), "start");
        Instant end = instant(text(body, "end", true), "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
        if (java.time.Duration.between(start, end).compareTo(Override.MAX_LENGTH) > 0) {
            throw new TooLong("an override lasts at most 31 days; split a longer absence into several");
        }
        List<String> add = people(body.get("add"), "add", false);
        List<String> remove = people(body.get("remove"), "remove", true);
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("say whom to add or remove: \"add\": [ids], \"remove\": [ids] or [\"*\"]");
        }
        int round = integer(body, "round", 1, 1, MAX_ROUND);
        String reason = body.get("reason") == null ? "" : String.valueOf(body.get("reason"));
        if (reason.length() > 200) {
            throw new IllegalArgumentException("reason is at most 200 characters");
        }
        return new Override(id, start, end, round, add, remove, reason, createdBy, now);
    }

    /** An override longer than {@link Override#MAX_LENGTH}: its own code ({@code override_too_long}). */
    public static final class TooLong extends IllegalArgumentException {
        TooLong(String message) {
            super(message);
        }
    }

    public static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " must be an instant with an offset, such as 2027-01-05T18:00+09:00 or 2027-01-05T09:00:00Z");
        }
    }

    public static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " must be a date YYYY-MM-DD (got '" + shortened(text) + "')");
        }
    }

    private static Rotation rotation(int i, Map<String, Object> r) {
        String where = "rotations[" + i + "]";
        String id = r.get("id") == null ? "r" + (i + 1) : String.valueOf(r.get("id"));
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ".id is 1-64 of A-Z a-z 0-9 . _ -");
        }
        String name = r.get("name") == null ? id : String.valueOf(r.get("name"));
        int round = integer(r, "round", 1, 1, MAX_ROUND);
        RotationUnit unit;
        try {
            unit = RotationUnit.ofId(text(r, "unit", true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + e.getMessage());
        }
        int length = integer(r, "length", 1, 1, unit == RotationUnit.WEEKS ? 52 : unit == RotationUnit.DAYS ? 366 : 24);
        LocalDateTime anchor;
        try {
            anchor = LocalDateTime.parse(text(r, "anchor", true));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ".anchor is a local date and time such as 2027-01-03T00:00 (no offset: the schedule's zone applies)");
        }
        List<String> participants = people(r.get("participants"), where + ".participants", false);
        if (participants.isEmpty() || participants.size() > MAX_PARTICIPANTS) {
            throw new IllegalArgumentException(where + ".participants must list 1-" + MAX_PARTICIPANTS + " person ids");
        }
        try {
            return new Rotation(id, name, round, unit, length, anchor, 0, participants);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static List<String> people(Object value, String field, boolean star) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(field + " must be a list of person ids");
        }
        List<String> ids = new ArrayList<>();
        for (Object o : list) {
            String id = String.valueOf(o);
            if (!(star && Override.EVERYONE.equals(id)) && !ID.matcher(id).matches()) {
                throw new IllegalArgumentException(field + ": '" + shortened(id) + "' is not a person id (1-64 of A-Z a-z 0-9 . _ -)"
                        + (star ? " or \"*\"" : ""));
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone must be an IANA zone name such as Asia/Tokyo (got '" + shortened(id) + "')");
        }
    }

    private static LocalTime time(Map<String, Object> fields, String name) {
        try {
            return LocalTime.parse(text(fields, name, true));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("nightHours." + name + " is a local time such as 22:00");
        }
    }

    private static String text(Map<String, Object> fields, String name, boolean required) {
        Object value = fields.get(name);
        if (value == null || String.valueOf(value).isBlank()) {
            if (required) {
                throw new IllegalArgumentException(name + " is required");
            }
            return "";
        }
        return String.valueOf(value);
    }

    private static int integer(Map<String, Object> fields, String name, int fallback, int min, int max) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer n) || n < min || n > max) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
