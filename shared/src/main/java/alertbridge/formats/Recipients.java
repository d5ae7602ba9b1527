package alertbridge.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whom an alert names: phone numbers as written (validated later) and roster names ({@code team=sre}), gathered
 * from the body and from the URL ({@code ?to=}, {@code ?tels=}, {@code ?team=}).
 */
public record Recipients(List<String> numbers, List<String> teams) {
    public static final Recipients NONE = new Recipients(List.of(), List.of());
    /** The fields that name numbers ({@code tels} is an alias of {@code to}) and rosters. */
    static final List<String> NUMBER_FIELDS = List.of("to", "tels");
    static final String TEAM_FIELD = "team";

    public Recipients {
        numbers = List.copyOf(numbers);
        teams = List.copyOf(teams);
    }

    public boolean isEmpty() {
        return numbers.isEmpty() && teams.isEmpty();
    }

    /** These, then {@code more}'s. */
    public Recipients plus(Recipients more) {
        List<String> n = new ArrayList<>(numbers);
        n.addAll(more.numbers);
        List<String> t = new ArrayList<>(teams);
        t.addAll(more.teams);
        return new Recipients(n, t);
    }

    /** Whom form-decoded fields name: {@code to}/{@code tels} numbers and {@code team} rosters, in that order. */
    public static Recipients fromFields(Map<String, List<String>> fields) {
        List<String> numbers = new ArrayList<>();
        for (String field : NUMBER_FIELDS) {
            fields.getOrDefault(field, List.of()).forEach(v -> numbers.addAll(split(v, true)));
        }
        List<String> teams = new ArrayList<>();
        fields.getOrDefault(TEAM_FIELD, List.of()).forEach(v -> teams.addAll(split(v, false)));
        return new Recipients(numbers, teams);
    }

    /**
     * The one way a list is written: items separated by commas, semicolons or newlines, each stripped, blanks dropped.
     *
     * @param formDecoded the value went through form decoding, where {@code curl --data to=+8170...} turns the
     *                    unencoded '+' into a space: a number written with a space before its first digit gets its
     *                    '+' back
     */
    public static List<String> split(String value, boolean formDecoded) {
        List<String> items = new ArrayList<>();
        for (String part : value.split("[,;\\n]")) {
            String rest = part.stripLeading();
            if (formDecoded && !rest.isEmpty() && part.charAt(0) == ' ' && Character.isDigit(rest.charAt(0))) {
                part = "+" + rest;
            }
            if (!part.isBlank()) {
                items.add(part.strip());
            }
        }
        return items;
    }
}
