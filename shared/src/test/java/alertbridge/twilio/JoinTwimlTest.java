package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.join.JoinDecision;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JoinTwimlTest {
    private static final String ACTION = "https://api.example.test/Prod/join_conference?incident=abc";
    private static final String EVENTS = "https://api.example.test/Prod/conference_events?incident=abc";
    private final JoinTwiml en = new JoinTwiml("Polly.Joanna", "en-US");

    @Test
    void firstAnswerReadsTheAlertInsideAGatherForOneKey() {
        String xml = en.render(new JoinDecision.AskForKeypress("Database is down"), ACTION, EVENTS);
        assertTrue(xml.contains("<Gather action=\"" + ACTION.replace("&", "&amp;") + "\""), xml);
        assertTrue(xml.contains("numDigits=\"1\""), xml);
        assertTrue(xml.contains("finishOnKey=\"\""), "'#' must count as a key, not end the Gather empty: " + xml);
        assertTrue(xml.matches("(?s).*<Gather[^>]*><Say[^>]*loop=\"3\"[^>]*>Alert\\. Database is down\\. Press any key to join the incident bridge\\.</Say></Gather>.*"), xml);
        // after the Gather times out: goodbye and hang up, never the bridge (the voicemail guard)
        assertTrue(xml.matches("(?s).*</Gather><Say[^>]*>No key was pressed\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
        assertFalse(xml.contains("<Dial"), xml);
    }

    @Test
    void aMessageCannotInjectTwiml() {
        String xml = en.render(new JoinDecision.AskForKeypress("</Say><Dial>+19005551234</Dial>"), ACTION, EVENTS);
        assertTrue(xml.contains("&lt;/Say&gt;&lt;Dial&gt;+19005551234&lt;/Dial&gt;"), xml);
        assertFalse(xml.contains("<Dial>"), xml);
        assertEquals(2, count(xml, "<Say"), "the escaped alert and the goodbye, nothing more: " + xml);
    }

    @Test
    void bridgeDialsTheIncidentConference() {
        String xml = en.render(new JoinDecision.Bridge("alertbridge-abc", Optional.empty()), ACTION, EVENTS);
        assertTrue(xml.contains("<Dial><Conference endConferenceOnExit=\"false\" startConferenceOnEnter=\"true\" "
                + "statusCallback=\"https://api.example.test/Prod/conference_events?incident=abc\" statusCallbackEvent=\"start end join leave\" "
                + "statusCallbackMethod=\"POST\">alertbridge-abc</Conference></Dial></Response>"), xml);
        assertFalse(xml.contains("Alert."), xml);
    }

    @Test
    void joinOnAnswerSaysTheAlertFirst() {
        String xml = en.render(new JoinDecision.Bridge("alertbridge-abc", Optional.of("CPU at 100%")), ACTION, EVENTS);
        int said = xml.indexOf("Alert. CPU at 100%.");
        assertTrue(said >= 0 && said < xml.indexOf("<Dial>"), xml);
    }

    @Test
    void unknownIncidentSaysSoAndHangsUp() {
        String xml = en.render(new JoinDecision.UnknownIncident(), ACTION, EVENTS);
        assertTrue(xml.matches("(?s).*<Say[^>]*>This incident is unknown or has expired\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
    }

    @Test
    void japaneseIsSpokenInJapanese() {
        String xml = new JoinTwiml("Polly.Mizuki", "ja-JP").render(new JoinDecision.AskForKeypress("データベース停止"), ACTION, EVENTS);
        assertTrue(xml.contains("language=\"ja-JP\""), xml);
        assertTrue(xml.contains("voice=\"Polly.Mizuki\""), xml);
        assertTrue(xml.contains("アラートです。 データベース停止。 インシデント対応"), xml);
        assertTrue(xml.contains("いずれかのキーを押してください"), xml);
    }

    @Test
    void blankVoiceLeavesTwiliosDefault() {
        String xml = new JoinTwiml("", "en-GB").render(new JoinDecision.UnknownIncident(), ACTION, EVENTS);
        assertFalse(xml.contains("voice="), xml);
        assertTrue(xml.contains("language=\"en-GB\""), xml);
    }

    @Test
    void theAlertGivenWithTheCallIsWhatTheWebhookAnswersAtPickUp() {
        String answerUrl = "https://api.example.test/Prod/join_conference?incident=rW8PVyyhDz-er_a85lomTw";
        String inline = en.onAnswer("Database is down", answerUrl).orElseThrow();
        assertEquals(en.render(new JoinDecision.AskForKeypress("Database is down"), answerUrl, EVENTS), inline);
        assertTrue(inline.contains("<Gather action=\"" + answerUrl + "\" finishOnKey=\"\" method=\"POST\" numDigits=\"1\""), inline);
        assertTrue(inline.contains(">Alert. Database is down. Press any key to join the incident bridge.</Say></Gather>"), inline);
        assertTrue(inline.length() <= JoinTwiml.MAX_INLINE_CHARS);
    }

    @Test
    void anAlertTooLongToGoInlineIsFetchedAsBefore() {
        String answerUrl = "https://api.example.test/Prod/join_conference?incident=abc";
        int room = JoinTwiml.MAX_INLINE_CHARS - en.onAnswer("", answerUrl).orElseThrow().length();
        assertTrue(en.onAnswer("x".repeat(room), answerUrl).isPresent(), "exactly 4,000 characters still go inline");
        assertEquals(JoinTwiml.MAX_INLINE_CHARS, en.onAnswer("x".repeat(room), answerUrl).orElseThrow().length());
        assertTrue(en.onAnswer("x".repeat(room + 1), answerUrl).isEmpty(), "4,001 go by URL");
        // escaping counts: 1,000 ampersands are 5,000 characters of TwiML
        assertTrue(en.onAnswer("&".repeat(1000), answerUrl).isEmpty());
        assertTrue(en.onAnswer("a".repeat(1000), answerUrl).isPresent(), "the longest alert (1,000 characters) fits");
    }

    @Test
    void joiningOnAnswerNeedsTheWebhookSoNothingGoesInline() {
        String answerUrl = "https://api.example.test/Prod/join_conference?incident=abc";
        assertTrue(JoinTwiml.pickUp("Polly.Joanna", "en-US", false).twiml("Database is down", answerUrl).isEmpty());
        assertEquals(en.onAnswer("Database is down", answerUrl),
                JoinTwiml.pickUp("Polly.Joanna", "en-US", true).twiml("Database is down", answerUrl));
        assertTrue(JoinTwiml.pickUp("Polly.Mizuki", "ja-JP", true).twiml("停止", answerUrl).orElseThrow()
                .contains("voice=\"Polly.Mizuki\">アラートです。 停止。"));
    }

    @Test
    void theFunctionsPickUpFollowsTheirSettings() {
        String answerUrl = "https://api.example.test/Prod/join_conference?incident=abc";
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("TABLE_NAME", "t",
                "TWILIO_ACCOUNT_SID_PARAM", "/a", "TWILIO_AUTH_TOKEN_PARAM", "/b", "TWILIO_CALLER_NUMBER_PARAM", "/c",
                "ALERT_TOKENS_PARAM", "/d", "SAY_VOICE", "Polly.Joanna", "SAY_LANGUAGE", "en-US"));
        assertEquals(en.onAnswer("Disk full", answerUrl),
                JoinTwiml.pickUp(alertbridge.config.Settings.fromEnvironment(env)).twiml("Disk full", answerUrl));
        env.put("INLINE_ANSWER_TWIML", "false");
        assertTrue(JoinTwiml.pickUp(alertbridge.config.Settings.fromEnvironment(env)).twiml("Disk full", answerUrl).isEmpty());
        env.put("INLINE_ANSWER_TWIML", "true");
        env.put("REQUIRE_KEYPRESS", "false");
        assertTrue(JoinTwiml.pickUp(alertbridge.config.Settings.fromEnvironment(env)).twiml("Disk full", answerUrl).isEmpty());
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
