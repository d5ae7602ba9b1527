package alertbridge.twilio;

/**
 * The verbs both voice webhooks ({@link JoinTwiml}, {@link CallInTwiml}) write alike, into a {@link TwimlWriter}:
 * speech in the configured voice and language, a Gather for one key, the Dial into an incident's conference room.
 */
final class TwimlVerbs {
    /** Seconds of silence after the last reading before the call is given up as unanswered by a person. */
    static final int GATHER_TIMEOUT_SECONDS = 5;
    /** What Twilio reports of the bridge: its start and end, every join and leave. */
    static final String CONFERENCE_EVENTS = "start end join leave";

    private final String voice;
    private final String language;

    /** One thing said, {@code loop} times (once when 1). */
    record Said(String text, int loop) {
    }

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

    /** A new document. */
    TwimlWriter response() {
        return new TwimlWriter();
    }

    TwimlWriter say(TwimlWriter w, String text, int loop) {
        return w.text("Say", text,
                "language", language,
                "loop", loop > 1 ? Integer.toString(loop) : null,
                "voice", voice.isEmpty() ? null : voice);
    }

    /** Waits for one key while {@code prompts} are said, then posts it to {@code actionUrl}. */
    TwimlWriter oneKey(TwimlWriter w, String actionUrl, Said... prompts) {
        w.open("Gather",
                "action", actionUrl,
                "finishOnKey", "", // '#' is Gather's default finish key; here it must count as a key too
                "method", "POST",
                "numDigits", "1",
                "timeout", Integer.toString(GATHER_TIMEOUT_SECONDS));
        for (Said prompt : prompts) {
            say(w, prompt.text(), prompt.loop());
        }
        return w.close("Gather");
    }

    /** Into the incident's room; Twilio reports the room's start, end, joins and leaves to {@code conferenceEventsUrl}. */
    TwimlWriter intoConference(TwimlWriter w, String conferenceName, String conferenceEventsUrl) {
        return w.open("Dial")
                .text("Conference", conferenceName,
                        "endConferenceOnExit", "false",
                        "startConferenceOnEnter", "true",
                        "statusCallback", conferenceEventsUrl,
                        "statusCallbackEvent", CONFERENCE_EVENTS,
                        "statusCallbackMethod", "POST")
                .close("Dial");
    }

    TwimlWriter hangup(TwimlWriter w) {
        return w.empty("Hangup");
    }
}
