package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import alertbridge.callin.CallInDecision;
import alertbridge.callin.CallInOffer;
import alertbridge.calls.CallbackUrls;
import alertbridge.join.JoinDecision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our TwiML is what the Twilio SDK's builders (13.0.1) wrote before {@link TwimlWriter} replaced them, byte for byte:
 * {@code twiml/sdk-13.0.1-golden.txt} holds the SDK's output for every decision below in four voice/language set-ups,
 * with messages that need escaping. The one difference: the SDK wrote a character outside the BMP as a numeric
 * reference ({@code &#128293;}), which the comparison reads as the character itself.
 */
class TwimlGoldenTest {
    private static final String[] MESSAGES = {"Database is down", "</Say><Dial>+19005551234</Dial>", "a & b \"q\" 'x' <>",
            "CPU at 100%.", "データベース停止", " tabs\tand\nnewlines ", "emoji \uD83D\uDD25 ok", "]]> end"};
    private static final String[][] VOICES = {{"Polly.Joanna", "en-US"}, {"Polly.Mizuki", "ja-JP"}, {"", "en-GB"}, {null, null}};
    private static final String ACTION = "https://api.example.test/Prod/join_conference?incident=abc&x=1";
    private static final String EVENTS = "https://api.example.test/Prod/conference_events?incident=abc";
    private static final String A = "AAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBB";

    @Test
    void everyDocumentIsWhatTheSdkWrote() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/twiml/sdk-13.0.1-golden.txt")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(characterReferencesResolved(golden), render());
    }

    /** The same calls, in the same order, as the program that wrote the golden file with the SDK. */
    private static String render() {
        StringBuilder out = new StringBuilder();
        CallbackUrls urls = new CallbackUrls("https://api.example.test/Prod");
        for (String[] v : VOICES) {
            JoinTwiml j = new JoinTwiml(v[0], v[1]);
            CallInTwiml c = new CallInTwiml(v[0], v[1]);
            out.append(j.hangUp()).append('\n').append(j.technicalProblem()).append('\n');
            out.append(c.hangUp()).append('\n').append(c.technicalProblem()).append('\n');
            out.append(j.render(new JoinDecision.UnknownIncident(), ACTION, EVENTS)).append('\n');
            for (String m : MESSAGES) {
                out.append(j.render(new JoinDecision.AskForKeypress(m), ACTION, EVENTS)).append('\n');
                out.append(j.render(new JoinDecision.Bridge("alertbridge-abc", Optional.of(m)), ACTION, EVENTS)).append('\n');
            }
            out.append(j.render(new JoinDecision.Bridge("alertbridge-a&b", Optional.empty()), ACTION, EVENTS)).append('\n');
            List<CallInDecision.Choice> one = List.of(new CallInDecision.Choice(A, MESSAGES[1]));
            List<CallInDecision.Choice> two = List.of(new CallInDecision.Choice(A, MESSAGES[0]), new CallInDecision.Choice(B, MESSAGES[2]));
            for (int ask = 1; ask <= 2; ask++) {
                out.append(c.render(new CallInDecision.Offer(one, new CallInOffer(List.of(A), ask)), urls)).append('\n');
                out.append(c.render(new CallInDecision.Offer(two, new CallInOffer(List.of(A, B), ask)), urls)).append('\n');
            }
            out.append(c.render(new CallInDecision.Bridge(A, "alertbridge-" + A), urls)).append('\n');
            for (CallInDecision d : List.<CallInDecision>of(new CallInDecision.Off(), new CallInDecision.NotOnRoster(),
                    new CallInDecision.NoOpenIncident(), new CallInDecision.NoValidKey(), new CallInDecision.IncidentOver())) {
                out.append(c.render(d, urls)).append('\n');
            }
        }
        return out.toString();
    }

    private static String characterReferencesResolved(String xml) {
        Matcher m = Pattern.compile("&#(\\d+);").matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }
}
