package alertbridge.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpokenSummaryTest {
    private final SpokenSummary english = new SpokenSummary("en-US");
    private final SpokenSummary japanese = new SpokenSummary("ja-JP");

    private static AlertFacts alert(String name, String where) {
        return new AlertFacts(name, "", "", where);
    }

    @Test
    void oneAlertWithEverything() {
        AlertFacts a = new AlertFacts("HighCPU", "CPU above 95% for 10 minutes", "critical", "web-1:9100");
        assertEquals("Critical: HighCPU on web-1. CPU above 95% for 10 minutes.",
                english.say(Format.ALERTMANAGER, Action.TRIGGER, List.of(a), 1));
        assertEquals("Resolved: HighCPU on web-1.", english.say(Format.ALERTMANAGER, Action.RESOLVE, List.of(a), 1));
        assertEquals("重要度 critical、HighCPU（web-1）。CPU above 95% for 10 minutes。",
                japanese.say(Format.ALERTMANAGER, Action.TRIGGER, List.of(a), 1));
    }

    @Test
    void groups() {
        List<AlertFacts> three = List.of(alert("HighCPU", "web-1"), alert("DiskFull", "db-2"), alert("TargetDown", "cache-3"));
        assertEquals("3 alerts: HighCPU on web-1, DiskFull on db-2, and 1 more.",
                english.say(Format.ALERTMANAGER, Action.TRIGGER, three, 3));
        assertEquals("Resolved, 2 alerts: HighCPU on web-1 and DiskFull on db-2.",
                english.say(Format.ALERTMANAGER, Action.RESOLVE, three.subList(0, 2), 2));
        assertEquals("12 alerts: HighCPU on web-1, DiskFull on db-2, and 10 more.",
                english.say(Format.ALERTMANAGER, Action.TRIGGER, three, 12), "truncatedAlerts count too");
        assertEquals("復旧したアラート2件: HighCPU（web-1）、DiskFull（db-2）。",
                japanese.say(Format.ALERTMANAGER, Action.RESOLVE, three.subList(0, 2), 2));
    }

    @Test
    void thePlaceIsNotRepeatedWhenTheNameSaysIt() {
        assertEquals("web-1 is down.", english.say(Format.PAGERDUTY, Action.TRIGGER, List.of(alert("web-1 is down", "web-1")), 1));
    }

    @Test
    void noUrlsAreReadAloud() {
        AlertFacts a = new AlertFacts("Probe failed for https://shop.example.com/health?x=1",
                "See https://runbooks.example.com/x and [the dashboard](https://grafana.example.com/d/1). Runbook: <http://r.example>",
                "", "https://shop.example.com:8443/health");
        String said = english.say(Format.ALERTMANAGER, Action.TRIGGER, List.of(a), 1);
        assertEquals("Probe failed for on shop.example.com. and the dashboard.", said);
        assertFalse(said.contains("http") || said.contains("www"), said);
    }

    @Test
    void markupAndLineBreaksAreNotRead() {
        assertEquals("Firing Value B=12.5 Labels: - alertname = X.",
                english.verbatim("**Firing**\n\n## Value B=12.5\nLabels:\n - alertname = X\n%%%", 300));
    }

    @Test
    void controlCharactersCannotBreakTheTwiml() {
        String said = english.say(Format.GENERIC, Action.TRIGGER, List.of(alert("disk\u0000full\u001b[31m", "")), 1);
        assertTrue(said.chars().noneMatch(c -> c < 0x20), said);
    }

    @Test
    void everythingIsBounded() {
        String word = "supercalifragilistic ";
        AlertFacts huge = new AlertFacts(word.repeat(50), word.repeat(50), word.repeat(5), word.repeat(10));
        String said = english.say(Format.ALERTMANAGER, Action.TRIGGER, List.of(huge), 1);
        assertTrue(said.length() <= SpokenSummary.MAX_SPOKEN_CHARS, said.length() + ": " + said);
        assertTrue(said.endsWith("."), said);
        List<AlertFacts> many = IntStream.range(0, 500).mapToObj(i -> huge).toList();
        assertTrue(english.say(Format.GRAFANA, Action.TRIGGER, many, 500).length() <= SpokenSummary.MAX_SPOKEN_CHARS);
        assertTrue(huge.name().length() <= AlertFacts.MAX_NAME_CHARS);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDD25"; // one code point, two chars
        String said = english.verbatim(emoji.repeat(400), 100);
        assertTrue(said.length() <= 100);
        assertFalse(Character.isHighSurrogate(said.charAt(said.length() - 2)), "unpaired surrogate before the full stop");
    }

    @Test
    void nothingToSayNamesTheTool() {
        assertEquals("An alert from CloudWatch.", english.say(Format.CLOUDWATCH, Action.TRIGGER, List.of(alert("", "")), 1));
        assertEquals("Grafanaからのアラート。", japanese.say(Format.GRAFANA, Action.TRIGGER, List.of(), 0));
        assertEquals("復旧: 監視システムからのアラート。", japanese.say(Format.PAGERDUTY, Action.RESOLVE, List.of(), 0));
    }

    @Test
    void languageTagsThatAreNotJapaneseAreEnglish() {
        for (String tag : new String[] {null, "", "en-GB", "de-DE", "JA-jp"}) {
            String said = new SpokenSummary(tag).say(Format.DATADOG, Action.TRIGGER, List.of(), 0);
            assertEquals(tag != null && tag.startsWith("JA") ? "Datadogからのアラート。" : "An alert from Datadog.", said);
        }
    }
}
