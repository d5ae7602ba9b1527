package alertbridge.oncall;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who is on call at one instant: per round, the people (ids, in the order they came on) and whether each is there
 * only because of an override. Equal sets compare equal, so neighbouring spans can be merged.
 */
public record OnCallSet(SortedMap<Integer, Map<String, Boolean>> rounds) {
    public OnCallSet {
        SortedMap<Integer, Map<String, Boolean>> copy = new TreeMap<>();
        rounds.forEach((round, people) -> copy.put(round, Collections.unmodifiableMap(new LinkedHashMap<>(people))));
        rounds = Collections.unmodifiableSortedMap(copy);
    }

    /** Nobody on call in any round. */
    public boolean gap() {
        return rounds.values().stream().allMatch(Map::isEmpty);
    }

    public List<String> people(int round) {
        return List.copyOf(rounds.getOrDefault(round, Map.of()).keySet());
    }

    /** Everyone on call, any round, in round order, each once. */
    public List<String> everyone() {
        return rounds.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
    }

    /** On call only through overrides: in every round that has them, they were added, not rotated in. */
    public boolean onlyByOverride(String person) {
        return rounds.values().stream().filter(m -> m.containsKey(person)).allMatch(m -> m.get(person));
    }
}
