package alertbridge.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Function;

/**
 * The people a schedule names: {@code <ParameterPath>/people/<id>}, each a SecureString JSON
 * {@code {"name", "phone", "slack"}}. An unreadable entry is as good as absent: it names nobody.
 */
public final class People {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One person; {@code slack} is their Slack user id, empty when not given. */
    public record Person(String id, String name, String phone, String slack) {
    }

    private final String path;
    private final Function<String, Optional<String>> parameter;
    private final java.util.function.Supplier<java.util.Map<String, String>> everyone;

    /**
     * @param path      {@code <ParameterPath>/people}
     * @param parameter reads one parameter by full name (cached), empty when it does not exist
     * @param everyone  every parameter under {@code path} by full name (for finding a person by their Slack id)
     */
    public People(String path, Function<String, Optional<String>> parameter,
                  java.util.function.Supplier<java.util.Map<String, String>> everyone) {
        this.path = path;
        this.parameter = parameter;
        this.everyone = everyone;
    }

    /** The person whose {@code slack} is {@code userId}, if any. */
    public Optional<Person> bySlack(String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        return all().filter(p -> p.slack().equals(userId)).findFirst();
    }

    /** The person whose phone is {@code number} (digits compared), if any. */
    public Optional<Person> byPhone(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        return all().filter(p -> p.phone().replaceAll("[^0-9]", "").equals(digits)).findFirst();
    }

    /** Everyone under the path (one read of it). */
    private java.util.stream.Stream<Person> all() {
        return everyone.get().entrySet().stream()
                .map(e -> parse(e.getKey().substring(e.getKey().lastIndexOf('/') + 1), e.getValue())).flatMap(Optional::stream);
    }

    /** {@code <ParameterPath>/people} beside {@code <ParameterPath>/teams}. */
    public static String pathBeside(String teamsPath) {
        int slash = teamsPath.lastIndexOf('/');
        return (slash < 0 ? "" : teamsPath.substring(0, slash)) + "/people";
    }

    public Optional<Person> find(String id) {
        if (!ScheduleRequests.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return parameter.apply(path + "/" + id).flatMap(value -> parse(id, value));
    }

    /** The person's display name, or the id when they cannot be read. */
    public String name(String id) {
        return find(id).map(Person::name).orElse(id);
    }

    static Optional<Person> parse(String id, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            String phone = node.path("phone").asText("");
            if (phone.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Person(id, node.path("name").asText(id), phone.strip(), node.path("slack").asText("")));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
