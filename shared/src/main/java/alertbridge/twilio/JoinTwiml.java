package alertbridge.twilio;

import alertbridge.formats.SpokenText;
import alertbridge.join.JoinDecision;
import alertbridge.calls.PickUp;
import alertbridge.config.Settings;
import java.util.Optional;

/**
 * TwiML for {@code /join_conference}, and the same alert given inline with each call ({@link #onAnswer}), written with
 * {@link TwimlWriter} (which escapes the alert text, so a message cannot inject TwiML). Pure: same decision in, same
 * XML out.
 */
public final class JoinTwiml {
    /** How many times the alert is read while waiting for a key. */
    static final int REPEATS = 3;
    /** The longest TwiML Twilio takes inline with a call ({@code Twiml}; longer is its error 32018). */
    public static final int MAX_INLINE_CHARS = 4000;

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
     * What a callee hears on answering, given to Twilio with the call ({@link PickUp}): the alert in a {@code <Gather>}
     * whose key goes to {@code /join_conference}. Only where a key press is required: joining on answer needs the
     * webhook, which records the join, so then Twilio fetches the answer URL as before.
     *
     * @param requireKeypress the {@code RequireKeypress} parameter
     */
    public static PickUp pickUp(String voice, String language, boolean requireKeypress) {
        return pickUp(voice, language, requireKeypress, true);
    }

    /**
     * The functions' {@link PickUp}: {@link #pickUp(String, String, boolean)} in the configured voice and language,
     * or {@link PickUp#FETCH} when {@code INLINE_ANSWER_TWIML=false}.
     */
    public static PickUp pickUp(Settings settings) {
        return pickUp(settings.sayVoice(), settings.sayLanguage(), settings.requireKeypress(), settings.inlineAnswerTwiml());
    }

    private static PickUp pickUp(String voice, String language, boolean requireKeypress, boolean inline) {
        if (!requireKeypress || !inline) {
            return PickUp.FETCH;
        }
        JoinTwiml twiml = new JoinTwiml(voice, language);
        return twiml::onAnswer;
    }

    /**
     * The TwiML {@code /join_conference} answers a callee who just picked up, {@link JoinDecision.AskForKeypress}, for
     * Twilio to play without asking us: the alert read {@link #REPEATS} times in a {@code <Gather>} for one key, its
     * {@code action} {@code actionUrl}, then goodbye.
     *
     * @param actionUrl where the key goes: the call's answer URL ({@code /join_conference?incident=ID})
     * @return empty when the document would be longer than {@link #MAX_INLINE_CHARS} (a long alert): Twilio then
     *         fetches the answer URL
     */
    public Optional<String> onAnswer(String message, String actionUrl) {
        String xml = askForKeypress(message, actionUrl);
        return xml.length() <= MAX_INLINE_CHARS ? Optional.of(xml) : Optional.empty();
    }

    /**
     * @param actionUrl           where Twilio posts the pressed key: the URL of this same webhook
     * @param conferenceEventsUrl where Twilio reports the bridge (start, end, join, leave)
     */
    public String render(JoinDecision decision, String actionUrl, String conferenceEventsUrl) {
        return switch (decision) {
            case JoinDecision.UnknownIncident u -> sayAndHangUp(prompts.unknownIncident());
            case JoinDecision.AskForKeypress ask -> askForKeypress(ask.message(), actionUrl);
            case JoinDecision.Bridge bridge -> {
                TwimlWriter w = verbs.response();
                bridge.announcement().ifPresent(message -> verbs.say(w, prompts.announcement(message), 1));
                verbs.say(w, prompts.joining(), 1);
                verbs.intoConference(w, bridge.conferenceName(), conferenceEventsUrl);
                yield w.end();
            }
        };
    }

    private String askForKeypress(String message, String actionUrl) {
        TwimlWriter w = verbs.oneKey(verbs.response(), actionUrl, new TwimlVerbs.Said(prompts.alert(message), REPEATS));
        verbs.say(w, prompts.noKeyPressed(), 1);
        return verbs.hangup(w).end();
    }

    /** Hangs up without a word: for a signed webhook that is no call we can serve (no CallSid). */
    public String hangUp() {
        return verbs.hangup(verbs.response()).end();
    }

    /** Said when we fail on our side (e.g. the table cannot be reached): Twilio needs TwiML, never a stack trace. */
    public String technicalProblem() {
        return sayAndHangUp(prompts.technicalProblem());
    }

    private String sayAndHangUp(String text) {
        return verbs.hangup(verbs.say(verbs.response(), text, 1)).end();
    }

    /** What is said, in English or Japanese (chosen by the language tag). */
    record Prompts(String alertPrefix, String pressAnyKey, String noKeyPressed, String joining, String unknownIncident,
                   String technicalProblem) {
        static Prompts forLanguage(String language) {
            if (SpokenText.isJapanese(language)) {
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
