package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Paging a team with an on-call schedule over the whole local stack (A1, O2, A2): the schedule's on-call person in
 * round 1, the rest of the roster in round 2; {@code scope=all}, a gap or an unreadable schedule phone everyone at
 * once. The schedule is anchored on the last Sunday in Tokyo, so alice is on call whenever the test runs.
 */
class ScheduleEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALICE = "+818012345601";
    private static final String BOB = "+818012345602";
    private static final String CAROL = "+818012345603";

    private static Set<String> dialled(LocalStack stack) {
        return stack.simulator().orElseThrow().createRequests().stream().map(r -> r.field("To")).collect(Collectors.toSet());
    }

    private static long calls(LocalStack stack) {
        return stack.simulator().orElseThrow().createRequests().size();
    }

    private static Set<String> to(JsonNode alert) {
        Set<String> to = new java.util.HashSet<>();
        alert.get("calls").forEach(c -> to.add(c.get("to").asText()));
        return to;
    }

    @Test
    void theOnCallPersonFirstThenTheRosterAndTheWholeRosterWhenTheScheduleCannotSay() {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05).withParameter("StopAfterJoined", "2"))) {
            stack.putRoster("sre-oncall", ALICE + "," + BOB + "," + CAROL);
            stack.putPerson("alice", "Alice", ALICE, "U0ALICE");
            stack.putPerson("bob", "Bob", BOB, "U0BOB");
            stack.putPerson("carol", "Carol", CAROL, "U0CAROL");
            LocalDate sunday = LocalDate.now(ZoneId.of("Asia/Tokyo")).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalClient client = new LocalClient(stack);
            LocalClient.Response put = client.put("/schedules/sre-oncall", "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"round\": 1,"
                    + " \"unit\": \"weeks\", \"length\": 1, \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"alice\", \"bob\", \"carol\"]}]}");
            assertEquals(200, put.status(), String.valueOf(put.json()));
            assertEquals("alice", put.json().get("onCallNow").get("rounds").get(0).get("people").get(0).get("id").asText());

            // A1: round 1 dials only alice; after its deadline round 2 dials bob and carol
            LocalClient.Response a1 = client.alert("team=sre-oncall&message=Database down");
            assertEquals(202, a1.status(), String.valueOf(a1.json()));
            assertEquals(Set.of(ALICE), to(a1.json()));
            assertEquals("on_call", a1.json().get("schedule").asText());
            assertEquals(List.of("alice"), List.of(a1.json().get("onCall").get(0).asText()));
            assertEquals(Set.of(ALICE), dialled(stack), "round 1 rang alice only");
            String id = a1.json().get("incidentId").asText();
            JsonNode timeline = LocalClient.eventually(() -> client.get("/incidents/" + id).json(),
                    t -> t.get("rounds").asInt() == 2 && t.get("callees").size() == 3, WAIT);
            assertEquals("alice", timeline.get("onCall").get(0).asText(), "the incident records whom the schedule put on call");
            assertEquals(Set.of(ALICE, BOB, CAROL), dialled(stack));
            LocalClient.eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 3, WAIT);
            // the hours report counts the page for alice, and her join
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
            String report = client.get("/schedules/sre-oncall/report?from=" + today.minusDays(1) + "&to=" + today.plusDays(2))
                    .json().get("people").toString();
            assertTrue(report.contains("\"person\":\"alice\"") && report.contains("\"pages\":1,\"joined\":1"), report);

            // scope=all: the whole roster at once
            LocalClient.Response all = client.webhook("team=sre-oncall&scope=all", "{\"message\": \"Everyone please\"}");
            assertEquals(Set.of(ALICE, BOB, CAROL), to(all.json()), String.valueOf(all.json()));

            // O2: remove everyone now: a gap phones the whole roster and says so
            Instant now = Instant.now();
            LocalClient.Response gap = client.post("/schedules/sre-oncall/overrides", "{\"start\": \"" + now.minusSeconds(60)
                    + "\", \"end\": \"" + now.plusSeconds(3600) + "\", \"remove\": [\"*\"], \"reason\": \"drill\"}");
            assertEquals(201, gap.status(), String.valueOf(gap.json()));
            assertEquals(true, client.get("/schedules/sre-oncall/oncall").json().get("gap").asBoolean());
            LocalClient.Response o2 = client.alert("team=sre-oncall&message=Nobody on call");
            assertEquals(202, o2.status(), String.valueOf(o2.json()));
            assertEquals("gap", o2.json().get("schedule").asText(), String.valueOf(o2.json()));
            assertEquals(Set.of(ALICE, BOB, CAROL), to(o2.json()));

            // A2: the table unreadable: everyone at once, within the usual time, and said so
            long before = calls(stack);
            stack.faults().set("dynamodb", "unavailable");
            Instant started = Instant.now();
            LocalClient.Response a2 = client.alert("team=sre-oncall&message=Table down");
            Duration took = Duration.between(started, Instant.now());
            stack.faults().set("dynamodb", "off");
            assertEquals(202, a2.status(), String.valueOf(a2.json()));
            assertEquals(Set.of(ALICE, BOB, CAROL), to(a2.json()));
            assertEquals("unavailable", a2.json().get("schedule").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered in " + took);
            assertEquals(before + 3, calls(stack));
        }
    }
}
