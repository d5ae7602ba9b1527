package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml writes a setting two functions share once where CloudFormation allows it; where it does not (the
 * environment the two alert functions share), this test keeps the copies equal. AlertFunction (POST /alert) and
 * AlertTopicFunction (the SNS topic) run the same code and must be configured alike.
 */
class TemplateConsistencyTest {
    private static final Path TEMPLATE_FILE = RepoRoot.resolve("template.yaml");
    private static final SamTemplate TEMPLATE = SamTemplate.read(TEMPLATE_FILE);

    /** What only the topic function gets: the rosters its alarms phone, and the API's URL (no request to learn it from). */
    private static final Set<String> TOPIC_ONLY_VARIABLES = Set.of("TOPIC_TEAMS", "PUBLIC_BASE_URL");
    /** Where the two differ by design; Environment and Policies are compared in tests of their own. */
    private static final Set<String> THEIR_OWN_PROPERTIES = Set.of("Handler", "Description", "Events", "DeadLetterQueue",
            "EventInvokeConfig", "Environment", "Policies");

    /** Every parameter set to a value of its own, so that two references to different parameters cannot look equal. */
    private static Map<String, String> distinctParameters(String publicBaseUrl) {
        Map<String, String> values = new LinkedHashMap<>();
        TEMPLATE.parameters().keySet().forEach(name -> values.put(name, name + "-value"));
        values.put("PublicBaseUrl", publicBaseUrl);
        return values;
    }

    private static SamTemplate.Function function(SamTemplate template, String logicalId, Map<String, String> parameters) {
        return template.functions(parameters, Map.of()).stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no " + logicalId));
    }

    private static Map<String, Object> without(Map<String, Object> map, Set<String> keys) {
        Map<String, Object> rest = new LinkedHashMap<>(map);
        rest.keySet().removeAll(keys);
        return rest;
    }

    @Test
    void bothAlertFunctionsGetTheSameEnvironmentBesidesTheTopicsOwn() {
        for (String publicBaseUrl : List.of("", "https://alerts.example.com")) {
            Map<String, Object> alert = function(TEMPLATE, "AlertFunction", distinctParameters(publicBaseUrl)).environment();
            Map<String, Object> topic = function(TEMPLATE, "AlertTopicFunction", distinctParameters(publicBaseUrl)).environment();

            assertEquals(without(alert, TOPIC_ONLY_VARIABLES), without(topic, TOPIC_ONLY_VARIABLES),
                    "AlertFunction's and AlertTopicFunction's environment (PublicBaseUrl '" + publicBaseUrl + "')");
            assertEquals("AlertTopicTeams-value", topic.get("TOPIC_TEAMS"));
            assertFalse(alert.containsKey("TOPIC_TEAMS"), "TOPIC_TEAMS is the topic function's own");
            assertTrue(alert.containsKey("MAX_CALLEES") && alert.containsKey("TABLE_NAME"), "not compared empty: " + alert);
        }
        // with a public base URL both call back through it; without, only the topic function needs it (from its stage)
        assertEquals("https://alerts.example.com",
                function(TEMPLATE, "AlertFunction", distinctParameters("https://alerts.example.com")).environment().get("PUBLIC_BASE_URL"));
        assertEquals("https://alerts.example.com",
                function(TEMPLATE, "AlertTopicFunction", distinctParameters("https://alerts.example.com")).environment().get("PUBLIC_BASE_URL"));
        assertFalse(function(TEMPLATE, "AlertFunction", distinctParameters("")).environment().containsKey("PUBLIC_BASE_URL"));
    }

    /** A check-in pages as an alert does: the check functions get AlertFunction's environment and its policy. */
    @Test
    void checkFunctionsPageWithTheAlertFunctionsEnvironmentAndPolicy() {
        for (String publicBaseUrl : List.of("", "https://alerts.example.com")) {
            Map<String, Object> alert = function(TEMPLATE, "AlertFunction", distinctParameters(publicBaseUrl)).environment();
            for (String id : List.of("ChecksFunction", "CheckDetectorFunction")) {
                SamTemplate.Function f = function(TEMPLATE, id, distinctParameters(publicBaseUrl));
                assertEquals(without(alert, TOPIC_ONLY_VARIABLES), without(f.environment(), TOPIC_ONLY_VARIABLES), id);
                // the detector has no request to learn the URL from; ChecksFunction takes it from the ping's request
                assertEquals(id.equals("CheckDetectorFunction") || !publicBaseUrl.isEmpty(),
                        f.environment().containsKey("PUBLIC_BASE_URL"), id + ": PUBLIC_BASE_URL");
                assertEquals(List.of("AlertFunctionsPolicy", "CheckFunctionsPolicy"), f.properties().get("Policies"), id);
            }
        }
    }

    /**
     * The environment every function shares (the pager's settings, the table, the queues, the SSM names) is written
     * once, in Globals: a function that wrote one of those variables again would be a copy that can drift.
     */
    @Test
    void theSharedEnvironmentIsWrittenOnceInGlobals() throws IOException {
        Map<String, Object> yaml = CloudFormationYaml.load(Files.newBufferedReader(TEMPLATE_FILE));
        Map<String, Object> globals = CloudFormationYaml.map(CloudFormationYaml.map(CloudFormationYaml.map(
                CloudFormationYaml.map(yaml.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        assertTrue(globals.keySet().containsAll(List.of("DEFAULT_REGION", "MAX_CALLEES", "CALL_TIMEOUT_SECONDS",
                "ALLOWED_COUNTRIES", "MAX_CALLS_PER_NUMBER_PER_HOUR", "ALLOW_AD_HOC_NUMBERS", "TEAMS_PARAM_PATH",
                "RESOLVED_SMS", "SAY_LANGUAGE")), globals.keySet().toString());
        CloudFormationYaml.map(yaml.get("Resources")).forEach((id, resource) -> {
            Map<String, Object> props = CloudFormationYaml.map(CloudFormationYaml.map(resource).get("Properties"));
            Object env = props.get("Environment");
            if (env != null) {
                for (String name : CloudFormationYaml.map(CloudFormationYaml.map(env).get("Variables")).keySet()) {
                    assertFalse(globals.containsKey(name) && !name.equals("PUBLIC_BASE_URL"),
                            id + " writes " + name + " again; it is in Globals");
                }
            }
        });
    }

    /**
     * A function with an Api event never has its API's URL in its environment: the URL names the API's stage, and the
     * stage is deployed after the function's alias, a dependency cycle CloudFormation refuses (.ci/deploy-rehearsal).
     */
    @Test
    void noFunctionWithAnApiEventHasAnExecuteApiUrlInItsEnvironment() {
        for (String publicBaseUrl : List.of("", "https://alerts.example.com")) {
            for (SamTemplate.Function f : TEMPLATE.functions(distinctParameters(publicBaseUrl), Map.of())) {
                if (!f.routes().isEmpty()) {
                    f.environment().forEach((name, value) -> assertFalse(String.valueOf(value).contains("execute-api"),
                            f.logicalId() + " has an Api event and " + name + " = " + value));
                }
            }
        }
    }

    @Test
    void bothAlertFunctionsHaveTheOneManagedPolicy() {
        List<Object> managed = new ArrayList<>();
        for (String id : List.of("AlertFunction", "AlertTopicFunction")) {
            List<?> policies = (List<?>) function(TEMPLATE, id, distinctParameters("")).properties().get("Policies");
            List<Object> ofThisFunction = policies.stream()
                    .filter(p -> p instanceof String name && TEMPLATE.resourceType(name).equals(java.util.Optional.of("AWS::IAM::ManagedPolicy")))
                    .map(Object.class::cast).toList();
            assertEquals(List.of("AlertFunctionsPolicy"), ofThisFunction, id + "'s managed policies (of this template)");
            managed.addAll(ofThisFunction);
        }
        assertEquals(2, managed.size());
    }

    @Test
    void bothAlertFunctionsRunAlike() {
        Map<String, Object> alert = function(TEMPLATE, "AlertFunction", distinctParameters("")).properties();
        Map<String, Object> topic = function(TEMPLATE, "AlertTopicFunction", distinctParameters("")).properties();

        for (String property : List.of("Runtime", "Architectures", "MemorySize", "Timeout")) {
            assertTrue(alert.containsKey(property), "AlertFunction has no " + property);
        }
        assertEquals(without(alert, THEIR_OWN_PROPERTIES), without(topic, THEIR_OWN_PROPERTIES),
                "AlertFunction's and AlertTopicFunction's properties, Globals included");
    }

    private static final Pattern STAGE_NAME = Pattern.compile("(?m)^(\\s+StageName:\\s*)(\\S+)\\s*$");
    private static final Pattern EXECUTE_API = Pattern.compile("https://[^/\\s]+\\.execute-api\\.[^/\\s]+/([^/\\s]+)(/\\S*)?");

    /**
     * Every execute-api URL in the outputs and the functions' environment follows the API's one stage: with the stage
     * renamed in the one place it is written, each URL names the new stage.
     */
    @Test
    void everyExecuteApiUrlUsesTheOneStage(@TempDir Path dir) throws IOException {
        String text = Files.readString(TEMPLATE_FILE);
        Matcher stage = STAGE_NAME.matcher(text);
        assertTrue(stage.find(), "template.yaml names no StageName");
        assertEquals(TEMPLATE.stageName(), stage.group(2));
        assertFalse(stage.find(), "template.yaml writes StageName more than once");

        for (String stageName : List.of(TEMPLATE.stageName(), "Renamed")) {
            SamTemplate template = SamTemplate.read(Files.writeString(dir.resolve("template.yaml"),
                    STAGE_NAME.matcher(text).replaceFirst("$1" + stageName)));
            Map<String, Object> urls = new LinkedHashMap<>();
            template.outputs(distinctParameters(""), Map.of()).forEach((name, value) -> urls.put("output " + name, value));
            for (SamTemplate.Function f : template.functions(distinctParameters(""), Map.of())) {
                f.environment().forEach((name, value) -> urls.put(f.logicalId() + " " + name, value));
            }
            urls.values().removeIf(value -> !String.valueOf(value).contains("execute-api"));

            assertTrue(urls.keySet().containsAll(List.of("output AlertUrl", "output JoinConferenceUrl", "output IncidentsUrl",
                    "AlertTopicFunction PUBLIC_BASE_URL")), "execute-api URLs found: " + urls.keySet());
            urls.forEach((where, url) -> {
                Matcher m = EXECUTE_API.matcher(String.valueOf(url));
                assertTrue(m.matches(), where + ": " + url);
                assertEquals(stageName, m.group(1), where + " (" + url + ") with StageName " + stageName);
            });
        }
    }

    @Test
    void everyParameterIsInTheDeployDocsParameterTable() throws IOException {
        List<String> rows = Files.readAllLines(RepoRoot.resolve("docs/deploy.md")).stream().filter(l -> l.startsWith("| `")).toList();
        List<String> missing = TEMPLATE.parameters().keySet().stream()
                .filter(name -> rows.stream().noneMatch(row -> row.substring(0, row.indexOf(" |", 2)).contains("`" + name + "`")))
                .toList();
        assertEquals(List.of(), missing, "template parameters without a row in docs/deploy.md's parameter table");
    }

    /** Issue 21: a deploy a small team can follow; the detail lives in docs/deploy.md. */
    @Test
    void theReadmesDeploySectionIsShortAndComplete() throws IOException {
        List<String> readme = Files.readAllLines(RepoRoot.resolve("README.md"));
        int start = readme.indexOf("## Deploy");
        int end = start + 1;
        while (end < readme.size() && !readme.get(end).startsWith("## ")) {
            end++;
        }
        assertTrue(start >= 0, "README has a '## Deploy' section");
        List<String> section = readme.subList(start, end);
        assertTrue(section.size() <= 40, "README's Deploy section has " + section.size() + " lines; at most 40 (the rest: docs/deploy.md)");
        assertTrue(readme.size() <= 250, "README has " + readme.size() + " lines; at most 250 (the rest belongs in docs/)");
        assertTrue(Files.exists(RepoRoot.resolve("docs/README.md")) && Files.exists(RepoRoot.resolve("docs/architecture.md")),
                "docs/README.md (the index) and docs/architecture.md (the code map)");
        String text = String.join("\n", section);
        for (String parameter : List.of("twilio/account-sid", "twilio/auth-token", "twilio/caller-number", "alert-tokens", "teams/")) {
            assertTrue(text.contains("put-parameter --name /alertbridge/" + parameter), "the Deploy section puts " + parameter);
        }
        for (String step : List.of("sam build && sam deploy --guided", "AlertUrl", "CallInUrl", "./deploy/smoke", "docs/deploy.md")) {
            assertTrue(text.contains(step), "the Deploy section says " + step);
        }
    }

    @Test
    void everyFunctionIsPublishedBehindTheAliasWithSnapStartUnlessTurnedOff() {
        Map<String, String> off = new LinkedHashMap<>(TEMPLATE.parameterDefaults());
        off.put("SnapStart", "false");
        for (var on : List.of(true, false)) {
            List<SamTemplate.Function> functions = TEMPLATE.functions(on ? TEMPLATE.parameterDefaults() : off, Map.of());
            assertEquals(12, functions.size());
            for (SamTemplate.Function f : functions) {
                assertEquals("live", f.properties().get("AutoPublishAlias"), f.logicalId());
                if (!f.schedules().isEmpty()) { // the check-in detector runs every minute: its snapshot never expires
                    assertEquals(List.of("rate(1 minute)"), f.schedules(), f.logicalId());
                    assertEquals(Map.of("ApplyOn", on ? "PublishedVersions" : "None"), f.properties().get("SnapStart"), f.logicalId());
                    continue;
                }
                assertEquals("live", f.properties().get("AutoPublishAlias"), f.logicalId());
                assertEquals(Map.of("ApplyOn", on ? "PublishedVersions" : "None"), f.properties().get("SnapStart"), f.logicalId());
                // the daily keep-alive, so that the version never goes 14 days without an invocation
                Map<?, ?> keepAlive = (Map<?, ?>) ((Map<?, ?>) f.properties().get("Events")).get("KeepAlive");
                assertEquals("Schedule", keepAlive.get("Type"), f.logicalId());
                Map<?, ?> schedule = (Map<?, ?>) keepAlive.get("Properties");
                assertEquals(on ? "ENABLED" : "DISABLED", schedule.get("State"), f.logicalId());
                String input = String.valueOf(schedule.get("Input"));
                assertTrue(f.routes().isEmpty() ? input.replace(" ", "").equals("{\"Records\":[]}")
                        : input.contains(alertbridge.snapstart.Priming.KEEP_ALIVE_RESOURCE), f.logicalId() + ": " + input);
            }
        }
    }
}
