package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.checks.Check;
import alertbridge.checks.CheckSpec;
import alertbridge.checks.CheckState;
import alertbridge.checks.CheckStore;
import alertbridge.checks.Ping;
import alertbridge.checks.PingKind;
import alertbridge.checks.Schedule;
import alertbridge.ids.IncidentIds;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Check-ins ({@code CHECKS} / {@code <name>}, with {@code PINGKEY#<key>} pointing at each, and {@code CHECK#<name>}
 * holding its recent pings). A check's item carries {@code dueList}/{@code dueAt} only while it has a deadline, so the
 * {@value TableKeys#BY_DUE_AT} index holds exactly the checks the detector may have to flip. Every write of a check
 * is conditional on the {@code version} it read.
 */
public final class Checks implements CheckStore {
    private final IncidentTable table;

    Checks(IncidentTable table) {
        this.table = table;
    }

    @Override
    public Optional<Check> find(String name) {
        return table.get(TableKeys.check(name)).map(Checks::check);
    }

    @Override
    public Optional<String> nameForKey(String pingKey) {
        return table.get(TableKeys.pingKey(pingKey)).map(item -> item.get("name").s());
    }

    @Override
    public List<Check> all() {
        return table.partition(TableKeys.check("").pk(), "", true, 0).stream().map(Checks::check).toList();
    }

    @Override
    public boolean create(Check check) {
        Map<String, AttributeValue> key = TableKeys.pingKey(check.pingKey()).attributes();
        key.put(TableKeys.TYPE, s("ping_key"));
        key.put("name", s(check.name()));
        return table.transactIf(List.of(putIfAbsent(item(check, check.version())), putIfAbsent(key)));
    }

    @Override
    public boolean replace(Check next) {
        return table.putIf(item(next, next.version() + 1), "version = :v", Map.of(":v", n(next.version())));
    }

    @Override
    public boolean delete(Check check) {
        return table.transactIf(List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                        .key(TableKeys.check(check.name()).attributes())
                        .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(check.version())))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                        .key(TableKeys.pingKey(check.pingKey()).attributes()).build()).build()));
    }

    @Override
    public List<String> due(Instant now) {
        return table.dueBy(dueAt(now)).stream().map(item -> item.get(TableKeys.SK).s()).toList();
    }

    @Override
    public void recordPing(String name, Ping ping, String body) {
        Map<String, AttributeValue> item = table.newItem(TableKeys.ping(name, ping.at(), IncidentIds.next().substring(0, 6)), ping.at());
        item.put("kind", s(ping.kind().id()));
        item.put("at", s(ping.at().toString()));
        ping.exitStatus().ifPresent(status -> item.put("exitStatus", n(status)));
        if (!body.isEmpty()) {
            item.put("body", s(body));
        }
        table.put(item);
    }

    @Override
    public List<PingRecord> recentPings(String name, int limit) {
        return table.partition(TableKeys.pingsOf(name), "PING#", false, limit).stream()
                .map(item -> new PingRecord(ping(item, "kind", "at", "exitStatus").orElseThrow(),
                        item.containsKey("body") ? item.get("body").s() : ""))
                .toList();
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** Whole seconds, always the same width, so the index's range key orders as time does. */
    private static String dueAt(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Map<String, AttributeValue> item(Check check, long version) {
        Map<String, AttributeValue> item = TableKeys.check(check.name()).attributes();
        item.put(TableKeys.TYPE, s("check"));
        item.put("name", s(check.name()));
        switch (check.spec().schedule()) {
            case Schedule.Every every -> item.put("periodSeconds", n(every.period().toSeconds()));
            case Schedule.Cron cron -> {
                item.put("cron", s(cron.expression()));
                item.put("tz", s(cron.zone().getId()));
            }
        }
        item.put("graceSeconds", n(check.spec().grace().toSeconds()));
        check.spec().team().ifPresent(team -> item.put("team", s(team)));
        if (!check.spec().to().isEmpty()) {
            item.put("to", AttributeValue.fromL(check.spec().to().stream().map(TableKeys::s).toList()));
        }
        item.put("pingKey", s(check.pingKey()));
        item.put("state", s(check.state().id()));
        item.put("createdAt", s(check.created().toString()));
        item.put("since", s(check.since().toString()));
        check.lastPing().ifPresent(ping -> {
            item.put("lastPingKind", s(ping.kind().id()));
            item.put("lastPingAt", s(ping.at().toString()));
            ping.exitStatus().ifPresent(status -> item.put("lastExitStatus", n(status)));
        });
        check.lastSuccess().ifPresent(at -> item.put("lastSuccess", s(at.toString())));
        check.incidentId().ifPresent(id -> item.put("incidentId", s(id)));
        check.pageTried().ifPresent(at -> item.put("pageTried", s(at.toString())));
        check.deadline().ifPresent(deadline -> {
            item.put(TableKeys.DUE_LIST, s(TableKeys.DUE));
            item.put(TableKeys.DUE_AT, s(dueAt(deadline)));
        });
        item.put("version", n(version));
        return item;
    }

    private static Check check(Map<String, AttributeValue> item) {
        Schedule schedule = item.containsKey("cron")
                ? Schedule.Cron.of(item.get("cron").s(), item.get("tz").s())
                : new Schedule.Every(Duration.ofSeconds(Long.parseLong(item.get("periodSeconds").n())));
        CheckSpec spec = new CheckSpec(item.get("name").s(), schedule,
                Duration.ofSeconds(Long.parseLong(item.get("graceSeconds").n())),
                Optional.ofNullable(item.get("team")).map(AttributeValue::s),
                item.containsKey("to") ? item.get("to").l().stream().map(AttributeValue::s).toList() : List.of());
        return new Check(spec, item.get("pingKey").s(), CheckState.ofId(item.get("state").s()),
                instant(item, "createdAt").orElseThrow(), instant(item, "since").orElseThrow(),
                ping(item, "lastPingKind", "lastPingAt", "lastExitStatus"), instant(item, "lastSuccess"),
                Optional.ofNullable(item.get("incidentId")).map(AttributeValue::s), instant(item, "pageTried"),
                Long.parseLong(item.get("version").n()));
    }

    private static Optional<Ping> ping(Map<String, AttributeValue> item, String kind, String at, String exitStatus) {
        if (!item.containsKey(kind)) {
            return Optional.empty();
        }
        return Optional.of(new Ping(PingKind.ofId(item.get(kind).s()), Instant.parse(item.get(at).s()),
                Optional.ofNullable(item.get(exitStatus)).map(v -> Integer.parseInt(v.n()))));
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(v -> Instant.parse(v.s()));
    }
}
