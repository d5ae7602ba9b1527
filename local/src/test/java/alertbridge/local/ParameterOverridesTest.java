package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ./local/run --parameter-overrides ...} read as {@code sam deploy --parameter-overrides} reads it. */
class ParameterOverridesTest {
    private static final SamTemplate TEMPLATE = SamTemplate.read(RepoRoot.resolve("template.yaml"));

    private static Map<String, String> parse(String... args) {
        return ParameterOverrides.parse(List.of(args)).values();
    }

    @Test
    void readsNameValuePairsFromSeparateArguments() {
        assertEquals(Map.of("MaxCallees", "3", "RequireKeypress", "false"), parse("MaxCallees=3", "RequireKeypress=false"));
    }

    @Test
    void readsSeveralSpaceSeparatedPairsFromOneArgument() {
        assertEquals(Map.of("MaxCallees", "3", "RequireKeypress", "false", "SayLanguage", "ja-JP"),
                parse("MaxCallees=3  RequireKeypress=false", "SayLanguage=ja-JP"));
    }

    @Test
    void readsSamsLongFormWithCommasInTheValue() {
        assertEquals(Map.of("MaxCallees", "3", "AllowedCountries", "JP,US"),
                parse("ParameterKey=MaxCallees,ParameterValue=3 ParameterKey=AllowedCountries,ParameterValue=JP,US"));
    }

    @Test
    void mixesBothFormsAndKeepsEverythingAfterTheFirstEquals() {
        assertEquals(Map.of("SayVoice", "a=b", "MaxCallees", "4"), parse("SayVoice=a=b ParameterKey=MaxCallees,ParameterValue=4"));
    }

    @Test
    void doubleQuotesHoldSpacesAndGoAway() {
        assertEquals(Map.of("SayVoice", "Polly.Joanna", "SayLanguage", "en US", "DefaultRegion", ""),
                parse("SayVoice=\"Polly.Joanna\" SayLanguage=\"en US\" DefaultRegion=\"\""));
        assertEquals(Map.of("SayVoice", "Polly Joanna"), parse("\"SayVoice=Polly Joanna\""));
        assertEquals(Map.of("SayVoice", "say \"hi\""), parse("SayVoice=\"say \\\"hi\\\"\""));
        assertEquals(Map.of("AllowedCountries", "JP, US"), parse("ParameterKey=AllowedCountries,ParameterValue=\"JP, US\""));
    }

    @Test
    void anEmptyValueIsAValue() {
        assertEquals(Map.of("DefaultRegion", ""), parse("DefaultRegion="));
    }

    @Test
    void nothingGivenIsNoOverride() {
        assertEquals(Map.of(), parse());
        assertEquals(Map.of(), parse("", "   "));
        assertEquals(Map.of(), ParameterOverrides.fromCommandLine(List.of()).values());
    }

    @Test
    void theLastOfADuplicateNameWinsAsWithSam() {
        assertEquals(Map.of("MaxCallees", "5"), parse("MaxCallees=3", "ParameterKey=MaxCallees,ParameterValue=4 MaxCallees=5"));
    }

    @Test
    void refusesWhatIsNotAPair() {
        for (String malformed : List.of("Foo", "=3", "Max-Callees=3", "ParameterKey=MaxCallees", "MaxCallees=\"3")) {
            ParameterOverrides.Refused e = assertThrows(ParameterOverrides.Refused.class, () -> parse("RequireKeypress=false", malformed));
            assertTrue(e.getMessage().contains(malformed.startsWith("MaxCallees=\"") ? "double quote" : "'" + malformed + "'"), e.getMessage());
        }
    }

    @Test
    void theOptionTakesArgumentsUpToTheNextOption() {
        assertEquals(Map.of("MaxCallees", "3", "RequireKeypress", "false", "SayLanguage", "ja-JP"),
                ParameterOverrides.fromCommandLine(List.of("--parameter-overrides", "MaxCallees=3 RequireKeypress=false",
                        "--parameter-overrides", "SayLanguage=ja-JP")).values());
    }

    @Test
    void refusesUnknownOptionsStrayArgumentsAndAnEmptyOption() {
        assertTrue(refused("--verbose").startsWith("unknown option --verbose"));
        assertTrue(refused("MaxCallees=3").startsWith("unexpected argument 'MaxCallees=3'"));
        assertTrue(refused("--parameter-overrides").contains("needs Name=Value pairs"));
        assertTrue(refused("--parameter-overrides", "--verbose").contains("needs Name=Value pairs"));
        assertTrue(refused("--parameter-overrides", "MaxCallees=3", "--verbose").startsWith("unknown option --verbose"));
    }

    private static String refused(String... args) {
        return assertThrows(ParameterOverrides.Refused.class, () -> ParameterOverrides.fromCommandLine(List.of(args))).getMessage();
    }

    @Test
    void acceptsValuesTheTemplateAllows() {
        assertEquals(Optional.empty(), ParameterOverrides.parse(List.of(
                "MaxCallees=3 RequireKeypress=false SayVoice=\"Polly.Mizuki\" AllowedCountries=JP,US DefaultRegion=")).refusal(TEMPLATE));
    }

    @Test
    void refusesAnUnknownNameListingTheValidOnes() {
        String refusal = ParameterOverrides.parse(List.of("MaxCallees=3 maxcallees=3")).refusal(TEMPLATE).orElseThrow();
        assertTrue(refusal.startsWith("unknown parameter maxcallees (did you mean MaxCallees?); template.yaml declares ParameterPath, "), refusal);
        for (String name : TEMPLATE.parameters().keySet()) {
            assertEquals(!name.equals("PublicBaseUrl"), refusal.contains(name), name + " in: " + refusal);
        }
    }

    @Test
    void refusesPublicBaseUrlWhichTheRunnerSets() {
        String refusal = ParameterOverrides.parse(List.of("PublicBaseUrl=https://alerts.example.com")).refusal(TEMPLATE).orElseThrow();
        assertTrue(refusal.contains("PublicBaseUrl") && refusal.contains("PUBLIC_URL"), refusal);
    }

    @Test
    void refusesAValueTheTemplateDoesNotAllow() {
        assertEquals(Optional.of("parameter MaxCallees: 0 is below MinValue 1"),
                ParameterOverrides.parse(List.of("RequireKeypress=false MaxCallees=0")).refusal(TEMPLATE));
    }

    @Test
    void describesOnlyWhatDiffersFromTheDefaults() {
        Map<String, String> defaults = TEMPLATE.parameterDefaults();
        assertEquals("MaxCallees=3 SayVoice=\"Polly Joanna\" DefaultRegion=JP",
                ParameterOverrides.parse(List.of("MaxCallees=3 RequireKeypress=true SayVoice=\"Polly Joanna\"", "DefaultRegion=JP"))
                        .describe(defaults));
        assertEquals("all parameters at their defaults", ParameterOverrides.parse(List.of("MaxCallees=20")).describe(defaults));
        assertEquals("all parameters at their defaults", ParameterOverrides.parse(List.of()).describe(defaults));
    }
}
