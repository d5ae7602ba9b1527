package alertbridge.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.refusal.Refusal;
import alertbridge.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each sample in events/payloads/, written from the tool's documented schema, read as the tool sends it. */
class WebhookFormatsTest {
    private final WebhookFormats english = new WebhookFormats("en-US");
    private final WebhookFormats japanese = new WebhookFormats("ja-JP");

    static String payload(String name) {
        try {
            return Files.readString(RepoRoot.resolve("events/payloads/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InboundAlert parse(String name) {
        return english.parse(payload(name), Optional.empty());
    }

    private static void assertAlert(InboundAlert alert, Format format, Action action, String dedupKey, String spoken) {
        assertEquals(format, alert.format());
        assertEquals(action, alert.action());
        assertEquals(Optional.ofNullable(dedupKey), alert.dedupKey());
        assertEquals(spoken, alert.spokenMessage());
    }

    /** Each sample: the format detected, what it asks for, its dedup key, and what is said (en-US). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alertmanager-firing.json     | ALERTMANAGER | TRIGGER | alertmanager:{}/{severity="critical"}:{cluster="prod"} | 3 critical alerts: HighCPU on web-1, DiskFull on db-2, and 1 more.
            alertmanager-resolved.json   | ALERTMANAGER | RESOLVE | alertmanager:{}/{severity="critical"}:{alertname="ProbeFailure"} | Resolved: ProbeFailure on shop.example.com.
            grafana-firing.json          | GRAFANA      | TRIGGER | grafana:{}/{team="payments"}:{team="payments"} | 2 alerts: Checkout errors on ap-northeast-1a and Checkout latency on ap-northeast-1c.
            grafana-resolved.json        | GRAFANA      | RESOLVE | grafana:{}/{team="payments"}:{team="payments"} | Resolved: Checkout errors on ap-northeast-1a.
            grafana-legacy-alerting.json | GRAFANA      | TRIGGER | grafana:rule:1/42 | Order queue depth. Order queue is backing up.
            cloudwatch-sns-alarm.json    | CLOUDWATCH   | TRIGGER | cloudwatch:arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:api-5xx-high | api-5xx-high on orders-api. API returns too many 5xx errors.
            cloudwatch-alarm-message.json | CLOUDWATCH  | TRIGGER | cloudwatch:arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:api-5xx-high | api-5xx-high on orders-api. API returns too many 5xx errors.
            cloudwatch-sns-ok.json       | CLOUDWATCH   | RESOLVE | cloudwatch:arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:api-5xx-high | Resolved: api-5xx-high on orders-api.
            cloudwatch-sns-event.json    | CLOUDWATCH   | TRIGGER | cloudwatch:arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:api-5xx-high | api-5xx-high on orders-api. API returns too many 5xx errors.
            datadog-triggered.json       | DATADOG      | TRIGGER | datadog:7436958932914417046 | P1: Load is high on web-7. Load average is above 8 on web-7.
            datadog-recovered.json       | DATADOG      | RESOLVE | datadog:7436958932914417046 | Resolved: Load is high on web-7.
            pagerduty-trigger.json       | PAGERDUTY    | TRIGGER | pagerduty:checkout-db-primary-down | Critical: Checkout database primary is not accepting connections on db-primary-1.example.com.
            pagerduty-resolve.json       | PAGERDUTY    | RESOLVE | pagerduty:checkout-db-primary-down | Resolved: an alert from your monitoring.
            generic.json                 | GENERIC      | TRIGGER | generic:nightly-batch-2026-03-14 | Nightly batch failed twice.
            """)
    void samplePayloads(String file, Format format, Action action, String dedupKey, String spoken) {
        assertAlert(parse(file), format, action, dedupKey, spoken);
    }

    @Test
    void everySampleIsInTheTable() throws IOException {
        try (var files = Files.list(RepoRoot.resolve("events/payloads"))) {
            assertEquals(14, files.filter(f -> f.toString().endsWith(".json")).count(), "add new samples to samplePayloads");
        }
    }

    @Test
    void theToolsOwnStateIsKept() {
        assertEquals("firing", parse("alertmanager-firing.json").sourceState());
        assertEquals("alerting", parse("grafana-legacy-alerting.json").sourceState());
        assertEquals("ALARM", parse("cloudwatch-sns-alarm.json").sourceState());
        assertEquals("Recovered", parse("datadog-recovered.json").sourceState());
        assertEquals(List.of(), parse("alertmanager-firing.json").recipients().numbers());
        assertEquals(List.of(), parse("alertmanager-firing.json").recipients().teams());
    }

    @Test
    void grafanaLegacyStates() {
        InboundAlert ok = english.parse("{\"ruleId\": 42, \"orgId\": 1, \"ruleName\": \"Order queue depth\", \"state\": \"ok\"}",
                Optional.empty());
        assertAlert(ok, Format.GRAFANA, Action.RESOLVE, "grafana:rule:1/42", "Resolved: Order queue depth.");
        assertEquals(Action.IGNORE, english.parse("{\"ruleId\": 42, \"state\": \"no_data\"}", Optional.empty()).action());
    }

    @Test
    void cloudWatchAlarmAsTheSnsEventSourceDeliversIt() throws IOException {
        assertEquals(parse("cloudwatch-sns-alarm.json"), parse("cloudwatch-sns-event.json"));
        JsonNode sns = new ObjectMapper().readTree(payload("cloudwatch-sns-event.json")).path("Records").path(0).path("Sns");
        InboundAlert fromMessage = english.parseSnsMessage(sns.path("Message").asText(), Optional.of(sns.path("Subject").asText()));
        assertEquals(parse("cloudwatch-sns-alarm.json"), fromMessage);
    }

    @Test
    void cloudWatchInsufficientDataNeitherPagesNorResolves() {
        InboundAlert alert = english.parseSnsMessage(
                "{\"AlarmName\": \"api-5xx-high\", \"NewStateValue\": \"INSUFFICIENT_DATA\", \"AlarmArn\": \"arn:x\"}",
                Optional.empty());
        assertEquals(Action.IGNORE, alert.action());
        assertEquals("INSUFFICIENT_DATA", alert.sourceState());
    }

    @Test
    void plainSnsMessagesAreSaidAsWritten() {
        InboundAlert alert = english.parseSnsMessage("The primary database is down. https://status.example.com",
                Optional.of("Database"));
        assertAlert(alert, Format.GENERIC, Action.TRIGGER, null, "Database. The primary database is down.");
        InboundAlert json = english.parseSnsMessage("{\"message\": \"Batch failed\"}", Optional.empty());
        assertEquals("Batch failed.", json.spokenMessage());
        assertThrows(Refusal.class, () -> english.parseSnsMessage(" ", Optional.empty()));
    }

    @Test
    void snsSubscriptionConfirmationIsRefused() {
        Refusal e = assertThrows(Refusal.class, () -> english.parse(
                "{\"Type\": \"SubscriptionConfirmation\", \"TopicArn\": \"arn:aws:sns:x\", \"Message\": \"You have chosen...\","
                        + " \"SubscribeURL\": \"https://sns.example/confirm\"}", Optional.empty()));
        assertEquals("sns_subscription_not_supported", e.code());
        assertTrue(e.detail().contains("AlertTopicArn"), e.detail());
    }

    @Test
    void datadogTransitions() {
        for (String transition : List.of("Triggered", "Re-Triggered", "Renotify")) {
            assertEquals(Action.TRIGGER, datadog(transition).action(), transition);
        }
        for (String transition : List.of("Warn", "Re-Warn", "No Data", "Re-No Data")) {
            assertEquals(Action.IGNORE, datadog(transition).action(), transition);
        }
        assertEquals(Action.RESOLVE, datadog("Recovered").action());
    }

    private InboundAlert datadog(String transition) {
        return english.parse("{\"alert_cycle_key\": \"1\", \"alert_transition\": \"" + transition + "\"}", Optional.empty());
    }

    @Test
    void datadogVariablesLeftUnfilledAreIgnored() {
        InboundAlert alert = english.parse("{\"alert_transition\": \"$ALERT_TRANSITION\", \"alert_cycle_key\": \"$ALERT_CYCLE_KEY\","
                + " \"event_title\": \"[Triggered] [Redis down]\", \"hostname\": \"$HOSTNAME\"}", Optional.empty());
        assertAlert(alert, Format.DATADOG, Action.TRIGGER, null, "Redis down.");
    }

    @Test
    void pagerDutyAcknowledgeIsIgnoredAndUnknownActionsRefused() {
        InboundAlert ack = english.parse("{\"event_action\": \"acknowledge\", \"dedup_key\": \"k\"}", Optional.empty());
        assertEquals(Action.IGNORE, ack.action());
        Refusal e = assertThrows(Refusal.class,
                () -> english.parse("{\"event_action\": \"explode\", \"dedup_key\": \"k\"}", Optional.empty()));
        assertEquals("invalid_event_action", e.code());
    }

    @Test
    void aGenericResolveNeedsOnlyItsKeyAndStatus() {
        InboundAlert resolved = english.parse("{\"dedup_key\": \"nightly\", \"status\": \"resolved\"}", Optional.empty());
        assertEquals(Format.GENERIC, resolved.format());
        assertEquals(Action.RESOLVE, resolved.action());
        assertEquals(Optional.of("generic:nightly"), resolved.dedupKey());
    }

    @Test
    void genericJsonNamesWhomToCall() {
        InboundAlert alert = parse("generic.json");
        assertEquals(List.of(), alert.recipients().numbers());
        assertEquals(List.of("sre"), alert.recipients().teams());
    }

    @Test
    void genericJsonAsTheOriginalUsageWroteIt() {
        InboundAlert alert = english.parse("{\"to\": \"+15005550006, +15005550007\", \"tels\": [\"+15005550008\"],"
                + " \"teams\": \"db;web\", \"message\": \"disk full\"}", Optional.empty());
        assertEquals(List.of("+15005550006", "+15005550007", "+15005550008"), alert.recipients().numbers());
        assertEquals(List.of("db", "web"), alert.recipients().teams());
        assertEquals("disk full.", alert.spokenMessage());
        assertEquals(Optional.empty(), alert.dedupKey());
        InboundAlert resolved = english.parse("{\"dedupKey\": \"k\", \"status\": \"resolved\"}", Optional.of("generic"));
        assertAlert(resolved, Format.GENERIC, Action.RESOLVE, "generic:k", "Resolved: an alert from your monitoring.");
    }

    @Test
    void genericJsonErrorsMatchTheOriginalUsage() {
        assertEquals("missing_message", error("{\"to\": [\"+15005550006\"]}", "generic"));
        assertEquals("invalid_message", error("{\"message\": 5}", null));
        assertEquals("invalid_to", error("{\"message\": \"m\", \"to\": [5]}", null));
        assertEquals("invalid_team", error("{\"message\": \"m\", \"team\": {}}", null));
        assertEquals("message_too_long", error("{\"message\": \"" + "word ".repeat(300) + "\"}", null));
        assertEquals("missing_dedup_key", error("{\"status\": \"resolved\", \"message\": \"fixed\"}", null));
    }

    private String error(String body, String format) {
        return assertThrows(Refusal.class, () -> english.parse(body, Optional.ofNullable(format))).code();
    }

    @Test
    void unknownShapeListsTheFormatsUnderstood() {
        Refusal e = assertThrows(Refusal.class, () -> english.parse("{\"hello\": \"world\"}", Optional.empty()));
        assertEquals(Refusal.Kind.INVALID, e.kind());
        assertEquals("unknown_format", e.code());
        for (Format format : Format.values()) { // every webhook format; the original usage is never named
            assertEquals(format != Format.ORIGINAL, e.detail().contains(format.id()), e.detail());
        }
    }

    @Test
    void unknownFormatNameIsRefused() {
        Refusal e = assertThrows(Refusal.class, () -> english.parse("{}", Optional.of("nagios")));
        assertEquals("unknown_format", e.code());
        assertTrue(e.detail().startsWith("format must be one of alertmanager, grafana, cloudwatch"), e.detail());
    }

    @Test
    void malformedAndOversizedBodies() {
        assertEquals("malformed_json", error("{\"message\": ", null));
        assertEquals("malformed_json", error("[1, 2]", null));
        assertEquals("malformed_json", error("", null));
        Refusal big = assertThrows(Refusal.class,
                () -> english.parse("{\"message\": \"" + "x".repeat(WebhookFormats.MAX_BODY_CHARS) + "\"}", Optional.empty()));
        assertEquals(Refusal.Kind.TOO_LARGE, big.kind());
    }

    @Test
    void aForcedFormatWinsOverDetection() {
        // A generic-looking body read as Alertmanager: nothing Alertmanager-like in it, still no failure.
        InboundAlert alert = english.parse("{\"message\": \"m\"}", Optional.of("ALERTMANAGER"));
        assertAlert(alert, Format.ALERTMANAGER, Action.TRIGGER, null, "An alert from Alertmanager.");
    }

    /** Every format with the least a tool might send: no NullPointerException, something sensible to say. */
    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "grafana", "cloudwatch", "datadog", "pagerduty"})
    void minimalPayloadsNeverFail(String format) {
        for (String body : List.of("{}", "{\"alerts\": [{}], \"status\": null}", "{\"alerts\": [null, 1, \"x\"]}",
                "{\"Records\": []}", "{\"Type\": \"Notification\"}", "{\"payload\": null, \"evalMatches\": [{}]}",
                "{\"Trigger\": {\"Dimensions\": [null]}, \"AlarmName\": \"\"}")) {
            InboundAlert alert = english.parse(body, Optional.of(format));
            assertEquals(Format.named(format), alert.format(), body);
            assertFalse(alert.spokenMessage().isBlank(), body);
            assertTrue(alert.spokenMessage().length() <= SpokenSummary.MAX_SPOKEN_CHARS, body);
        }
    }

    @Test
    void longDedupKeysAreHashed() {
        String key = "k".repeat(1000);
        InboundAlert alert = english.parse("{\"event_action\": \"trigger\", \"dedup_key\": \"" + key + "\"}", Optional.empty());
        String dedup = alert.dedupKey().orElseThrow();
        assertTrue(dedup.matches("pagerduty:sha256:[0-9a-f]{64}"), dedup);
        assertEquals(dedup, english.parse("{\"dedup_key\": \"" + key + "\"}", Optional.of("pagerduty")).dedupKey().orElseThrow());
    }

    @Test
    void japanese() {
        assertEquals("重要度 critical のアラート3件: HighCPU（web-1）、DiskFull（db-2）、ほか1件。",
                japanese.parse(payload("alertmanager-firing.json"), Optional.empty()).spokenMessage());
        assertEquals("復旧: api-5xx-high（orders-api）。",
                japanese.parse(payload("cloudwatch-sns-ok.json"), Optional.empty()).spokenMessage());
        assertEquals("重要度 P1、Load is high（web-7）。Load average is above 8 on web-7.",
                japanese.parse(payload("datadog-triggered.json"), Optional.empty()).spokenMessage());
    }
}
