package alertbridge.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.config.SsmParameterSource;
import alertbridge.ids.IncidentIds;
import alertbridge.incident.Incident;
import alertbridge.oncall.FeedStore;
import alertbridge.oncall.HoursReport;
import alertbridge.oncall.Override;
import alertbridge.oncall.People;
import alertbridge.oncall.Rotation;
import alertbridge.oncall.RotationUnit;
import alertbridge.oncall.ScheduleRequests;
import alertbridge.oncall.ScheduleService;
import alertbridge.oncall.ScheduleStore;
import alertbridge.oncall.ScheduleVersion;
import alertbridge.refusal.Refusal;
import alertbridge.roster.RosterValue;
import alertbridge.testing.SampleConfig;
import alertbridge.testing.SettableClock;
import alertbridge.testkit.aws.LocalAws;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedules in the table against moto, and the service over moto's SSM (people, rosters). */
class SchedulesIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final Schedules schedules = SampleConfig.store(aws).schedules();

    private static String unique(String prefix) {
        return prefix + "-" + IncidentIds.next().substring(0, 8).replaceAll("[^A-Za-z0-9]", "x");
    }

    @Test
    void versionsAndOverridesRoundTripEveryField() {
        String team = unique("sre");
        ScheduleVersion v = new ScheduleVersion(1, Instant.parse("2026-12-01T00:00:00Z"), ZoneId.of("Asia/Tokyo"),
                List.of(new Rotation("primary", "Primary", 1, RotationUnit.WEEKS, 1, LocalDateTime.parse("2027-01-03T00:00"), 2,
                        List.of("alice", "bob")), new Rotation("backup", "Backup", 2, RotationUnit.HOURS, 12,
                        LocalDateTime.parse("2027-01-03T09:00"), 0, List.of("carol"))),
                Set.of(LocalDate.parse("2027-01-11")), new ScheduleVersion.NightHours(LocalTime.of(23, 0), LocalTime.of(6, 0)),
                new ScheduleVersion.Notify(true, false, 60), Instant.parse("2026-12-01T00:00:01Z"));
        assertTrue(schedules.addVersion(team, v));
        assertFalse(schedules.addVersion(team, v), "a version number is written once");
        Override o = new Override("o1", Instant.parse("2027-01-05T09:00:00Z"), Instant.parse("2027-01-06T00:00:00Z"), 1,
                List.of("bob"), List.of("alice"), "dentist", "api", Instant.parse("2026-12-02T00:00:00Z"));
        schedules.addOverride(team, o);
        ScheduleStore.Stored stored = schedules.load(team);
        assertEquals(List.of(v), stored.versions());
        assertEquals(List.of(o), stored.overrides());

        schedules.replaceOverride(team, o.truncatedAt(Instant.parse("2027-01-05T11:00:00Z")));
        assertEquals(Instant.parse("2027-01-05T11:00:00Z"), schedules.load(team).overrides().getFirst().end());
        assertTrue(schedules.removeOverride(team, o));
        assertEquals(List.of(), schedules.load(team).overrides());
        assertEquals(new ScheduleStore.Stored(List.of(), List.of()), schedules.load(unique("nobody")));
    }

    @Test
    void serviceChecksPeopleAgainstTheRosterAndKeepsVersions() {
        String team = unique("sre");
        aws.putParameter("teams/" + team, "+818012345601,+818012345602; round2: +818012345603");
        aws.putSecret("people/alice", "{\"name\":\"Alice\",\"phone\":\"+818012345601\",\"slack\":\"U0ALICE\"}");
        aws.putSecret("people/bob", "{\"name\":\"Bob\",\"phone\":\"+81 80 1234 5602\"}");
        aws.putSecret("people/carol", "{\"name\":\"Carol\",\"phone\":\"+818012345603\"}");
        aws.putSecret("people/dave", "{\"name\":\"Dave\",\"phone\":\"+818012345604\"}");
        SsmParameterSource ssm = new SsmParameterSource(aws.ssm());
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        ScheduleService service = new ScheduleService(schedules, new People(aws.parameterPath() + "/people", ssm::find, java.util.Map::of),
                t -> RosterValue.parse(ssm.find(aws.parameterPath() + "/teams/" + t).orElse("")).numbers(), clock,
                () -> unique("o"));

        Refusal refused = assertThrows(Refusal.class, () -> service.put(team, draft(List.of("alice", "dave"))));
        assertEquals("person_not_on_roster", refused.code());
        assertTrue(refused.detail().contains("dave"));
        assertEquals("person_not_on_roster", assertThrows(Refusal.class, () -> service.put(team, draft(List.of("zoe")))).code());

        service.put(team, draft(List.of("alice", "bob", "carol")));
        assertTrue(service.teams().contains(team), service.teams().toString());
        clock.set(Instant.parse("2027-01-12T03:00:00Z"));
        ScheduleService.Saved second = service.put(team, draft(List.of("carol", "bob", "alice")));
        assertEquals(2, second.version().version());
        assertEquals(List.of("bob"), service.timeline(team).at(clock.instant()).people(1));

        Override o1 = service.addOverride(team, Map.of("start", "2027-01-12T18:00+09:00", "end", "2027-01-13T09:00+09:00",
                "remove", List.of("bob"), "add", List.of("alice"), "reason", "sick"), "api");
        assertEquals(List.of("alice"), service.timeline(team).at(Instant.parse("2027-01-12T10:00:00Z")).people(1));
        assertEquals("person_not_on_roster", assertThrows(Refusal.class, () -> service.addOverride(team, Map.of(
                "start", "2027-01-12T18:00+09:00", "end", "2027-01-13T09:00+09:00", "add", List.of("dave")), "api")).code());
        assertEquals("override_too_long", assertThrows(Refusal.class, () -> service.addOverride(team, Map.of(
                "start", "2027-01-12T00:00Z", "end", "2027-02-13T00:00Z", "add", List.of("alice")), "api")).code());

        clock.set(Instant.parse("2027-01-12T11:00:00Z"));
        ScheduleService.Deleted deleted = service.deleteOverride(team, o1.id());
        assertTrue(deleted.truncated());
        assertEquals(List.of(Instant.parse("2027-01-12T11:00:00Z")),
                service.timeline(team).overrides().stream().map(Override::end).toList());
        Override future = service.addOverride(team, Map.of("start", "2027-01-20T00:00Z", "end", "2027-01-21T00:00Z",
                "add", List.of("carol")), "api");
        assertFalse(service.deleteOverride(team, future.id()).truncated());
        assertEquals(1, service.timeline(team).overrides().size());
        assertEquals("unknown_schedule", assertThrows(Refusal.class, () -> service.timeline(unique("none"))).code());

        // pages and joins in the report: an incident of the team while bob was on call, which bob joined
        IncidentStore store = SampleConfig.store(aws);
        String incident = alertbridge.ids.IncidentIds.next();
        store.incidents().create(Incident.open(incident, "DB down", Instant.parse("2027-01-12T04:00:00Z"), 1, List.of(team),
                List.of("bob")), List.of());
        store.callees().recordJoin(incident, "CA" + "1".repeat(32), "+818012345602", Instant.parse("2027-01-12T04:00:05Z"), "call");
        HoursReport.Row bob = service.report(team, LocalDate.parse("2027-01-10"), LocalDate.parse("2027-01-17")).stream()
                .filter(r -> r.person().equals("bob")).findFirst().orElseThrow();
        assertEquals(List.of(1, 1), List.of(bob.pages(), bob.joined()));
        HoursReport.Row alice = service.report(team, LocalDate.parse("2027-01-10"), LocalDate.parse("2027-01-17")).stream()
                .filter(r -> r.person().equals("alice")).findFirst().orElseThrow();
        assertEquals(List.of(0, 0), List.of(alice.pages(), alice.joined()));
        assertEquals(List.of(0, 0), service.report(team, LocalDate.parse("2027-01-13"), LocalDate.parse("2027-01-14")).stream()
                .filter(r -> r.person().equals("bob")).map(r -> List.of(r.pages(), r.joined())).findFirst().orElseThrow());
    }

    @Test
    void calendarSubscriptionsAreKeptByTheTokensHashUntilRevoked() {
        CalendarSubscriptions feeds = SampleConfig.store(aws).calendarFeeds();
        String hash = unique("h");
        FeedStore.Subscription s = new FeedStore.Subscription(hash, "sre", Optional.of("alice"), Instant.parse("2027-01-05T00:00:00Z"));
        feeds.put(s);
        assertEquals(Optional.of(s), feeds.find(hash));
        FeedStore.Subscription team = new FeedStore.Subscription(hash + "t", "sre", Optional.empty(), Instant.parse("2027-01-05T00:00:00Z"));
        feeds.put(team);
        assertEquals(Optional.of(team), feeds.find(hash + "t"));
        feeds.delete(hash);
        assertEquals(Optional.empty(), feeds.find(hash));
    }

    @Test
    void slackPagesAreOnTheDueIndexUntilTheirFollowUpsAreOver() {
        SlackFollowUpRecords records = SampleConfig.store(aws).slackFollowUps();
        String incident = alertbridge.ids.IncidentIds.next();
        Instant now = Instant.parse("2027-01-05T03:00:00Z");
        var followUp = new alertbridge.slack.FollowUpStore.FollowUp(incident, "https://hooks.slack.com/commands/T0/1/x",
                now.plusSeconds(1800), 1, List.of("+818012345601"), Optional.of(now));
        records.save(followUp);
        assertTrue(records.due(now).contains(followUp), records.due(now).toString());
        records.save(new alertbridge.slack.FollowUpStore.FollowUp(incident, followUp.responseUrl(), followUp.until(), 2,
                followUp.announced(), Optional.empty()));
        assertFalse(records.due(now.plusSeconds(60)).stream().anyMatch(f -> f.incidentId().equals(incident)));
    }

    private static ScheduleRequests.Draft draft(List<String> people) {
        return ScheduleRequests.draft(Map.of("zone", "Asia/Tokyo", "rotations", List.of(Map.of("round", 1, "unit", "weeks",
                "length", 1, "anchor", "2027-01-03T00:00", "participants", people))));
    }
}
