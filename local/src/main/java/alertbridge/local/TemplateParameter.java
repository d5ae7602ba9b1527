package alertbridge.local;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One entry of template.yaml's {@code Parameters} section, with the constraints CloudFormation checks a value against
 * before it creates or updates a stack: {@code Type} ({@code Number} must be a number; a list type is checked element by
 * element), {@code AllowedValues}, {@code AllowedPattern} (must match the whole value), {@code MinLength}/{@code MaxLength}
 * and {@code MinValue}/{@code MaxValue}.
 */
public record TemplateParameter(String name, String type, String defaultValue, List<String> allowedValues,
                                Optional<Pattern> allowedPattern, OptionalInt minLength, OptionalInt maxLength,
                                Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue,
                                Optional<String> constraintDescription) {

    /** Reads one parameter's declaration (its YAML mapping). */
    static TemplateParameter of(String name, Map<String, Object> declaration) {
        Object allowed = declaration.get("AllowedValues");
        List<String> allowedValues = allowed instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return new TemplateParameter(name, String.valueOf(declaration.getOrDefault("Type", "String")),
                text(declaration, "Default").orElse(""), allowedValues,
                text(declaration, "AllowedPattern").map(Pattern::compile),
                text(declaration, "MinLength").map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty()),
                text(declaration, "MaxLength").map(s -> OptionalInt.of(Integer.parseInt(s))).orElse(OptionalInt.empty()),
                text(declaration, "MinValue").map(BigDecimal::new), text(declaration, "MaxValue").map(BigDecimal::new),
                text(declaration, "ConstraintDescription"));
    }

    /**
     * Why CloudFormation would refuse {@code value} for this parameter: one line naming the parameter, the value and
     * the constraint (and the template's {@code ConstraintDescription}, if any); empty if the value is fine.
     */
    public Optional<String> refusal(String value) {
        Optional<String> broken;
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            broken = Optional.empty();
            for (String element : value.split(",", -1)) {
                broken = broken.or(() -> constraintBroken(element).map(c -> quoted(element) + " (in " + quoted(value) + ") " + c));
            }
        } else {
            broken = constraintBroken(value).or(() -> lengthBroken(value)).map(c -> quoted(value) + " " + c);
        }
        return broken.map(constraint -> "parameter " + name + ": " + constraint
                + constraintDescription.map(d -> " (" + d.strip() + ")").orElse(""));
    }

    private Optional<String> constraintBroken(String value) {
        if (type.equals("Number") || type.equals("List<Number>")) {
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                return Optional.of("is not a number (Type " + type + ")");
            }
            if (minValue.isPresent() && number.compareTo(minValue.get()) < 0) {
                return Optional.of("is below MinValue " + minValue.get().toPlainString());
            }
            if (maxValue.isPresent() && number.compareTo(maxValue.get()) > 0) {
                return Optional.of("is above MaxValue " + maxValue.get().toPlainString());
            }
        }
        if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
            return Optional.of("is not one of AllowedValues " + String.join(", ", allowedValues));
        }
        if (allowedPattern.isPresent() && !allowedPattern.get().matcher(value).matches()) {
            return Optional.of("does not match AllowedPattern " + allowedPattern.get().pattern());
        }
        return Optional.empty();
    }

    private Optional<String> lengthBroken(String value) {
        int length = value.codePointCount(0, value.length());
        if (minLength.isPresent() && length < minLength.getAsInt()) {
            return Optional.of("is shorter than MinLength " + minLength.getAsInt());
        }
        if (maxLength.isPresent() && length > maxLength.getAsInt()) {
            return Optional.of("is longer than MaxLength " + maxLength.getAsInt());
        }
        return Optional.empty();
    }

    /** {@code value}, in double quotes when it is empty or holds a space (as it would be written on the command line). */
    static String quoted(String value) {
        return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }

    private static Optional<String> text(Map<String, Object> declaration, String key) {
        return Optional.ofNullable(declaration.get(key)).map(String::valueOf);
    }
}
