package alertbridge.callin;

import alertbridge.ids.IncidentIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The incidents a caller was offered, in the order they heard them (key 1 is the first), and which ask this is. It
 * travels in the key press's URL ({@code /call_in?incidents=<value>}), which Twilio signs, so a key means what the
 * caller heard even when incidents open or close meanwhile.
 *
 * <p>The value is the ids joined by {@code .}, then {@code .ask<n>} from the second ask on:
 * {@code <id1>.<id2>.<id3>.ask2}. Ids are {@code [A-Za-z0-9_-]}, so the value holds only characters no one
 * percent-encodes: the URL Twilio signs and the one we rebuild from API Gateway's decoded query are the same bytes.
 *
 * @param incidentIds 1 to {@value #MAX_OFFERED} distinct incident ids, newest first
 * @param ask         1 for the first offer, 2 after a key that matched none, ...
 */
public record CallInOffer(List<String> incidentIds, int ask) {
    /** The most incidents read to one caller: a menu longer than three is not remembered. */
    public static final int MAX_OFFERED = 3;
    private static final Pattern ASK = Pattern.compile("ask([2-9])");

    public CallInOffer {
        incidentIds = List.copyOf(incidentIds);
        if (incidentIds.isEmpty() || incidentIds.size() > MAX_OFFERED || incidentIds.stream().distinct().count() != incidentIds.size()
                || !incidentIds.stream().allMatch(IncidentIds::isWellFormed)) {
            throw new IllegalArgumentException("an offer is 1-" + MAX_OFFERED + " distinct incident ids");
        }
        if (ask < 1 || ask > 9) {
            throw new IllegalArgumentException("ask is 1-9");
        }
    }

    /** What goes into {@code ?incidents=}. */
    public String value() {
        return String.join(".", incidentIds) + (ask > 1 ? ".ask" + ask : "");
    }

    /** @return the offer {@code value} is the {@link #value()} of; empty for anything else */
    public static Optional<CallInOffer> parse(String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(List.of(value.strip().split("\\.", -1)));
        int ask = 1;
        var marker = ASK.matcher(parts.getLast());
        if (marker.matches()) {
            ask = Integer.parseInt(marker.group(1));
            parts.removeLast();
        }
        try {
            return Optional.of(new CallInOffer(parts, ask));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The incident a key picks: with one incident offered any key joins it, with several the key is its number.
     *
     * @return empty when the key matches none of the offered incidents
     */
    public Optional<String> chosenBy(String key) {
        String k = key == null ? "" : key.strip();
        if (k.isEmpty()) {
            return Optional.empty();
        }
        if (incidentIds.size() == 1) {
            return Optional.of(incidentIds.getFirst());
        }
        if (k.length() == 1 && k.charAt(0) >= '1' && k.charAt(0) < '1' + incidentIds.size()) {
            return Optional.of(incidentIds.get(k.charAt(0) - '1'));
        }
        return Optional.empty();
    }

    /** The same incidents, asked for once more. */
    public CallInOffer askedAgain() {
        return new CallInOffer(incidentIds, ask + 1);
    }
}
