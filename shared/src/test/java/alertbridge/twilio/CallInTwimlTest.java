package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.callin.CallInDecision;
import alertbridge.callin.CallInOffer;
import alertbridge.calls.CallbackUrls;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CallInTwimlTest {
    private static final CallbackUrls URLS = new CallbackUrls("https://api.example.test/Prod");
    private static final String A = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBB";
    private static final String C = "CCCCCCCCCCCCCCCCCCCCCC";
    private final CallInTwiml en = new CallInTwiml("Polly.Joanna", "en-US");
    private final CallInTwiml ja = new CallInTwiml("Polly.Mizuki", "ja-JP");

    private static CallInDecision.Offer offer(int ask, String... idsAndMessages) {
        List<CallInDecision.Choice> choices = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndMessages.length; i += 2) {
            choices.add(new CallInDecision.Choice(idsAndMessages[i], idsAndMessages[i + 1]));
        }
        return new CallInDecision.Offer(choices, new CallInOffer(choices.stream().map(CallInDecision.Choice::incidentId).toList(), ask));
    }

    @Test
    void oneOpenIncidentIsReadLikeAnAlertAndAnyKeyJoins() {
        String xml = en.render(offer(1, A, "Database primary is down"), URLS);
        assertTrue(xml.contains("<Gather action=\"https://api.example.test/Prod/call_in?incidents=" + A + "\""), xml);
        assertTrue(xml.contains("numDigits=\"1\"") && xml.contains("finishOnKey=\"\"") && xml.contains("method=\"POST\""), xml);
        assertTrue(xml.matches("(?s).*<Gather[^>]*><Say[^>]*loop=\"3\"[^>]*>Alert\\. Database primary is down\\. "
                + "Press any key to join the incident bridge\\.</Say></Gather>"
                + "<Say[^>]*>No key was pressed\\. Goodbye\\.</Say><Hangup/></Response>"), xml);
        assertTrue(xml.contains("voice=\"Polly.Joanna\"") && xml.contains("language=\"en-US\""), xml);
        assertFalse(xml.contains("<Dial"), xml);
    }

    @Test
    void severalAreOfferedByNumberAndTheKeyPressCarriesWhatWasHeard() {
        String xml = en.render(offer(1, A, "Database primary is down", B, "Disk full on web-3!", C, "CPU at 100%"), URLS);
        assertTrue(xml.contains("<Gather action=\"https://api.example.test/Prod/call_in?incidents=" + A + "." + B + "." + C + "\""), xml);
        assertTrue(xml.contains(">Several incidents are open. Press 1 for: Database primary is down. "
                + "Press 2 for: Disk full on web-3! Press 3 for: CPU at 100%.</Say>"), xml);
    }

    @Test
    void anInvalidKeyIsNamedBeforeTheSameChoicesAreReadAgain() {
        String xml = en.render(offer(2, A, "one", B, "two"), URLS);
        assertTrue(xml.contains("call_in?incidents=" + A + "." + B + ".ask2\""), xml);
        assertTrue(xml.matches("(?s).*<Gather[^>]*><Say[^>]*>That key is not one of the choices\\.</Say>"
                + "<Say[^>]*loop=\"3\"[^>]*>Several incidents are open\\. Press 1 for: one\\. Press 2 for: two\\.</Say></Gather>.*"), xml);
    }

    @Test
    void theAlertTextCannotInjectTwiml() {
        String xml = en.render(offer(1, A, "</Say><Dial>+19005551234</Dial>", B, "a & b <c> \"d\""), URLS);
        assertTrue(xml.contains("&lt;/Say&gt;&lt;Dial&gt;+19005551234&lt;/Dial&gt;"), xml);
        assertTrue(xml.contains("a &amp; b &lt;c&gt;"), xml);
        assertFalse(xml.contains("<Dial"), xml);
        assertEquals(2, count(xml, "<Say"), "the menu and the goodbye, nothing more: " + xml);
    }

    @Test
    void aChosenIncidentIsBridgedAsAJoinIsWithItsConferenceEvents() {
        String xml = en.render(new CallInDecision.Bridge(A, "alertbridge-" + A), URLS);
        assertTrue(xml.endsWith("<Say language=\"en-US\" voice=\"Polly.Joanna\">Joining the incident bridge.</Say>"
                + "<Dial><Conference endConferenceOnExit=\"false\" startConferenceOnEnter=\"true\" "
                + "statusCallback=\"https://api.example.test/Prod/conference_events?incident=" + A + "\" "
                + "statusCallbackEvent=\"start end join leave\" statusCallbackMethod=\"POST\">alertbridge-" + A
                + "</Conference></Dial></Response>"), xml);
    }

    @Test
    void refusalsAndEndingsSaySoAndHangUp() {
        assertSaidThenHungUp(en.render(new CallInDecision.Off(), URLS), "Sorry, this number does not take calls. Goodbye.");
        assertSaidThenHungUp(en.render(new CallInDecision.NotOnRoster(), URLS), "This number is not on an on-call roster. Goodbye.");
        assertSaidThenHungUp(en.render(new CallInDecision.NoOpenIncident(), URLS), "There is no open incident right now. Goodbye.");
        assertSaidThenHungUp(en.render(new CallInDecision.NoValidKey(), URLS), "No valid key was pressed. Goodbye.");
        assertSaidThenHungUp(en.render(new CallInDecision.IncidentOver(), URLS), "That incident is over. Goodbye.");
        assertSaidThenHungUp(en.render(new CallInDecision.IncidentsUnavailable(), URLS),
                "We cannot look up incidents right now. You will be called, or call back in a minute. Goodbye.");
        assertSaidThenHungUp(en.technicalProblem(), "A technical problem kept us from connecting you. Goodbye.");
        assertTrue(en.hangUp().endsWith("<Response><Hangup/></Response>"), en.hangUp());
    }

    @Test
    void japaneseIsSpokenInJapanese() {
        String one = ja.render(offer(1, A, "データベース停止"), URLS);
        assertTrue(one.contains("language=\"ja-JP\"") && one.contains("voice=\"Polly.Mizuki\""), one);
        assertTrue(one.contains("アラートです。 データベース停止。 インシデント対応の電話会議に参加するには、いずれかのキーを押してください。"), one);
        String several = ja.render(offer(2, A, "データベース停止", B, "ディスク満杯！"), URLS);
        assertTrue(several.contains(">そのキーは選択肢にありません。</Say>"), several);
        assertTrue(several.contains(">対応中のインシデントが複数あります。 1番、データベース停止。 2番、ディスク満杯！ "
                + "参加するインシデントの番号のキーを押してください。</Say>"), several);
        assertSaidThenHungUp(ja.render(new CallInDecision.NotOnRoster(), URLS), "この電話番号はオンコール当番に登録されていません。電話を切ります。");
        assertSaidThenHungUp(ja.render(new CallInDecision.Off(), URLS), "申し訳ありません。この番号では電話をお受けしていません。電話を切ります。");
        assertSaidThenHungUp(ja.render(new CallInDecision.NoOpenIncident(), URLS), "現在、対応中のインシデントはありません。電話を切ります。");
        assertSaidThenHungUp(ja.render(new CallInDecision.IncidentOver(), URLS), "そのインシデントは終了しました。電話を切ります。");
        assertSaidThenHungUp(ja.render(new CallInDecision.IncidentsUnavailable(), URLS),
                "現在、インシデントを確認できません。こちらからお電話するか、1分後におかけ直しください。電話を切ります。");
        assertTrue(ja.render(new CallInDecision.Bridge(A, "alertbridge-" + A), URLS).contains(">電話会議に接続します。</Say><Dial>"));
    }

    private static void assertSaidThenHungUp(String xml, String said) {
        assertTrue(xml.matches("(?s)<\\?xml[^>]*\\?><Response><Say[^>]*>" + Pattern.quote(said) + "</Say><Hangup/></Response>"), xml);
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
