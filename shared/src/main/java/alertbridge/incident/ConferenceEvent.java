package alertbridge.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One conference report (a Twilio conference status callback), free of Twilio types.
 *
 * @param event    conference-start, conference-end, participant-join, participant-leave (others are kept too)
 * @param callSid  the participant's call, for participant events
 * @param sequence the order within the conference (Twilio's SequenceNumber); -1 when absent
 */
public record ConferenceEvent(String conferenceSid, String event, Optional<String> callSid, Instant at, int sequence) {
    public static final String START = "conference-start";
    public static final String END = "conference-end";
    public static final String JOIN = "participant-join";
    public static final String LEAVE = "participant-leave";
}
