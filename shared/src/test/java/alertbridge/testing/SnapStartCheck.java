package alertbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.config.ParameterSource;
import alertbridge.log.JsonLog;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the SnapStart tests of every handler check: that {@code beforeCheckpoint} left nothing anywhere (no item in
 * the table, no message on a queue, no request at Twilio), that each hook logged its one line without a failed step,
 * and, through {@link Ssm}, that {@code afterRestore} itself read a value rotated while the snapshot was frozen.
 */
public final class SnapStartCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapStartCheck() {
    }

    /**
     * SSM as the handler reads it (moto, through the production reader), counting reads; once {@link #cutOff()} every
     * read fails as in an SSM outage, so a request can only be served with what was read before.
     */
    public static final class Ssm implements ParameterSource {
        private final ParameterSource delegate;
        private final AtomicInteger reads = new AtomicInteger();
        private volatile boolean cutOff;

        public Ssm(ParameterSource delegate) {
            this.delegate = delegate;
        }

        public int reads() {
            return reads.get();
        }

        public void cutOff() {
            cutOff = true;
        }

        private void check() {
            if (cutOff) {
                throw new UncheckedIOException(new IOException("SSM cut off by the test"));
            }
            reads.incrementAndGet();
        }

        @Override
        public Map<String, String> fetch(Collection<String> names) {
            check();
            return delegate.fetch(names);
        }

        @Override
        public Optional<String> find(String name) {
            check();
            return delegate.find(name);
        }

        @Override
        public Map<String, String> under(String path) {
            check();
            return delegate.under(path);
        }
    }

    /** The daily keep-alive of an API function, as template.yaml's {@code KeepAlive} event sends it. */
    public static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent keepAlive() {
        return new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withResource(alertbridge.snapstart.Priming.KEEP_ALIVE_RESOURCE);
    }

    /** The keep-alive is answered 204 and logs nothing. */
    public static void assertKeptAliveQuietly(java.util.function.Supplier<
            com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent> invoke) {
        List<com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent> answers = new ArrayList<>();
        assertEquals(List.of(), logOf(() -> answers.add(invoke.get())), "the keep-alive logs nothing");
        assertEquals(204, answers.getFirst().getStatusCode());
    }

    /** Runs a hook and returns the log lines it wrote, parsed. */
    public static List<JsonNode> logOf(Runnable hook) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            hook.run();
        } finally {
            JsonLog.redirect(System.out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return lines;
    }

    /** Fresh queues of the template (RoundsQueue, RecordsQueue, ...) for one test, named after {@code function}. */
    public static Map<String, String> queues(LocalAws aws, String function) {
        return aws.createQueues("snap-" + function + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-");
    }

    /**
     * What a handler under test reads besides {@code SampleConfig}'s: parameters never held (so a rotation shows at
     * once), the round and records queues of {@code queues}, and {@code more}.
     */
    public static Map<String, String> environment(Map<String, String> queues, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PARAMETER_CACHE_SECONDS", "0",
                "ROUNDS_QUEUE_URL", queues.get("RoundsQueue"), "RECORDS_QUEUE_URL", queues.get("RecordsQueue")));
        env.putAll(more);
        return env;
    }

    /** {@code beforeCheckpoint} logged only its {@code snapstart_primed} line for {@code function}, every step at INFO. */
    public static void assertPrimed(org.crac.Resource handler, String function) {
        assertOnlyLine(logOf(() -> hook(() -> handler.beforeCheckpoint(null))), "snapstart_primed", function);
    }

    /** {@code afterRestore} logged only its {@code snapstart_restored} line for {@code function}, every step at INFO. */
    public static void assertRestored(org.crac.Resource handler, String function) {
        assertOnlyLine(logOf(() -> hook(() -> handler.afterRestore(null))), "snapstart_restored", function);
    }

    private interface Hook {
        void run() throws Exception;
    }

    private static void hook(Hook hook) {
        try {
            hook.run();
        } catch (Exception e) {
            throw new IllegalStateException("the SnapStart hook threw", e);
        }
    }

    /**
     * The hook wrote exactly one line, {@code event} for {@code function}, at INFO: every step succeeded (a failed one
     * is listed at WARN), and nothing the synthetic requests did reached the log.
     */
    public static void assertOnlyLine(List<JsonNode> lines, String event, String function) {
        assertEquals(1, lines.size(), () -> "one line, not: " + lines);
        JsonNode line = lines.getFirst();
        assertEquals(event, line.path("event").asText(), line::toString);
        assertEquals(function, line.path("function").asText(), line::toString);
        assertEquals("INFO", line.path("level").asText(), () -> "a step failed: " + line);
    }

    /** Nothing anywhere: no item in the fixture's table, no message on the queues, no request of any kind at Twilio. */
    public static void assertNothingLeft(LocalAws aws, Collection<String> queueUrls, TwilioApiStandIn twilio) {
        assertNothingLeft(aws, aws.tableName(), queueUrls, twilio);
    }

    /** The same for another table of the fixture's server. */
    public static void assertNothingLeft(LocalAws aws, String table, Collection<String> queueUrls, TwilioApiStandIn twilio) {
        assertEquals(0, aws.dynamo().scan(b -> b.tableName(table)).count(), "items in the table");
        for (String url : queueUrls) {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            attributes.forEach((name, count) -> assertEquals("0", count, url + " " + name));
        }
        if (twilio != null) {
            assertTrue(twilio.requests().isEmpty(), "calls created at Twilio");
            assertTrue(twilio.messageRequests().isEmpty(), "texts sent through Twilio");
            assertTrue(twilio.updateRequests().isEmpty(), "calls updated at Twilio");
        }
    }
}
