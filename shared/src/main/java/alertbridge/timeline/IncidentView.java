package alertbridge.timeline;

import alertbridge.incident.IncidentTimeline;
import alertbridge.phone.PhoneMask;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Optional;
import java.util.function.Supplier;

/** One incident's timeline as the API answers it: the timeline's fields, and the number to dial in on. */
public record IncidentView(@JsonUnwrapped IncidentTimeline timeline, Optional<String> dialIn) {

    /**
     * @param byLink  opened with a shareable link, not the token: the numbers are masked as in the logs ({@code +81******5601})
     * @param dialIn  our number, when dialling in is on; shown only while the incident is open
     */
    public static IncidentView of(IncidentTimeline timeline, boolean byLink, Supplier<Optional<String>> dialIn) {
        IncidentTimeline shown = byLink ? timeline.maskedWith(PhoneMask::mask) : timeline;
        return new IncidentView(shown, "resolved".equals(timeline.status()) ? Optional.empty() : dialIn.get());
    }
}
