package alertbridge.oncall;

import java.util.List;

/** Where schedules live (the table's {@code TEAM#<team>} partition): immutable versions and overrides. */
public interface ScheduleStore {
    /** Everything stored for one team, read in one go. */
    record Stored(List<ScheduleVersion> versions, List<Override> overrides) {
        public Stored {
            versions = List.copyOf(versions);
            overrides = List.copyOf(overrides);
        }
    }

    Stored load(String team);

    /** Every team with a schedule, by name. */
    List<String> teams();

    /**
     * A page of the team while its schedule put people on call: when, whom, and the numbers that joined the bridge.
     */
    record Page(String incidentId, java.time.Instant at, List<String> onCall, List<String> joinedNumbers) {
        public Page {
            onCall = List.copyOf(onCall);
            joinedNumbers = List.copyOf(joinedNumbers);
        }
    }

    /** The team's pages in {@code [from, to)}. */
    List<Page> pages(String team, java.time.Instant from, java.time.Instant to);

    /** @return false when that version number exists (a concurrent PUT won): read again and retry */
    boolean addVersion(String team, ScheduleVersion version);

    void addOverride(String team, Override override);

    /** @return false when it was gone already */
    boolean removeOverride(String team, Override override);

    /** The override with its new end (a started one deleted: truncated to now). */
    void replaceOverride(String team, Override override);

    /** Puts the team's next change on the due index for the handoff ticker (empty: none ahead), and its reminder. */
    void scheduleHandoff(String team, java.util.Optional<java.time.Instant> next, java.time.Duration remind);
}
