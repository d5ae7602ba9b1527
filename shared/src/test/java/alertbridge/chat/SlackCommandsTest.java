package alertbridge.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.alert.AlertIntake;
import alertbridge.calls.CallbackUrls;
import alertbridge.oncall.HoursReport;
import alertbridge.oncall.Override;
import alertbridge.oncall.People;
import alertbridge.oncall.ScheduleRequests;
import alertbridge.oncall.ScheduleService;
import alertbridge.oncall.ScheduleStore;
import alertbridge.oncall.ScheduleVersion;
import alertbridge.slack.SlackFollowUps;
import alertbridge.testing.SettableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The /oncall subcommands over an in-memory schedule store (S2, standby check-in and out, cover, refusals). */
class SlackCommandsTest {
    private static final Map<String, String> PEOPLE = Map.of(
            "/p/people/alice", "{\"name\":\"alice\",\"phone\":\"+818012345601\",\"slack\":\"U0ALICE\"}",
            "/p/people/bob", "{\"name\":\"bob\",\"phone\":\"+818012345602\",\"slack\":\"U0BOB\"}",
            "/p/people/carol", "{\"name\":\"carol\",\"phone\":\"+818012345603\",\"slack\":\"U0CAROL\"}");
    private static final String RESPONSE = "https://hooks.slack.com/commands/T0/1/x";
    private static final CallbackUrls URLS = new CallbackUrls("https://example.test/Prod");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final AlertIntake alerts = Mockito.mock(AlertIntake.class);
    private ScheduleService schedules;
    private SlackCommands commands;

    /** The table, in memory: a unit seam for the commands. */
    static final class InMemory implements ScheduleStore {
        final List<ScheduleVersion> versions = new ArrayList<>();
        final List<Override> overrides = new ArrayList<>();

        public Stored load(String team) {
            return new Stored(versions, overrides);
        }

        public List<String> teams() {
            return versions.isEmpty() ? List.of() : List.of("sre");
        }

        public List<Page> pages(String team, Instant from, Instant to) {
            return List.of();
        }

        public boolean addVersion(String team, ScheduleVersion version) {
            return versions.add(version);
        }

        public void addOverride(String team, Override override) {
            overrides.add(override);
        }

        public boolean removeOverride(String team, Override override) {
            return overrides.removeIf(o -> o.id().equals(override.id()));
        }

        public void replaceOverride(String team, Override override) {
            removeOverride(team, override);
            overrides.add(override);
        }

        public void scheduleHandoff(String team, Optional<Instant> next, java.time.Duration remind) {
        }
    }

    @BeforeEach
    void setUp() {
        People people = new People("/p/people", name -> Optional.ofNullable(PEOPLE.get(name)), () -> PEOPLE);
        int[] ids = {0};
        schedules = new ScheduleService(new InMemory(), people, team -> List.of("+818012345601", "+818012345602",
                "+818012345603"), clock, () -> "o" + ids[0]++);
        schedules.put("sre", ScheduleRequests.draft(Map.of("zone", "Asia/Tokyo", "rotations", List.of(Map.of("round", 1,
                "unit", "weeks", "length", 1, "anchor", "2027-01-03T00:00", "participants", List.of("alice", "bob", "carol"))))));
        commands = new SlackCommands(schedules, alerts, Mockito.mock(SlackFollowUps.class), clock);
    }

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    @Test
    void s2_whoSaysWhoUntilWhenInTheSchedulesZoneAndWhoIsNext() {
        clock.set(at("2027-01-05T12:00+09:00"));
        SlackCommands.Reply reply = commands.run("who sre", "U0SOMEONE", RESPONSE, URLS);
        assertEquals(new SlackCommands.Reply(false, "sre on call: alice until 2027-01-10 00:00 JST (next: bob)"), reply);
        assertEquals(Map.of("response_type", "ephemeral", "text", reply.text()), reply.json());
    }

    @Test
    void helloAndByeAreAStandbyCheckInAndOut() {
        clock.set(at("2027-01-05T08:00+09:00"));
        assertTrue(commands.run("hello sre", "U0CAROL", RESPONSE, URLS).text().startsWith("Standby: you are on call for sre until 2027-01-05 20:00 JST"));
        clock.set(at("2027-01-05T09:00+09:00"));
        assertEquals(List.of("alice", "carol"), schedules.timeline("sre").at(clock.instant()).people(1));
        clock.set(at("2027-01-05T10:30+09:00"));
        assertEquals("Checked out: you are off standby for sre.", commands.run("bye sre", "U0CAROL", RESPONSE, URLS).text());
        assertEquals(List.of("alice"), schedules.timeline("sre").at(clock.instant()).people(1));
        HoursReport.Row carol = schedules.report("sre", LocalDate.parse("2027-01-05"), LocalDate.parse("2027-01-06"))
                .stream().filter(r -> r.person().equals("carol")).findFirst().orElseThrow();
        assertEquals("2.50", carol.fromOverrides().toPlainString());
        assertTrue(commands.run("hello sre 30h", "U0CAROL", RESPONSE, URLS).text().contains("at most 24 h"));
        assertTrue(commands.run("hello sre until 18:00", "U0CAROL", RESPONSE, URLS).text().contains("until 2027-01-05 18:00 JST"));
    }

    @Test
    void coverReplacesWhoeverIsOnCallThenForTheCallerOrTheMentionedUser() {
        clock.set(at("2027-01-04T12:00+09:00"));
        SlackCommands.Reply reply = commands.run("cover sre 2027-01-05T18:00 2027-01-06T09:00 <@U0BOB|bob>", "U0CAROL", RESPONSE, URLS);
        assertTrue(reply.inChannel());
        assertEquals("bob covers sre from 2027-01-05 18:00 JST to 2027-01-06 09:00 JST for alice.", reply.text());
        assertEquals(List.of("bob"), schedules.timeline("sre").at(at("2027-01-05T20:00+09:00")).people(1));
        assertEquals(List.of("alice"), schedules.timeline("sre").at(at("2027-01-06T09:00+09:00")).people(1));
        assertTrue(commands.run("cover sre 2027-01-03T18:00 2027-01-04T09:00", "U0CAROL", RESPONSE, URLS).text()
                .startsWith("a cover cannot start in the past from Slack"));
    }

    @Test
    void strangersMayAskWhoButNotPageOrCheckIn() {
        clock.set(at("2027-01-05T12:00+09:00"));
        assertEquals("you are not on the sre roster (no &lt;ParameterPath&gt;/people/&lt;id&gt; has your Slack id)",
                commands.run("page sre DB down", "U0STRANGER", RESPONSE, URLS).text());
        assertFalse(commands.run("hello sre", "U0STRANGER", RESPONSE, URLS).inChannel());
        assertEquals(SlackCommands.HELP, commands.run("help", "U0STRANGER", RESPONSE, URLS).text());
        assertEquals(SlackCommands.HELP, commands.run("", "U0STRANGER", RESPONSE, URLS).text());
        Mockito.verifyNoInteractions(alerts);
    }
}
