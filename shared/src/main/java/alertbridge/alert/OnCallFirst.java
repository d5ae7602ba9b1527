package alertbridge.alert;

import alertbridge.log.JsonLog;
import alertbridge.oncall.OnCallSet;
import alertbridge.oncall.People;
import alertbridge.oncall.Timeline;
import alertbridge.roster.RosterValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Whom a page of a team with an on-call schedule phones in which round: round <i>r</i>'s on-call people in the
 * <i>r</i>-th round that has anyone, then the roster's tiers after the schedule's last round, without anyone already
 * called. The page always gets through: nobody on call ({@code gap}) or a schedule that cannot be read within the
 * budget ({@code unavailable}) phones the roster as if there were no schedule, and says so.
 */
public final class OnCallFirst {
    private static final JsonLog LOG = JsonLog.forComponent("on-call-first");
    public static final Duration READ_BUDGET = Duration.ofMillis(300);
    public static final String ON_CALL = "on_call";
    public static final String GAP = "gap";
    public static final String UNAVAILABLE = "unavailable";
    /** Where schedule reads run, so one that hangs is left behind at the budget's end. */
    private static final java.util.concurrent.ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();

    private final Function<String, Optional<Timeline>> schedules;
    private final People people;
    private final Clock clock;
    private final Duration budget;

    /** @param schedules a team's schedule, empty when it has none (a read of the table) */
    public OnCallFirst(Function<String, Optional<Timeline>> schedules, People people, Clock clock, Duration budget) {
        this.schedules = schedules;
        this.people = people;
        this.clock = clock;
        this.budget = budget;
    }

    /** A page's callees by round, whom the schedule put on call, and how it was used (empty: no schedule). */
    public record Routing(List<RosterValue.Member> members, List<String> onCall, Optional<String> schedule) {
        public Routing {
            members = List.copyOf(members);
            onCall = List.copyOf(onCall);
        }

        /** The roster as it is: no schedule involved, or {@code why} it was not used. */
        static Routing roster(List<RosterValue.Member> roster, Optional<String> why) {
            return new Routing(roster, List.of(), why);
        }

        public List<String> firstRound() {
            return RosterValue.Member.firstRound(members);
        }

        public List<RosterValue.Member> later() {
            return RosterValue.Member.later(members);
        }
    }

    /** @param roster the team's roster members, round 1 first ({@code Rosters.callees}) */
    public Routing route(String team, List<RosterValue.Member> roster) {
        CompletableFuture<Optional<Routing>> read = CompletableFuture.supplyAsync(() -> schedules.apply(team)
                .map(timeline -> routed(timeline, roster)), READS);
        try {
            return read.get(budget.toMillis(), TimeUnit.MILLISECONDS).orElseGet(() -> Routing.roster(roster, Optional.empty()));
        } catch (TimeoutException | ExecutionException e) {
            read.cancel(true);
            LOG.warn("schedule_unavailable", "team", team, "error", e instanceof TimeoutException ? "timeout"
                    : e.getCause().getClass().getSimpleName());
            return Routing.roster(roster, Optional.of(UNAVAILABLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Routing.roster(roster, Optional.of(UNAVAILABLE));
        }
    }

    private Routing routed(Timeline timeline, List<RosterValue.Member> roster) {
        OnCallSet set = timeline.at(clock.instant());
        List<RosterValue.Member> members = new ArrayList<>();
        List<String> onCall = new ArrayList<>();
        Set<String> called = new HashSet<>();
        int round = 0;
        for (var entry : set.rounds().entrySet()) {
            List<String> phones = new ArrayList<>();
            for (String id : entry.getValue().keySet()) {
                people.find(id).ifPresent(person -> {
                    if (called.add(digits(person.phone()))) {
                        phones.add(person.phone());
                        onCall.add(id);
                    }
                });
            }
            if (!phones.isEmpty() && round < RosterValue.MAX_ROUND) {
                round++;
                for (String phone : phones) {
                    members.add(new RosterValue.Member(phone, round));
                }
            }
        }
        if (members.isEmpty()) {
            return Routing.roster(roster, Optional.of(GAP));
        }
        for (RosterValue.Member m : roster) {
            if (called.add(digits(m.number()))) {
                members.add(new RosterValue.Member(m.number(), Math.min(RosterValue.MAX_ROUND, round + m.fromRound())));
            }
        }
        return new Routing(members, onCall, Optional.of(ON_CALL));
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }
}
