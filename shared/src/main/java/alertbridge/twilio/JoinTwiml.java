package alertbridge.twilio;

import alertbridge.formats.SpokenText;
import alertbridge.join.JoinDecision;
import com.twilio.twiml.VoiceResponse;
import java.util.Locale;

/**
 * TwiML for {@code /join_conference}, built with the SDK's builders (which escape the alert text, so a message
 * cannot inject TwiML). Pure: same decision in, same XML out.
 */
public final class JoinTwiml {
    /** How many times the alert is read while waiting for a key. */
    static final int REPEATS = 3;

    private final TwimlVerbs verbs;
    private final Prompts prompts;

    /**
     * @param voice    Twilio voice such as {@code Polly.Joanna} or {@code Polly.Mizuki}; blank for Twilio's default
     * @param language BCP-47 tag such as {@code en-US} or {@code ja-JP}
     */
    public JoinTwiml(String voice, String language) {
        this.verbs = new TwimlVerbs(voice, language);
        this.prompts = Prompts.forLanguage(verbs.language());
    }

    /**
     * @param actionUrl           where Twilio posts the pressed key: the URL of this same webhook
     * @param conferenceEventsUrl where Twilio reports the bridge (start, end, join, leave)
     */
    public String render(JoinDecision decision, String actionUrl, String conferenceEventsUrl) {
        return switch (decision) {
            case JoinDecision.UnknownIncident u -> new VoiceResponse.Builder()
                    .say(verbs.say(prompts.unknownIncident(), 1))
                    .hangup(verbs.hangup())
                    .build().toXml();
            case JoinDecision.AskForKeypress ask -> new VoiceResponse.Builder()
                    .gather(verbs.oneKey(actionUrl, verbs.say(prompts.alert(ask.message()), REPEATS)))
                    .say(verbs.say(prompts.noKeyPressed(), 1))
                    .hangup(verbs.hangup())
                    .build().toXml();
            case JoinDecision.Bridge bridge -> {
                VoiceResponse.Builder response = new VoiceResponse.Builder();
                bridge.announcement().ifPresent(message -> response.say(verbs.say(prompts.announcement(message), 1)));
                response.say(verbs.say(prompts.joining(), 1));
                response.dial(verbs.intoConference(bridge.conferenceName(), conferenceEventsUrl));
                yield response.build().toXml();
            }
        };
    }

    /** Hangs up without a word: for a signed webhook that is no call we can serve (no CallSid). */
    public String hangUp() {
        return new VoiceResponse.Builder().hangup(verbs.hangup()).build().toXml();
    }

    /** Said when we fail on our side (e.g. the table cannot be reached): Twilio needs TwiML, never a stack trace. */
    public String technicalProblem() {
        return new VoiceResponse.Builder()
                .say(verbs.say(prompts.technicalProblem(), 1))
                .hangup(verbs.hangup())
                .build().toXml();
    }

    /** What is said, in English or Japanese (chosen by the language tag). */
    record Prompts(String alertPrefix, String pressAnyKey, String noKeyPressed, String joining, String unknownIncident,
                   String technicalProblem) {
        static Prompts forLanguage(String language) {
            if (language.toLowerCase(Locale.ROOT).startsWith("ja")) {
                return new Prompts(
                        "アラートです。",
                        "インシデント対応の電話会議に参加するには、いずれかのキーを押してください。",
                        "キーが押されませんでした。電話を切ります。",
                        "電話会議に接続します。",
                        "このインシデントは見つかりません。電話を切ります。",
                        "技術的な問題により接続できませんでした。電話を切ります。");
            }
            return new Prompts(
                    "Alert.",
                    "Press any key to join the incident bridge.",
                    "No key was pressed. Goodbye.",
                    "Joining the incident bridge.",
                    "This incident is unknown or has expired. Goodbye.",
                    "A technical problem kept us from connecting you. Goodbye.");
        }

        String alert(String message) {
            return announcement(message) + " " + pressAnyKey;
        }

        /** The alert as one sentence: a full stop is added where the message has none, so the prompt after it is heard apart. */
        String announcement(String message) {
            String m = message.strip();
            boolean ended = SpokenText.endsSentence(m);
            return alertPrefix + " " + m + (ended ? "" : alertPrefix.endsWith("。") ? "。" : ".");
        }
    }
}
