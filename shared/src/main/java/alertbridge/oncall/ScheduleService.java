package alertbridge.oncall;

import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * On-call schedules: write versions and overrides, and answer who is on call, the final shifts and the hours report.
 * A schedule may name only people whose phone is on the team's roster, so {@code AllowAdHocNumbers=false} and the
 * toll-fraud guard still hold for everyone a schedule can page.
 */
public final class ScheduleService {
    private static final JsonLog LOG = JsonLog.forComponent("schedules");
    public static final Duration MAX_SHIFTS_WINDOW = Duration.ofDays(200);
    public static final int MAX_REPORT_DAYS = 366;
    static final int MAX_OVERRIDES = 200;
    private static final int ATTEMPTS = 5;

    private final ScheduleStore store;
    private final People people;
    private final Function<String, List<String>> rosterNumbers;
    private final Clock clock;
    private final Supplier<String> ids;

    /**
     * @param rosterNumbers the numbers on a team's roster (any tier), as written; empty when it has none
     * @param ids           new override ids
     */
    public ScheduleService(ScheduleStore store, People people, Function<String, List<String>> rosterNumbers, Clock clock,
                           Supplier<String> ids) {
        this.store = store;
        this.people = people;
        this.rosterNumbers = rosterNumbers;
        this.clock = clock;
        this.ids = ids;
    }

    /** A version written, the rotations that restarted, and who is on call now under it. */
    public record Saved(ScheduleVersion version, List<String> restarted, Timeline timeline, Instant at) {
    }

    public Saved put(String team, ScheduleRequests.Draft draft) {
        checkTeam(team);
        List<String> named = new ArrayList<>();
        draft.rotations().forEach(r -> named.addAll(r.participants()));
        checkOnRoster(team, named);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ScheduleStore.Stored stored = store.load(team);
            Instant now = clock.instant();
            ScheduleVersions.Next next = ScheduleVersions.next(
                    stored.versions().isEmpty() ? Optional.empty() : Optional.of(stored.versions().getLast()), draft, now);
            if (store.addVersion(team, next.version())) {
                LOG.info("schedule_saved", "team", team, "version", next.version().version(), "restarted", next.restarted().size());
                List<ScheduleVersion> versions = new ArrayList<>(stored.versions());
                versions.add(next.version());
                Timeline timeline = new Timeline(versions, stored.overrides());
                nextHandoff(team, timeline);
                return new Saved(next.version(), next.restarted(), timeline, now);
            }
        }
        throw new IllegalStateException("schedule " + team + " kept changing while it was written");
    }

    /** Every team with a schedule. */
    public List<String> teams() {
        return store.teams();
    }

    /** The team's timeline, for any instant. */
    public Timeline timeline(String team) {
        checkTeam(team);
        ScheduleStore.Stored stored = store.load(team);
        if (stored.versions().isEmpty()) {
            throw Refusal.notFound("unknown_schedule", "team '" + team + "' has no schedule; PUT /schedules/" + team + " makes one");
        }
        return new Timeline(stored.versions(), stored.overrides());
    }

    /** The team's timeline, or empty when it has no schedule. */
    public Optional<Timeline> find(String team) {
        ScheduleStore.Stored stored = store.load(team);
        return stored.versions().isEmpty() ? Optional.empty() : Optional.of(new Timeline(stored.versions(), stored.overrides()));
    }

    /** The final shifts of a timeline already loaded ({@link #timeline}) over {@code [from, to)}. */
    public List<Shifts.RoundShift> shifts(Timeline timeline, Instant from, Instant to) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_SHIFTS_WINDOW) > 0) {
            throw Refusal.invalid("invalid_window", "to must be after from, at most " + MAX_SHIFTS_WINDOW.toDays() + " days later");
        }
        return Shifts.byRound(timeline, from, to);
    }

    /**
     * The hours report over local dates {@code [from, to)}, with each person's pages (incidents of the team while the
     * schedule put them on call) and joins (those they joined the bridge of).
     */
    public List<HoursReport.Row> report(String team, LocalDate from, LocalDate to) {
        checkReportWindow(from, to);
        return report(team, timeline(team), from, to);
    }

    /** The hours report over a timeline already loaded ({@link #timeline}); the window is checked first ({@link #checkReportWindow}). */
    public List<HoursReport.Row> report(String team, Timeline timeline, LocalDate from, LocalDate to) {
        Instant[] window = HoursReport.window(from, to, timeline.latest().zone());
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (ScheduleStore.Page page : store.pages(team, window[0], window[1])) {
            List<String> joined = page.joinedNumbers().stream().map(ScheduleService::digits).toList();
            for (String person : page.onCall()) {
                int[] c = counts.computeIfAbsent(person, p -> new int[2]);
                c[0]++;
                if (people.find(person).map(p -> joined.contains(digits(p.phone()))).orElse(false)) {
                    c[1]++;
                }
            }
        }
        Map<String, HoursReport.Activity> activity = new java.util.HashMap<>();
        counts.forEach((person, c) -> activity.put(person, new HoursReport.Activity(c[0], c[1])));
        return HoursReport.rows(timeline, from, to, activity);
    }

    /** The report's window: {@code to} (exclusive) after {@code from}, at most {@link #MAX_REPORT_DAYS} later; refused otherwise. */
    public static void checkReportWindow(LocalDate from, LocalDate to) {
        if (!to.isAfter(from) || from.plusDays(MAX_REPORT_DAYS).isBefore(to)) {
            throw Refusal.invalid("invalid_window", "to must be after from (to is exclusive), at most " + MAX_REPORT_DAYS + " days later");
        }
    }

    /** Adds an override; everyone it adds must be on the team's roster. */
    public Override addOverride(String team, Map<String, Object> body, String createdBy) {
        Timeline timeline = timeline(team);
        Override override;
        try {
            override = ScheduleRequests.override(ids.get(), body, createdBy, clock.instant());
        } catch (ScheduleRequests.TooLong e) {
            throw Refusal.invalid("override_too_long", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_override", e.getMessage());
        }
        checkOnRoster(team, override.add());
        long current = timeline.overrides().stream().filter(o -> o.end().isAfter(clock.instant())).count();
        if (current >= MAX_OVERRIDES) {
            throw Refusal.invalid("too_many_overrides", "a team keeps at most " + MAX_OVERRIDES + " current and future overrides");
        }
        store.addOverride(team, override);
        nextHandoff(team, timeline(team));
        LOG.info("override_added", "team", team, "override", override.id(), "createdBy", createdBy);
        return override;
    }

    /** An override deleted: removed (it had not started) or truncated to now (it had). */
    public record Deleted(Override override, boolean truncated) {
    }

    /** Removes a future override, or truncates a started one to now: the past stays as it was. */
    public Deleted deleteOverride(String team, String id) {
        Override override = timeline(team).overrides().stream().filter(o -> o.id().equals(id)).findFirst()
                .orElseThrow(() -> Refusal.notFound("unknown_override", "team '" + team + "' has no override '" + id + "'"));
        Instant now = clock.instant();
        if (!override.end().isAfter(now)) {
            throw Refusal.invalid("override_ended", "override '" + id + "' ended at " + override.end() + "; the past is kept");
        }
        if (override.start().isAfter(now)) {
            store.removeOverride(team, override);
            nextHandoff(team, timeline(team));
            LOG.info("override_removed", "team", team, "override", id);
            return new Deleted(override, false);
        }
        Override truncated = override.truncatedAt(now);
        store.replaceOverride(team, truncated);
        nextHandoff(team, timeline(team));
        LOG.info("override_truncated", "team", team, "override", id);
        return new Deleted(truncated, true);
    }

    /** The handoff ticker's next look at the team: its next change after now. */
    private void nextHandoff(String team, Timeline timeline) {
        Optional<Instant> next = timeline.next(clock.instant()).map(Timeline.Segment::start);
        store.scheduleHandoff(team, next, HandoffNotices.remindBefore(timeline, next));
    }

    public People people() {
        return people;
    }

    /** Whether {@code person} exists and their phone is on the team's roster. */
    public boolean onRoster(String team, String person) {
        List<String> roster = rosterNumbers.apply(team).stream().map(ScheduleService::digits).toList();
        return people.find(person).map(p -> roster.contains(digits(p.phone()))).orElse(false);
    }

    private void checkOnRoster(String team, List<String> ids) {
        List<String> refused = ids.stream().filter(id -> !onRoster(team, id)).toList();
        if (!refused.isEmpty()) {
            throw Refusal.invalid("person_not_on_roster", "every person needs <ParameterPath>/people/<id> with a phone on the "
                    + "roster of '" + team + "' (<ParameterPath>/teams/" + team + "); not so for: " + String.join(", ", refused.stream().distinct().toList()));
        }
    }

    private static void checkTeam(String team) {
        if (!ScheduleRequests.ID.matcher(team).matches() || team.equals(".") || team.equals("..")) {
            throw Refusal.invalid("invalid_team", "team names are 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9+]", "");
    }
}
