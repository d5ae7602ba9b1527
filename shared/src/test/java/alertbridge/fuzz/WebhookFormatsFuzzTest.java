package alertbridge.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import alertbridge.formats.Format;
import alertbridge.formats.InboundAlert;
import alertbridge.formats.SpokenSummary;
import alertbridge.formats.WebhookFormats;
import alertbridge.http.ApiResponses;
import alertbridge.refusal.Refusal;
import alertbridge.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The webhook formats under mutated samples (jqwik, fixed seed, 2,000 tries): each sample in events/payloads/ with
 * fields dropped, values of the wrong JSON type, nulls, huge strings, odd Unicode, links and nested garbage, also
 * inside an SNS notification's {@code Message}. {@link WebhookFormats#parse} either gives an alert with a short,
 * link-free sentence or refuses with a 4xx {@link Refusal}; no other exception ever escapes.
 *
 * <p>The sentence bound is {@link SpokenSummary#MAX_SPOKEN_CHARS} (300) for what the formats summarise. Generic JSON
 * (also generic JSON inside an SNS message) is said as the sender wrote it, minus links and markup, up to the
 * original usage's {@link InboundAlert#MAX_MESSAGE_CHARS} (1000; longer is refused): docs/integrations.md.
 */
class WebhookFormatsFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SAMPLES = samples();
    private final WebhookFormats english = new WebhookFormats("en-US");
    private final WebhookFormats japanese = new WebhookFormats("ja-JP");

    /** What a mutation does to the node it lands on. */
    enum Kind {
        DROP, NULL, NUMBER, BOOLEAN, EMPTY_ARRAY, EMPTY_OBJECT, GARBAGE_ARRAY, GARBAGE_OBJECT, TEXT, HUGE_TEXT,
        UNICODE, LINK, DEEP_NESTING, STRINGIFIED
    }

    /** One change: {@code target} picks the node (modulo the nodes there are), {@code text} is its new text. */
    record Mutation(int target, Kind kind, String text) {
    }

    /**
     * @param sample    index into the samples
     * @param inner     mutate the JSON inside an SNS notification's {@code Message}, where there is one
     * @param mutations applied in order
     * @param japanese  parse with {@code SayLanguage: ja-JP}
     */
    record Case(int sample, boolean inner, List<Mutation> mutations, boolean japanese) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.of(Kind.class),
                values()).as(Mutation::new);
        return Combinators.combine(
                Arbitraries.integers().between(0, SAMPLES.size() - 1),
                Arbitraries.of(true, false),
                mutation.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true))).as(Case::new);
    }

    private static Arbitrary<String> values() {
        Arbitrary<String> links = Arbitraries.of(
                "https://evil.example.com/x?y=1", "Runbook: https://runbooks.example.com/a", "see <https://x.example.com|the logs>",
                "[dashboard](https://grafana.example.com/d/1)", "HTTPS://LOUD.EXAMPLE.COM", "www.example.com/path",
                "(https://paren.example.com)", "http://127.0.0.1:8080/", "text\nhttps://multi.example.com\nmore",
                "Load high https://a.example.com and https://b.example.com", "ftp://files.example.com/a",
                "Logs:https://glued.example.com", "HtTp://case.example.com", "id_https://underscore.example.com",
                "abchttps://glued-to-letters.example.com");
        Arbitrary<String> words = Arbitraries.of("firing", "resolved", "ok", "OK", "ALARM", "alerting", "Triggered",
                "Recovered", "trigger", "resolve", "acknowledge", "critical", "P1", "", " ", "null", "{}", "[]",
                "INSUFFICIENT_DATA", "no_data", "pending", "Re-Triggered", "Warn", "Recovered ");
        return Arbitraries.frequencyOf(
                Tuple.of(3, Inputs.anyText(60)),
                Tuple.of(2, links),
                Tuple.of(3, words),
                Tuple.of(1, Arbitraries.strings().withChars("<>&\"'%*_`#{}[]|\\\u0000\u200b\u202e\ud83d\ude00").ofMaxLength(40)));
    }

    @Property(tries = 2000, seed = "20261123", edgeCases = EdgeCasesMode.NONE)
    void anyMutatedSampleParsesIntoAShortSentenceOrIsRefusedWithA4xx(@ForAll("cases") Case c) {
        String body = mutate(SAMPLES.get(c.sample()), c);
        InboundAlert alert;
        long started = System.nanoTime();
        try {
            alert = (c.japanese() ? japanese : english).parse(body, Optional.empty());
        } catch (Refusal e) {
            Contract.assertClientError(ApiResponses.status(e), e.code(), e.detail());
            Statistics.label("outcome").collect(ApiResponses.status(e) + " " + e.code());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail("not a Refusal: " + e + " for " + describe(body), e);
            return;
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 5_000, "parsing took " + millis + " ms: " + describe(body));
        }
        Statistics.label("outcome").collect(alert.format().id() + " " + alert.action());
        String said = alert.spokenMessage();
        int max = alert.format() == Format.GENERIC ? InboundAlert.MAX_MESSAGE_CHARS : SpokenSummary.MAX_SPOKEN_CHARS;
        assertFalse(said.isBlank(), "something is said: " + describe(body));
        assertTrue(said.length() <= max, said.length() + " characters said: " + said);
        assertFalse(said.contains("http"), "a link is read aloud: '" + said + "' from " + describe(body));
        assertTrue(said.codePoints().allMatch(Contract::isXmlChar), "speakable in TwiML: " + said);
        assertTrue(alert.dedupKey().map(String::length).orElse(0) <= InboundAlert.MAX_DEDUP_KEY_CHARS, alert.toString());
        assertTrue(alert.sourceState().length() <= 40, alert.sourceState());
    }

    /** The samples as they are: every HTTP format is understood (the SNS event is one too). */
    @Example
    void everySampleParses() {
        for (String sample : SAMPLES) {
            InboundAlert alert = english.parse(sample, Optional.empty());
            assertFalse(alert.spokenMessage().contains("http"), alert.toString());
            assertTrue(alert.spokenMessage().length() <= SpokenSummary.MAX_SPOKEN_CHARS, alert.toString());
        }
    }

    /**
     * Found by this suite (seed 20261123) and fixed: SpokenText's URL pattern started with a word boundary, so a link
     * right after a word character ({@code id_https://...}) was read aloud
     * ({@code Resolved: id_https://underscore.example.com on web-7.}).
     */
    @Example
    void aLinkGluedToAWordIsNotReadAloud() {
        String body = "{\"alert_cycle_key\":\"7436958932914417046\",\"alert_transition\":\"Recovered\","
                + "\"event_title\":\"id_https://underscore.example.com\",\"alert_title\":\"[Recovered on {host:web-7}] Load is high\","
                + "\"alert_priority\":\"P1\",\"hostname\":\"web-7\",\"event_msg\":\"%%%\\nLoad average is back below 8 on web-7."
                + " @webhook-alertbridge\\n%%%\",\"alert_id\":\"123456\",\"alert_scope\":\"host:web-7,env:prod\"}";
        String said = english.parse(body, Optional.empty()).spokenMessage();
        assertFalse(said.contains("http"), said);
    }

    // ---------------------------------------------------------------- mutating a sample

    private static String mutate(String sample, Case c) {
        ObjectNode root = (ObjectNode) read(sample);
        Map<String, String> deep = new java.util.HashMap<>();
        JsonNode message = root.path("Message");
        if (c.inner() && message.isTextual() && message.asText().strip().startsWith("{")) {
            JsonNode inner = read(message.asText());
            JsonNode mutated = apply(inner, c.mutations(), deep);
            root.put("Message", write(mutated, deep));
            return write(root, Map.of());
        }
        return write(apply(root, c.mutations(), deep), deep);
    }

    /** One place in the tree: a field of an object or an item of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return parent.isObject() ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static JsonNode apply(JsonNode root, List<Mutation> mutations, Map<String, String> deep) {
        for (Mutation m : mutations) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            Slot slot = slots.get(m.target() % slots.size());
            switch (m.kind()) {
                case DROP -> slot.remove();
                case NULL -> slot.set(NODES.nullNode());
                case NUMBER -> slot.set(m.target() % 3 == 0 ? NODES.numberNode(-1) : m.target() % 3 == 1
                        ? NODES.numberNode(1e308) : NODES.numberNode(m.target()));
                case BOOLEAN -> slot.set(NODES.booleanNode(m.target() % 2 == 0));
                case EMPTY_ARRAY -> slot.set(NODES.arrayNode());
                case EMPTY_OBJECT -> slot.set(NODES.objectNode());
                case GARBAGE_ARRAY -> slot.set(NODES.arrayNode().add(m.text()).add(NODES.nullNode()).add(7)
                        .add(NODES.objectNode().put("x", m.text())).add(NODES.arrayNode().add(NODES.arrayNode())));
                case GARBAGE_OBJECT -> slot.set(NODES.objectNode().put(m.text(), m.text()).putNull("name")
                        .set("labels", NODES.arrayNode().add(m.text())));
                case TEXT, UNICODE, LINK -> slot.set(NODES.textNode(m.text()));
                case HUGE_TEXT -> slot.set(NODES.textNode(huge(m)));
                case DEEP_NESTING -> {
                    String marker = "__deep_" + deep.size() + "__";
                    int depth = 10 + m.target() % 3000;
                    deep.put(marker, "[".repeat(depth) + "]".repeat(depth));
                    slot.set(NODES.textNode(marker));
                }
                case STRINGIFIED -> slot.set(NODES.textNode(write(slot.get(), Map.of())));
            }
        }
        return root;
    }

    /** Mostly a few thousand characters; sometimes over WebhookFormats' 512 KiB body limit. */
    private static String huge(Mutation m) {
        String unit = m.text().isEmpty() ? "x" : m.text();
        int length = switch (m.target() % 4) {
            case 0 -> 301;
            case 1 -> 1001;
            case 2 -> 20_000;
            default -> m.target() % 40 == 3 ? WebhookFormats.MAX_BODY_CHARS + 1 : 5_000;
        };
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit).append(m.target() % 2 == 0 ? " " : "");
        }
        return b.toString();
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Slot(node, name, -1));
                collect(node.get(name), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots);
            }
        }
    }

    private static String write(JsonNode node, Map<String, String> deep) {
        try {
            String text = JSON.writeValueAsString(node);
            for (Map.Entry<String, String> d : deep.entrySet()) {
                text = text.replace("\"" + d.getKey() + "\"", d.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(String body) {
        return body.length() <= 2_000 ? body : body.substring(0, 2_000) + "... (" + body.length() + " characters)";
    }

    private static List<String> samples() {
        try (Stream<Path> files = Files.list(RepoRoot.resolve("events/payloads"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
