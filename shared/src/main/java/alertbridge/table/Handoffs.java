package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.oncall.HandoffStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Handoff notices in the table: {@code SCHEDULES / <team>} carries the team's next change on the due index
 * ({@code dueList = HANDOFF}), {@code SCHEDULES / <team>#remind} the same change {@code remindMinutes} earlier, and
 * {@code TEAM#<team> / HANDOFF#<epoch ms>[#remind]} is the claim that a notice went out, made by a conditional put.
 */
public final class Handoffs implements HandoffStore {
    private static final String REMIND = "#remind";
    private static final Duration CLAIMS_KEPT = Duration.ofDays(400);
    private final IncidentTable table;

    Handoffs(IncidentTable table) {
        this.table = table;
    }

    @Override
    public void scheduleHandoff(String team, Optional<Instant> next, Duration remind) {
        table.put(watch(team, false, next, Duration.ZERO));
        table.put(watch(team, true, remind.isPositive() ? next : Optional.empty(), remind));
    }

    @Override
    public List<Due> due(Instant now) {
        List<Due> due = new ArrayList<>();
        for (Map<String, AttributeValue> key : table.dueBy(TableKeys.HANDOFF_DUE, dueAt(now))) {
            String sk = key.get(TableKeys.SK).s();
            boolean reminder = sk.endsWith(REMIND);
            String team = reminder ? sk.substring(0, sk.length() - REMIND.length()) : sk;
            table.get(TableKeys.scheduledTeam(sk)).filter(item -> item.containsKey("changeAt")).ifPresent(item -> {
                Instant change = Instant.parse(item.get("changeAt").s());
                Duration lead = Duration.ofSeconds(Long.parseLong(item.get("remindSeconds").n()));
                if (!change.minus(lead).isAfter(now)) {
                    due.add(new Due(team, change, reminder));
                }
            });
        }
        return due;
    }

    @Override
    public boolean claim(String team, Instant change, boolean reminder) {
        Map<String, AttributeValue> item = TableKeys.handoffClaim(team, change, reminder ? REMIND : "").attributes();
        item.put(TableKeys.TYPE, s("handoff"));
        item.put("changeAt", s(change.toString()));
        item.put(TableKeys.EXPIRES_AT, n(change.plus(CLAIMS_KEPT).getEpochSecond()));
        return table.putIf(item, "attribute_not_exists(pk)", null);
    }

    @Override
    public boolean reschedule(String team, boolean reminder, Instant expected, Optional<Instant> next, Duration remind) {
        return table.putIf(watch(team, reminder, next, remind), "changeAt = :expected", Map.of(":expected", s(expected.toString())));
    }

    /** A watch item: on the due index only while a change is ahead ({@code changeAt} exact, {@code dueAt} in seconds). */
    private static Map<String, AttributeValue> watch(String team, boolean reminder, Optional<Instant> next, Duration lead) {
        Map<String, AttributeValue> item = TableKeys.scheduledTeam(team + (reminder ? REMIND : "")).attributes();
        item.put(TableKeys.TYPE, s(reminder ? "handoff_reminder" : "scheduled_team"));
        item.put("remindSeconds", n(lead.toSeconds()));
        next.ifPresent(at -> {
            item.put("changeAt", s(at.toString()));
            item.put(TableKeys.DUE_LIST, s(TableKeys.HANDOFF_DUE));
            item.put(TableKeys.DUE_AT, s(dueAt(at.minus(lead))));
        });
        return item;
    }

    /** Whole seconds, rounded up, always the same width: the index's range key orders as time does. */
    private static String dueAt(Instant at) {
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        return (seconds.equals(at) ? seconds : seconds.plusSeconds(1)).toString();
    }
}
