package alertbridge.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.voice.Conference;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import java.util.List;

/**
 * The verbs both voice webhooks ({@link JoinTwiml}, {@link CallInTwiml}) build alike: speech in the configured voice
 * and language, a Gather for one key, the Dial into an incident's conference room.
 */
final class TwimlVerbs {
    /** Seconds of silence after the last reading before the call is given up as unanswered by a person. */
    static final int GATHER_TIMEOUT_SECONDS = 5;

    private final String voice;
    private final String language;

    /**
     * @param voice    Twilio voice such as {@code Polly.Joanna} or {@code Polly.Mizuki}; blank for Twilio's default
     * @param language BCP-47 tag such as {@code en-US} or {@code ja-JP}; blank for {@code en-US}
     */
    TwimlVerbs(String voice, String language) {
        this.voice = voice == null ? "" : voice.strip();
        this.language = language == null || language.isBlank() ? "en-US" : language.strip();
    }

    String language() {
        return language;
    }

    Say say(String text, int loop) {
        Say.Builder say = new Say.Builder(text).option("language", language);
        if (!voice.isEmpty()) {
            say.option("voice", voice);
        }
        if (loop > 1) {
            say.loop(loop);
        }
        return say.build();
    }

    /** Waits for one key while {@code prompts} are said, then posts it to {@code actionUrl}. */
    Gather oneKey(String actionUrl, Say... prompts) {
        Gather.Builder gather = new Gather.Builder()
                .numDigits(1)
                .finishOnKey("") // '#' is Gather's default finish key; here it must count as a key too
                .timeout(GATHER_TIMEOUT_SECONDS)
                .action(actionUrl)
                .method(HttpMethod.POST);
        for (Say prompt : prompts) {
            gather.say(prompt);
        }
        return gather.build();
    }

    /** Into the incident's room; Twilio reports the room's start, end, joins and leaves to {@code conferenceEventsUrl}. */
    Dial intoConference(String conferenceName, String conferenceEventsUrl) {
        return new Dial.Builder()
                .conference(new Conference.Builder(conferenceName)
                        .startConferenceOnEnter(true)
                        .endConferenceOnExit(false)
                        .statusCallback(conferenceEventsUrl)
                        .statusCallbackMethod(HttpMethod.POST)
                        .statusCallbackEvents(List.of(Conference.Event.START, Conference.Event.END,
                                Conference.Event.JOIN, Conference.Event.LEAVE))
                        .build())
                .build();
    }

    Hangup hangup() {
        return new Hangup.Builder().build();
    }
}
