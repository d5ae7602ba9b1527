package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.oncall.Override;
import alertbridge.oncall.Rotation;
import alertbridge.oncall.RotationUnit;
import alertbridge.oncall.ScheduleStore;
import alertbridge.oncall.ScheduleVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On-call schedules in the table's {@code TEAM#<team>} partition: immutable versions ({@code SCHEDULE#<version>})
 * and overrides ({@code OVERRIDE#<start epoch ms>#<id>}), all read with one query. Versions stay until deleted by
 * hand (reports over the past need them); an override expires {@value #OVERRIDE_KEPT_DAYS} days after its end.
 */
public final class Schedules implements ScheduleStore {
    static final int OVERRIDE_KEPT_DAYS = 400;
    private final IncidentTable table;
    private final Handoffs handoffs;

    Schedules(IncidentTable table, Handoffs handoffs) {
        this.table = table;
        this.handoffs = handoffs;
    }

    @java.lang.Override
    public Stored load(String team) {
        List<ScheduleVersion> versions = new ArrayList<>();
        List<Override> overrides = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.partition(TableKeys.scheduleOf(team), "", true, 0)) {
            String sk = item.get(TableKeys.SK).s();
            if (sk.startsWith(TableKeys.SCHEDULE_VERSION)) {
                versions.add(version(item));
            } else if (sk.startsWith(TableKeys.OVERRIDE)) {
                overrides.add(override(item));
            }
        }
        return new Stored(versions, overrides);
    }

    @java.lang.Override
    public List<String> teams() {
        return table.partition(TableKeys.SCHEDULED_TEAMS, "", true, 0).stream().map(item -> item.get(TableKeys.SK).s())
                .filter(sk -> !sk.contains("#")).sorted().toList(); // a team's reminder is <team>#remind
    }

    @java.lang.Override
    public List<Page> pages(String team, Instant from, Instant to) {
        List<Page> pages = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.partition(TableKeys.scheduleOf(team), TableKeys.PAGES, true, 0)) {
            Instant at = Instant.parse(item.get("at").s());
            if (!at.isBefore(from) && at.isBefore(to)) {
                String incidentId = item.get("incidentId").s();
                List<String> joined = table.itemsUnder(incidentId, TableKeys.JOINS).stream().map(j -> j.get("to").s()).toList();
                pages.add(new Page(incidentId, at, list(item.get("onCall")), joined));
            }
        }
        return pages;
    }

    @java.lang.Override
    public boolean addVersion(String team, ScheduleVersion v) {
        Map<String, AttributeValue> item = TableKeys.scheduleVersion(team, v.version()).attributes();
        item.put(TableKeys.TYPE, s("schedule"));
        item.put("version", n(v.version()));
        item.put("effectiveFrom", s(v.effectiveFrom().toString()));
        item.put("zone", s(v.zone().getId()));
        item.put("rotations", AttributeValue.fromL(v.rotations().stream().map(Schedules::rotation).toList()));
        item.put("holidays", AttributeValue.fromL(v.holidays().stream().map(d -> s(d.toString())).toList()));
        item.put("nightFrom", s(v.night().from().toString()));
        item.put("nightTo", s(v.night().to().toString()));
        item.put("notifySms", AttributeValue.fromBool(v.notices().sms()));
        item.put("notifySlack", AttributeValue.fromBool(v.notices().slack()));
        item.put("remindMinutes", n(v.notices().remindMinutes()));
        item.put("createdAt", s(v.createdAt().toString()));
        return table.putIf(item, "attribute_not_exists(pk)", null);
    }

    @java.lang.Override
    public void addOverride(String team, Override o) {
        table.putIf(overrideItem(team, o), "attribute_not_exists(pk)", null);
    }

    @java.lang.Override
    public boolean removeOverride(String team, Override o) {
        return table.deleteIf(TableKeys.override(team, o.start(), o.id()), "attribute_exists(pk)", null);
    }

    @java.lang.Override
    public void replaceOverride(String team, Override o) {
        table.putIf(overrideItem(team, o), "attribute_exists(pk)", null);
    }

    @java.lang.Override
    public void scheduleHandoff(String team, Optional<Instant> next, Duration remind) {
        handoffs.scheduleHandoff(team, next, remind);
    }

    private static Map<String, AttributeValue> overrideItem(String team, Override o) {
        Map<String, AttributeValue> item = TableKeys.override(team, o.start(), o.id()).attributes();
        item.put(TableKeys.TYPE, s("override"));
        item.put("id", s(o.id()));
        item.put("start", s(o.start().toString()));
        item.put("end", s(o.end().toString()));
        item.put("round", n(o.round()));
        item.put("add", strings(o.add()));
        item.put("remove", strings(o.remove()));
        item.put("reason", s(o.reason()));
        item.put("createdBy", s(o.createdBy()));
        item.put("createdAt", s(o.createdAt().toString()));
        item.put(TableKeys.EXPIRES_AT, n(o.end().plus(Duration.ofDays(OVERRIDE_KEPT_DAYS)).getEpochSecond()));
        return item;
    }

    private static AttributeValue rotation(Rotation r) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("id", s(r.id()));
        m.put("name", s(r.name()));
        m.put("round", n(r.round()));
        m.put("unit", s(r.unit().id()));
        m.put("length", n(r.length()));
        m.put("anchor", s(r.anchor().toString()));
        m.put("startIndex", n(r.startIndex()));
        m.put("participants", strings(r.participants()));
        return AttributeValue.fromM(m);
    }

    private static ScheduleVersion version(Map<String, AttributeValue> item) {
        List<Rotation> rotations = item.get("rotations").l().stream().map(AttributeValue::m).map(m -> new Rotation(
                m.get("id").s(), m.get("name").s(), integer(m.get("round")), RotationUnit.ofId(m.get("unit").s()),
                integer(m.get("length")), LocalDateTime.parse(m.get("anchor").s()), integer(m.get("startIndex")),
                list(m.get("participants")))).toList();
        return new ScheduleVersion(integer(item.get("version")), Instant.parse(item.get("effectiveFrom").s()),
                ZoneId.of(item.get("zone").s()), rotations,
                new java.util.HashSet<>(list(item.get("holidays")).stream().map(LocalDate::parse).toList()),
                new ScheduleVersion.NightHours(LocalTime.parse(item.get("nightFrom").s()), LocalTime.parse(item.get("nightTo").s())),
                new ScheduleVersion.Notify(item.get("notifySms").bool(), item.get("notifySlack").bool(), integer(item.get("remindMinutes"))),
                Instant.parse(item.get("createdAt").s()));
    }

    private static Override override(Map<String, AttributeValue> item) {
        return new Override(item.get("id").s(), Instant.parse(item.get("start").s()), Instant.parse(item.get("end").s()),
                integer(item.get("round")), list(item.get("add")), list(item.get("remove")), item.get("reason").s(),
                item.get("createdBy").s(), Instant.parse(item.get("createdAt").s()));
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(TableKeys::s).toList());
    }

    private static List<String> list(AttributeValue value) {
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static int integer(AttributeValue value) {
        return Integer.parseInt(value.n());
    }
}
