package alertbridge.local;

import static alertbridge.local.CloudFormationYaml.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every number the README and docs state about template.yaml, computed from the template: how many functions and
 * keep-alive schedules, what the reservations total (and the account's quota) at any setting, that the defaults
 * reserve none, how often a queue's message is received before its dead-letter queue. A doc that drifts from the
 * template fails here; a sentence reworded so that its number is no longer found fails too (update the pattern).
 */
class TemplateNumbersTest {
    private static final Map<String, Object> TEMPLATE = load();
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve");
    private static final int UNRESERVED = 100; // Lambda keeps 100 of an account's concurrency unreserved

    private static Map<String, Object> load() {
        try (Reader in = Files.newBufferedReader(RepoRoot.resolve("template.yaml"))) {
            return CloudFormationYaml.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> resources(String type) {
        Map<String, Object> out = new java.util.TreeMap<>();
        map(TEMPLATE.get("Resources")).forEach((name, r) -> {
            if (type.equals(map(r).get("Type"))) {
                out.put(name, r);
            }
        });
        return out;
    }

    /** What the functions reserve for these parameter values, as CloudFormation evaluates each function's setting. */
    static int reserved(int reservedConcurrency, int webhookConcurrency) {
        Map<String, String> values = new HashMap<>();
        map(TEMPLATE.get("Parameters")).forEach((name, p) -> values.put(name, String.valueOf(map(p).get("Default"))));
        values.put("ReservedConcurrency", String.valueOf(reservedConcurrency));
        values.put("WebhookConcurrency", String.valueOf(webhookConcurrency));
        Intrinsics intrinsics = new Intrinsics(TEMPLATE, values, Map.of());
        Object global = map(map(TEMPLATE.get("Globals")).get("Function")).get("ReservedConcurrentExecutions");
        int total = 0;
        for (Object function : resources("AWS::Serverless::Function").values()) {
            Map<String, Object> props = map(map(function).get("Properties"));
            Object setting = intrinsics.resolve(Map.of("x", props.getOrDefault("ReservedConcurrentExecutions", global))).toString();
            Matcher n = Pattern.compile("x=(\\d+)").matcher(setting.toString());
            total += n.find() ? Integer.parseInt(n.group(1)) : 0;
        }
        return total;
    }

    private static String doc(String path) {
        try {
            return Files.readString(RepoRoot.resolve(path)).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int number(String word) {
        return word.matches("\\d+") ? Integer.parseInt(word) : NUMBER_WORDS.indexOf(word.toLowerCase(java.util.Locale.ROOT));
    }

    /** Every match of {@code pattern} (its first group a number) in {@code path}; at least one must be there. */
    private static List<Integer> stated(String path, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(doc(path));
        List<Integer> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(number(m.group(1)));
        }
        assertFalse(found.isEmpty(), path + " no longer states /" + pattern + "/: update the doc or this test");
        return found;
    }

    private static int maxReceiveCount(String queue) {
        Map<String, Object> q = map(map(resources("AWS::SQS::Queue").get(queue)).get("Properties"));
        return Integer.parseInt(map(q.get("RedrivePolicy")).get("maxReceiveCount").toString());
    }

    @Test
    void theDefaultsReserveNothingSoANewAccountTakesTheStack() {
        Map<String, Object> params = map(TEMPLATE.get("Parameters"));
        assertEquals(0, reserved(Integer.parseInt(map(params.get("ReservedConcurrency")).get("Default").toString()),
                Integer.parseInt(map(params.get("WebhookConcurrency")).get("Default").toString())));
        assertTrue(doc("README.md").contains("A default deploy reserves no Lambda concurrency"));
        assertTrue(doc("docs/security.md").contains("A default deploy reserves **no** concurrency"));
    }

    @Test
    void theReservationFormulaInTheDocsHoldsAtEverySetting() {
        Pattern formula = Pattern.compile("(\\d+) × ReservedConcurrency \\+ (\\d+) \\+ (\\d+) × WebhookConcurrency");
        for (String path : List.of("docs/security.md", "docs/deploy.md")) {
            Matcher m = formula.matcher(doc(path));
            assertTrue(m.find(), path + " states the reservation formula");
            int perFunction = Integer.parseInt(m.group(1));
            int detector = Integer.parseInt(m.group(2));
            int perWebhook = Integer.parseInt(m.group(3));
            for (int r : new int[] {0, 2, 10, 100, 900}) {
                for (int w : new int[] {0, 2, 50, 900}) {
                    int expected = (r == 0 ? 0 : perFunction * r + detector) + perWebhook * w;
                    assertEquals(reserved(r, w), expected, path + " at ReservedConcurrency " + r + ", WebhookConcurrency " + w);
                }
            }
            assertTrue(doc(path).contains("that sum + " + UNRESERVED), path + ": the quota is the sum + " + UNRESERVED);
            assertEquals(List.of(reserved(10, 50)), stated(path, "(\\d+) reserved,? (?:and )?a quota of"));
            assertEquals(List.of(reserved(10, 50) + UNRESERVED), stated(path, "reserved,? (?:and )?a quota of (\\d+)"));
        }
    }

    @Test
    void functionAndKeepAliveCountsAreTheTemplates() {
        Map<String, Object> functions = resources("AWS::Serverless::Function");
        long keepAlives = functions.values().stream()
                .filter(f -> map(map(map(f).get("Properties")).get("Events")).containsKey("KeepAlive")).count();
        for (int n : stated("docs/security.md", "(?:all|the) (\\w+) functions(?:'| )")) {
            assertEquals(functions.size(), n, "docs/security.md: the number of functions");
        }
        assertEquals(List.of((int) keepAlives), stated("docs/operations.md", "The keep-alive is (\\d+) invocations a day"));
    }

    @Test
    void deadLetterReceiveCountsAreTheQueues() {
        assertEquals(List.of(maxReceiveCount("RoundsQueue")), stated("docs/using.md", "a step received (\\d+) times without success"));
        String outputs = map(TEMPLATE.get("Outputs")).toString().replaceAll("\\s+", " ");
        Matcher rounds = Pattern.compile("received (\\d+) times without success").matcher(outputs);
        assertTrue(rounds.find() && Integer.parseInt(rounds.group(1)) == maxReceiveCount("RoundsQueue"), outputs);
        Matcher events = Pattern.compile("through (\\w+) tries").matcher(outputs);
        assertTrue(events.find() && number(events.group(1)) == maxReceiveCount("EventsQueue"), outputs);
    }
}
