package alertbridge.local;

import static alertbridge.local.LocalClient.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.aws.IamEnforcement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The deploy rehearsal's IAM run (.ci/deploy-rehearsal sets {@value IamEnforcement#POLICIES_PROPERTY}): moto enforces
 * IAM and every function reaches it as an IAM user holding exactly its policies from the transformed template
 * ({@link FunctionClients}). Every path a function serves is walked once over the local stack: a full incident
 * (alert, rounds, re-dial, key presses, call and conference events, events out, timeline, page, resolve with texts),
 * writes deferred during a table outage and written back, events kept through an events-queue outage and swept, the SNS topic, dialling in, and check-ins (PUT, pings, a
 * failure's page, the detector, DELETE), and on-call schedules (the API, a calendar feed, Slack's /oncall, a page
 * of a scheduled team, the handoff ticker). moto logs each decision; the rehearsal judges the log (denials, grants
 * nobody used). This test itself fails on any denial.
 */
@EnabledIfSystemProperty(named = IamEnforcement.POLICIES_PROPERTY, matches = ".+")
class IamRehearsalEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFunctionServesEveryPathWithExactlyItsPolicies() throws Exception {
        try (EventReceiver receiver = new EventReceiver();
             LocalStack stack = LocalStack.start(new StackOptions(0, 0, "iam-rehearsal-token", "iam-rehearsal-twilio",
                     0.05, Map.of("EventWebhooks", "ssm:slack," + receiver.url("/generic"), "ResolvedSms", "true",
                     "StopAfterJoined", "2"), Optional.empty(), false, Optional.empty(), Narrator.silent(), false, Map.of()))) {
            assertEquals("alertbridge-local-incidents", stack.tableName(), "the names .ci/rehearsal resolved the policies for");
            stack.putEventWebhook("slack", receiver.url("/services/T000/B000/rehearsal"));
            stack.putRoster("sre", "+818012345601,+818012345688");
            LocalClient client = new LocalClient(stack);

            // a full incident: 01 answers and presses 1; 88 misses round 1 and joins when round 2 re-dials it
            String resolved = sample("alertmanager-resolved.json");
            LocalClient.Response opened = client.webhook("team=sre", resolved.replace("\"resolved\"", "\"firing\""));
            assertEquals(202, opened.status(), String.valueOf(opened.json()));
            String id = opened.json().get("incidentId").asText();
            eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 2, WAIT);
            assertEquals(200, client.get("/incidents").status());
            assertEquals(200, java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/ui"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()); // the page (HTML)
            eventually(() -> receiver.posts("/generic").size(), n -> n >= 3, WAIT); // opened, escalated/joined...
            eventually(() -> receiver.posts("/services/T000/B000/rehearsal").size(), n -> n >= 1, WAIT);

            // a roster member dials in and joins the open incident's bridge
            assertEquals(202, client.callIn("+818012345601").status());
            eventually(() -> client.get("/incidents/" + id).json(), t -> StreamSupport.stream(t.get("callees").spliterator(), false)
                    .anyMatch(c -> c.get("via").asText().equals("call-in") && c.get("outcome").asText().equals("joined")), WAIT);

            LocalClient.Response closed = client.webhook("team=sre", resolved);
            assertTrue(closed.json().get("resolved").asBoolean(), closed.json().toString());

            // the table down while an alert is placed: its records wait on the queue and are written once it is back
            stack.faults().set("dynamodb", "unavailable");
            LocalClient.Response unrecorded = client.alert("to=%2B818012345692&message=Written+later");
            stack.faults().set("dynamodb", "off");
            assertEquals(202, unrecorded.status(), String.valueOf(unrecorded.json()));
            String later = unrecorded.json().get("incidentId").asText();
            eventually(() -> client.get("/incidents/" + later).status(), s -> s == 200, WAIT);

            // the events queue down while an incident opens and is joined: its events are kept in the table's outbox,
            // and the detector's minute run queues them again once SQS is back
            stack.faults().set("sqs", "unavailable");
            LocalClient.Response kept = client.alert("to=%2B818012345602&message=Events+kept");
            String keptId = kept.json().get("incidentId").asText();
            eventually(() -> client.get("/incidents/" + keptId).json(), t -> t.get("onBridge").asInt() == 1, WAIT);
            stack.faults().set("sqs", "off");
            eventually(() -> receiver.posts("/generic").stream().filter(p -> p.body().contains(keptId)).count(),
                    n -> n >= 2, WAIT); // opened and joined, delivered late

            // a CloudWatch alarm through the SNS topic, then its OK
            String alarm = cloudwatchAlarm();
            stack.topics().publish("AlertTopic", Optional.of("ALARM"), alarm);
            stack.topics().publish("AlertTopic", Optional.of("OK"), alarm.replace("\"NewStateValue\":\"ALARM\"",
                    "\"NewStateValue\":\"OK\""));

            checkIns(stack, client);
            schedules(stack, client);
        }
        assertNoDenials();
    }

    private static void checkIns(LocalStack stack, LocalClient client) {
        LocalClient.Response made = client.put("/checks/iam-nightly", "{\"periodSeconds\": 2, \"graceSeconds\": 1, \"team\": \"sre\"}");
        assertEquals(201, made.status(), String.valueOf(made.json()));
        String pingUrl = made.json().get("pingUrl").asText();
        assertEquals(200, ping(client, pingUrl).status());
        assertEquals(200, ping(client, pingUrl + "/fail").status()); // pages at once, from the checks function
        assertEquals(200, ping(client, pingUrl).status());           // resolves it
        eventually(() -> client.get("/checks/iam-nightly").json().get("state").asText(), "down"::equals, WAIT); // the detector
        assertEquals(200, client.get("/checks").status());
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/checks/iam-nightly"))
                .header("Authorization", "Bearer " + stack.options().alertToken()).DELETE()).status());
    }

    /**
     * On-call schedules: the API (schedule, who, shifts, report, an override made and removed, a calendar feed made,
     * read without a token and revoked), Slack's /oncall (who, a standby check-in and out), a page of the team (its
     * on-call person first), and the handoff ticker, which runs every few seconds on the local stack.
     */
    private static void schedules(LocalStack stack, LocalClient client) {
        stack.putRoster("iam-oncall", "+818012345603,+818012345604,+818012345605");
        stack.putPerson("iam-p3", "p3", "+818012345603", "U0IAMP3");
        stack.putPerson("iam-p4", "p4", "+818012345604", "U0IAMP4");
        java.time.LocalDate sunday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"))
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.SUNDAY));
        LocalClient.Response put = client.put("/schedules/iam-oncall", "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"round\": 1,"
                + " \"unit\": \"weeks\", \"length\": 1, \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"iam-p3\", \"iam-p4\"]}]}");
        assertEquals(200, put.status(), String.valueOf(put.json()));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String week = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7).toString();
        for (String path : List.of("/schedules", "/schedules/iam-oncall", "/schedules/iam-oncall/oncall",
                "/schedules/iam-oncall/shifts?from=" + today + "T00:00Z&to=" + week + "T00:00Z",
                "/schedules/iam-oncall/report?from=" + today + "&to=" + week)) {
            assertEquals(200, client.get(path).status(), path);
        }
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(2));
        LocalClient.Response override = client.post("/schedules/iam-oncall/overrides", "{\"start\": \"" + start + "\", \"end\": \""
                + start.plus(Duration.ofHours(3)) + "\", \"remove\": [\"iam-p3\"], \"add\": [\"iam-p4\"], \"reason\": \"rehearsal\"}");
        assertEquals(201, override.status(), String.valueOf(override.json()));
        assertEquals(200, delete(stack, "/schedules/iam-oncall/overrides/" + override.json().get("id").asText()));
        LocalClient.Response feed = client.post("/schedules/iam-oncall/feeds", "");
        assertEquals(201, feed.status(), String.valueOf(feed.json()));
        assertEquals(200, status(HttpRequest.newBuilder(URI.create(feed.json().get("url").asText())).GET()));
        assertEquals(200, delete(stack, "/schedules/iam-oncall/feeds/" + feed.json().get("id").asText()));
        for (String command : List.of("who iam-oncall", "hello iam-oncall 2h", "bye iam-oncall")) {
            assertEquals(200, status(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/_local/slack"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("text=" + java.net.URLEncoder.encode(command,
                            java.nio.charset.StandardCharsets.UTF_8) + "&user=U0IAMP4"))), command);
        }
        LocalClient.Response paged = client.alert("team=iam-oncall&message=Schedules+rehearsed");
        assertEquals(202, paged.status(), String.valueOf(paged.json()));
        String id = paged.json().get("incidentId").asText();
        eventually(() -> client.get("/incidents/" + id).json(), t -> t.get("onBridge").asInt() == 1, WAIT);
        handoffs(stack, client);
    }

    /**
     * The handoff ticker's real work: an override starting now brings in a person, who is texted (the change claimed,
     * the next one stored, {@code oncall.handoff} queued), and a page from Slack, which the ticker follows up on its
     * response_url once someone joined.
     */
    private static void handoffs(LocalStack stack, LocalClient client) {
        stack.putPerson("iam-p5", "p5", "+818012345605", "U0IAMP5");
        java.time.Instant start = java.time.Instant.now().plusSeconds(2);
        LocalClient.Response standby = client.post("/schedules/iam-oncall/overrides", "{\"start\": \"" + start + "\", \"end\": \""
                + start.plus(Duration.ofHours(1)) + "\", \"add\": [\"iam-p5\"], \"reason\": \"rehearsal standby\"}");
        assertEquals(201, standby.status(), String.valueOf(standby.json()));
        eventually(() -> stack.simulator().orElseThrow().messageRequests().stream()
                .anyMatch(m -> "+818012345605".equals(m.field("To"))), Boolean::booleanValue, WAIT);
        assertEquals(200, status(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/_local/slack"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=page+iam-oncall+rehearsed&user=U0IAMP4"))));
        eventually(stack::slackResponses, posts -> !posts.isEmpty(), WAIT);
    }

    private static int delete(LocalStack stack, String path) {
        return status(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Authorization", "Bearer " + stack.options().alertToken()).DELETE());
    }

    private static int status(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LocalClient.Response ping(LocalClient client, String url) {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("rehearsal")));
    }

    private static void assertNoDenials() throws IOException {
        Path policies = Path.of(System.getProperty(IamEnforcement.POLICIES_PROPERTY));
        Path log = IamEnforcement.log(policies);
        List<JsonNode> decisions = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(IamRehearsalEndToEndTest::parse).toList();
        List<String> denied = decisions.stream().filter(d -> !d.get("allowed").asBoolean())
                .map(d -> d.get("function").asText() + " " + d.get("action").asText() + " " + d.get("resource").asText())
                .distinct().toList();
        assertEquals(List.of(), denied, "AccessDenied in the IAM run");
        JsonNode functions = JSON.readTree(policies.toFile()).get("functions");
        List<String> silent = StreamSupport.stream(((Iterable<String>) functions::fieldNames).spliterator(), false)
                .filter(f -> decisions.stream().noneMatch(d -> d.get("function").asText().equals(f))).toList();
        assertEquals(List.of(), silent, "functions the run never made call AWS");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = IamRehearsalEndToEndTest.class.getResourceAsStream("/events/payloads/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String cloudwatchAlarm() throws IOException {
        return JSON.readTree(sample("cloudwatch-sns-event.json")).get("Records").get(0).get("Sns").get("Message").asText();
    }
}
