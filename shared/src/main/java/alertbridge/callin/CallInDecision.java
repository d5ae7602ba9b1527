package alertbridge.callin;

import java.util.List;

/** What to do with someone who dialled our number (or just pressed a key on such a call). */
public sealed interface CallInDecision {
    /** {@code CallIn=off}: this number takes no calls; say so politely and hang up. */
    record Off() implements CallInDecision {
    }

    /** The caller's number is on no roster: refuse, and say nothing about any incident. */
    record NotOnRoster() implements CallInDecision {
    }

    /** Nothing is open to join: say so and hang up. */
    record NoOpenIncident() implements CallInDecision {
    }

    /** An open incident the caller may join, and the alert sentence read for it. */
    record Choice(String incidentId, String message) {
    }

    /**
     * Read the open incidents and ask for a key: with one, any key joins it; with several, key n joins the n-th.
     *
     * @param choices what is read, newest first, in the order of {@code offer}
     * @param offer   what the key press's URL carries, so the key means what the caller heard
     */
    record Offer(List<Choice> choices, CallInOffer offer) implements CallInDecision {
        public Offer {
            choices = List.copyOf(choices);
            if (!choices.stream().map(Choice::incidentId).toList().equals(offer.incidentIds())) {
                throw new IllegalArgumentException("the choices are the offer's incidents, in its order");
            }
        }

        /** Asked again because the key pressed matched none of the choices: say so first. */
        public boolean afterInvalidKey() {
            return offer.ask() > 1;
        }
    }

    /**
     * The incidents cannot be read (the table is down) and none are held from a recent read: say so, that the caller
     * will be called or may call back in a minute, and hang up.
     */
    record IncidentsUnavailable() implements CallInDecision {
    }

    /** Keys that matched no choice, too often: say so and hang up. */
    record NoValidKey() implements CallInDecision {
    }

    /** The incident chosen was resolved (or has expired) since it was offered: say it is over and hang up. */
    record IncidentOver() implements CallInDecision {
    }

    /** Send the call into the incident's conference room. */
    record Bridge(String incidentId, String conferenceName) implements CallInDecision {
    }
}
