package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each constraint CloudFormation checks a parameter value against, as the local runner checks it before it starts. */
class TemplateParameterTest {
    private static final Map<String, TemplateParameter> REAL = SamTemplate.read(RepoRoot.resolve("template.yaml")).parameters();

    private static Optional<String> real(String name, String value) {
        return REAL.get(name).refusal(value);
    }

    @Test
    void readsEveryDeclaredParameterWithItsDefault() {
        assertEquals("20", REAL.get("MaxCallees").defaultValue());
        assertEquals("", REAL.get("DefaultRegion").defaultValue());
        assertEquals(REAL.keySet(), SamTemplate.read(RepoRoot.resolve("template.yaml")).parameterDefaults().keySet());
        for (TemplateParameter p : REAL.values()) {
            assertEquals(Optional.empty(), p.refusal(p.defaultValue()), "the template's own default of " + p.name());
        }
    }

    @Test
    void aNumberMustParseAsANumber() {
        assertEquals(Optional.of("parameter MaxCallees: three is not a number (Type Number)"), real("MaxCallees", "three"));
        assertEquals(Optional.of("parameter MaxCallees: \"\" is not a number (Type Number)"), real("MaxCallees", ""));
        assertEquals(Optional.empty(), real("MaxCallees", "3"));
    }

    @Test
    void aNumberMustBeWithinMinValueAndMaxValue() {
        assertEquals(Optional.of("parameter CallTimeoutSeconds: 4 is below MinValue 5"), real("CallTimeoutSeconds", "4"));
        assertEquals(Optional.of("parameter CallTimeoutSeconds: 601 is above MaxValue 600"), real("CallTimeoutSeconds", "601"));
        assertEquals(Optional.empty(), real("CallTimeoutSeconds", "5"));
        assertEquals(Optional.empty(), real("CallTimeoutSeconds", "600"));
        assertEquals(Optional.of("parameter MaxCallees: 100.5 is above MaxValue 100"), real("MaxCallees", "100.5"));
    }

    @Test
    void aValueMustBeOneOfAllowedValues() {
        assertEquals(Optional.of("parameter RequireKeypress: yes is not one of AllowedValues true, false"), real("RequireKeypress", "yes"));
        assertEquals(Optional.empty(), real("RequireKeypress", "false"));
        assertTrue(real("LogRetentionDays", "2").orElseThrow().startsWith("parameter LogRetentionDays: 2 is not one of AllowedValues 1, 3, 5,"));
        assertEquals(Optional.empty(), real("LogRetentionDays", "14"));
    }

    @Test
    void aValueMustMatchAllowedPattern() {
        assertEquals(Optional.of("parameter DefaultRegion: jp does not match AllowedPattern ^([A-Z]{2})?$"), real("DefaultRegion", "jp"));
        assertTrue(real("AllowedCountries", "JP,US,").isPresent());
        assertTrue(real("PublicBaseUrl", "https://alerts.example.com/").isPresent());
        assertEquals(Optional.empty(), real("AllowedCountries", "JP,US"));
        assertEquals(Optional.empty(), real("DefaultRegion", ""));
    }

    @Test
    void aStringWithoutConstraintsTakesAnything() {
        assertEquals(Optional.empty(), real("SayVoice", "Polly Joanna, or anything"));
        assertEquals(Optional.empty(), real("SayVoice", ""));
    }

    private static final String CONSTRAINED = """
            Parameters:
              Name:
                Type: String
                Default: abc
                MinLength: 2
                MaxLength: 4
                AllowedPattern: '[a-z]+'
                ConstraintDescription: two to four lower-case letters
              Regions:
                Type: CommaDelimitedList
                Default: JP,US
                AllowedPattern: '[A-Z]{2}'
              Sizes:
                Type: CommaDelimitedList
                AllowedValues: [small, large]
              Ratio:
                Type: Number
                MinValue: 0.5
                MaxValue: 1.5
            """;

    @Test
    void constraintsTheRealTemplateDoesNotUseYet(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("template.yaml"), CONSTRAINED);
        Map<String, TemplateParameter> p = SamTemplate.read(file).parameters();

        assertEquals(Optional.of("parameter Name: a is shorter than MinLength 2 (two to four lower-case letters)"), p.get("Name").refusal("a"));
        assertEquals(Optional.of("parameter Name: abcde is longer than MaxLength 4 (two to four lower-case letters)"), p.get("Name").refusal("abcde"));
        assertEquals(Optional.of("parameter Name: ab1 does not match AllowedPattern [a-z]+ (two to four lower-case letters)"),
                p.get("Name").refusal("ab1"), "the pattern must match the whole value, not a part of it");
        assertEquals(Optional.empty(), p.get("Name").refusal("abcd"));

        assertEquals(Optional.of("parameter Regions: JPN (in JP,JPN) does not match AllowedPattern [A-Z]{2}"), p.get("Regions").refusal("JP,JPN"));
        assertEquals(Optional.empty(), p.get("Regions").refusal("JP,US,DE"));
        assertEquals(Optional.of("parameter Sizes: medium (in small,medium) is not one of AllowedValues small, large"),
                p.get("Sizes").refusal("small,medium"));
        assertEquals(Optional.empty(), p.get("Sizes").refusal("large,small"));

        assertEquals(Optional.of("parameter Ratio: 0.25 is below MinValue 0.5"), p.get("Ratio").refusal("0.25"));
        assertEquals(Optional.empty(), p.get("Ratio").refusal("1.5"));
        assertEquals("", p.get("Ratio").defaultValue());
    }
}
