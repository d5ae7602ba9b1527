package alertbridge.twilio;

import alertbridge.callin.CallInDecision;
import alertbridge.calls.CallbackUrls;
import alertbridge.formats.SpokenText;
import java.util.ArrayList;
import java.util.List;

/**
 * TwiML for {@code /call_in}, someone dialling our number: in the voice, language and style of {@link JoinTwiml}
 * (whose prompts it shares), written with {@link TwimlWriter}, which escapes the alert text. Pure: same decision and
 * URLs in, same XML out.
 */
public final class CallInTwiml {
    private final TwimlVerbs verbs;
    private final JoinTwiml.Prompts joinPrompts;
    private final Prompts prompts;

    /**
     * @param voice    Twilio voice such as {@code Polly.Joanna} or {@code Polly.Mizuki}; blank for Twilio's default
     * @param language BCP-47 tag such as {@code en-US} or {@code ja-JP}
     */
    public CallInTwiml(String voice, String language) {
        this.verbs = new TwimlVerbs(voice, language);
        this.joinPrompts = JoinTwiml.Prompts.forLanguage(verbs.language());
        this.prompts = Prompts.forLanguage(verbs.language());
    }

    /** @param urls where the key press goes ({@code /call_in?incidents=}) and the bridge is reported */
    public String render(CallInDecision decision, CallbackUrls urls) {
        return switch (decision) {
            case CallInDecision.Off off -> sayAndHangUp(prompts.off());
            case CallInDecision.NotOnRoster notOnRoster -> sayAndHangUp(prompts.notOnRoster());
            case CallInDecision.NoOpenIncident none -> sayAndHangUp(prompts.noOpenIncident());
            case CallInDecision.IncidentsUnavailable unavailable -> sayAndHangUp(prompts.incidentsUnavailable());
            case CallInDecision.NoValidKey noKey -> sayAndHangUp(prompts.noValidKey());
            case CallInDecision.IncidentOver over -> sayAndHangUp(prompts.incidentOver());
            case CallInDecision.Offer offer -> {
                List<TwimlVerbs.Said> said = new ArrayList<>();
                if (offer.afterInvalidKey()) {
                    said.add(new TwimlVerbs.Said(prompts.invalidKey(), 1));
                }
                said.add(new TwimlVerbs.Said(offer.choices().size() == 1
                        ? joinPrompts.alert(offer.choices().getFirst().message())
                        : menu(offer.choices()), JoinTwiml.REPEATS));
                TwimlWriter w = verbs.oneKey(verbs.response(), urls.callIn(offer.offer().value()),
                        said.toArray(TwimlVerbs.Said[]::new));
                verbs.say(w, joinPrompts.noKeyPressed(), 1);
                yield verbs.hangup(w).end();
            }
            case CallInDecision.Bridge bridge -> verbs.intoConference(verbs.say(verbs.response(), joinPrompts.joining(), 1),
                    bridge.conferenceName(), urls.conferenceEvents(bridge.incidentId())).end();
        };
    }

    /** Hangs up without a word: for a signed webhook that is no call we can serve (no CallSid). */
    public String hangUp() {
        return verbs.hangup(verbs.response()).end();
    }

    /** Said when we fail on our side (e.g. SSM or the table cannot be reached): Twilio needs TwiML, never a stack trace. */
    public String technicalProblem() {
        return sayAndHangUp(joinPrompts.technicalProblem());
    }

    /** "Several incidents are open. Press 1 for: A. Press 2 for: B." */
    private String menu(List<CallInDecision.Choice> choices) {
        StringBuilder menu = new StringBuilder(prompts.several());
        for (int i = 0; i < choices.size(); i++) {
            menu.append(' ').append(prompts.choice(i + 1, choices.get(i).message()));
        }
        return menu.append(prompts.pressTheNumber().isEmpty() ? "" : " " + prompts.pressTheNumber()).toString();
    }

    private String sayAndHangUp(String text) {
        return verbs.hangup(verbs.say(verbs.response(), text, 1)).end();
    }

    /** What only a dial-in hears, in English or Japanese (chosen by the language tag, as for {@link JoinTwiml}). */
    record Prompts(boolean japanese, String off, String notOnRoster, String noOpenIncident, String several, String pressTheNumber,
                   String invalidKey, String noValidKey, String incidentOver, String incidentsUnavailable) {
        static Prompts forLanguage(String language) {
            if (SpokenText.isJapanese(language)) {
                return new Prompts(true,
                        "申し訳ありません。この番号では電話をお受けしていません。電話を切ります。",
                        "この電話番号はオンコール当番に登録されていません。電話を切ります。",
                        "現在、対応中のインシデントはありません。電話を切ります。",
                        "対応中のインシデントが複数あります。",
                        "参加するインシデントの番号のキーを押してください。",
                        "そのキーは選択肢にありません。",
                        "有効なキーが押されませんでした。電話を切ります。",
                        "そのインシデントは終了しました。電話を切ります。",
                        "現在、インシデントを確認できません。こちらからお電話するか、1分後におかけ直しください。電話を切ります。");
            }
            return new Prompts(false,
                    "Sorry, this number does not take calls. Goodbye.",
                    "This number is not on an on-call roster. Goodbye.",
                    "There is no open incident right now. Goodbye.",
                    "Several incidents are open.",
                    "",
                    "That key is not one of the choices.",
                    "No valid key was pressed. Goodbye.",
                    "That incident is over. Goodbye.",
                    "We cannot look up incidents right now. You will be called, or call back in a minute. Goodbye.");
        }

        /** "Press 2 for: Disk full." / 「2番、ディスク満杯。」: the alert as one sentence after its key. */
        String choice(int key, String message) {
            String m = message.strip();
            boolean ended = SpokenText.endsSentence(m);
            return japanese ? key + "番、" + m + (ended ? "" : "。") : "Press " + key + " for: " + m + (ended ? "" : ".");
        }
    }
}
