package alertbridge.rounds;

import alertbridge.auth.IncidentLinks;
import alertbridge.concurrent.AllAtOnce;
import alertbridge.calls.TextDelivery;
import alertbridge.calls.TextSender;
import alertbridge.formats.SpokenText;
import alertbridge.incident.IncidentTimeline;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The missed-call text ({@code MissedCallSms}): a callee whose call in a round ended without them reaching the bridge
 * (no answer, busy, failed, or answered by voicemail and never joined) gets one SMS per incident with the alert and how
 * to join. Claimed in the table before it is sent, so duplicate steps text nobody twice; recorded like the resolved
 * text. A failure is recorded and logged, never thrown.
 */
final class MissedCallTexts {
    private static final JsonLog LOG = JsonLog.forComponent("rounds");
    /** A call that ended with one of these, its callee not on the bridge, was missed; {@code canceled} was our doing. */
    private static final Set<String> MISSED = Set.of("no-answer", "busy", "failed", "completed");

    private final IncidentStore store;
    private final TextDelivery delivery;
    private final Optional<Supplier<String>> callInNumber;
    private final Clock clock;
    private final IncidentLinks.Signer links;
    /** With a link, the alert's sentence is cut to this many characters: the page has all of it. */
    static final int SENTENCE_WITH_LINK = 100;

    /**
     * @param callInNumber our Twilio number, when it takes dial-ins ({@code CallIn=rosters})
     * @param links        signs the incident page's link the text ends with, when links are on
     */
    MissedCallTexts(IncidentStore store, TextSender sender, Optional<Supplier<String>> callInNumber, Clock clock,
                    IncidentLinks.Signer links) {
        this.store = store;
        this.delivery = new TextDelivery(sender, LOG, "missed_call");
        this.callInNumber = callInNumber;
        this.clock = clock;
        this.links = links;
    }

    /** Texts every callee of {@code timeline} who missed a call and has not been texted yet. */
    void textWhoMissed(IncidentTimeline timeline) {
        List<String> missed = timeline.callees().stream()
                .filter(c -> c.via().equals("call") && !c.joined() && c.missedCallText().isEmpty())
                .filter(c -> c.attempts().stream().anyMatch(a -> a.callSid().isPresent() && MISSED.contains(a.callStatus())))
                .map(IncidentTimeline.Callee::to)
                .toList();
        if (missed.isEmpty()) {
            return;
        }
        String body = body(timeline.message(), links.link(timeline.incidentId()));
        AllAtOnce.map(missed, to -> text(timeline.incidentId(), to, body), e -> false);
    }

    String body(String message) {
        return body(message, Optional.empty());
    }

    /** @param link the incident page's shareable link: said last, and the alert's sentence cut short before it */
    String body(String message, Optional<String> link) {
        String join = callInNumber.map(number -> " Call " + number.get() + " to join the bridge.")
                .orElse("");
        String sentence = message.strip();
        if (link.isPresent() && sentence.length() > SENTENCE_WITH_LINK) {
            sentence = SpokenText.bounded(sentence, SENTENCE_WITH_LINK - 1) + "…";
        }
        boolean ended = SpokenText.endsSentence(sentence) || sentence.endsWith("…");
        return "alertbridge: you missed a call. " + sentence + (ended ? "" : ".") + join + link.map(url -> " Live: " + url).orElse("");
    }

    private boolean text(String incidentId, String to, String body) {
        if (!store.callees().claimMissedText(incidentId, to, clock.instant())) {
            return false; // another step is texting them
        }
        delivery.send(incidentId, to, body, (number, result) -> store.callees().recordMissedText(incidentId, number, result,
                clock.instant()));
        return true;
    }
}
