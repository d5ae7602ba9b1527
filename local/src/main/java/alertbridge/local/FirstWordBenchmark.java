package alertbridge.local;

import alertbridge.log.JsonLog;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answer to first word in the simulator: how long after a callee picks up they hear the alert, with the TwiML fetched
 * from {@code /join_conference} at pick-up ({@code url}: the webhook through the local stack's real handler, signature
 * check, table reads) against the TwiML given with the call ({@code inline}: no request). Each run is a fresh JVM
 * with its own local stack (moto, simulator, local API); its first call is the cold one (the join handler is built
 * on the first webhook, as a new Lambda container is), the rest are warm, one callee per alert, one after another.
 * The runs alternate between the two modes, so they share the machine's state. Prints one JSON object.
 * <pre>
 * mvn -B -q -DskipTests -pl local -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "local/target/classes:$(cat local/target/classpath.txt)" \
 *     alertbridge.local.FirstWordBenchmark --runs 5 --calls 21
 * </pre>
 * {@code --mode url|inline} runs one JVM's measurement only (what each run does), printing its samples.
 */
public final class FirstWordBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "FIRST_WORD_RESULT ";
    /** The simulator's time factor: phones answer after 0.05 s of simulated ringing (plus the simulator's 250 ms floor). */
    private static final double SPEED = 0.05;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private FirstWordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = intArg(args, "--calls", 21);
        Optional<String> mode = arg(args, "--mode");
        if (mode.isPresent()) {
            List<Double> samples = measure(mode.get().equals("inline"), calls);
            System.out.println(RESULT + JSON.writeValueAsString(samples));
            return;
        }
        int runs = intArg(args, "--runs", 5);
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(compare(runs, calls)));
    }

    /**
     * {@code runs} fresh JVMs per mode, alternating url and inline, {@code calls} calls each (the first cold).
     *
     * @return the medians by mode, as the JSON printed
     */
    public static Map<String, Object> compare(int runs, int calls) throws Exception {
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String m : List.of("url", "inline")) {
                List<Double> samples = child(m, calls);
                cold.computeIfAbsent(m, k -> new ArrayList<>()).add(samples.getFirst());
                warm.computeIfAbsent(m, k -> new ArrayList<>()).addAll(samples.subList(1, samples.size()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("measured", Instant.now().toString());
        out.put("runs", runs);
        out.put("callsPerRun", calls);
        out.put("machine", Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("os.arch") + ", "
                + System.getProperty("os.name") + ", Java " + Runtime.version());
        for (String m : List.of("url", "inline")) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("coldMedianMs", median(cold.get(m)));
            r.put("coldMs", cold.get(m));
            r.put("warmMedianMs", median(warm.get(m)));
            r.put("warmP90Ms", percentile(warm.get(m), 0.9));
            r.put("warmSamples", warm.get(m).size());
            out.put(m, r);
        }
        return out;
    }

    /** One run in a fresh JVM: this class with {@code --mode}, the same JVM options and class path. */
    private static List<Double> child(String mode, int calls) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstWordBenchmark.class.getName(),
                "--mode", mode, "--calls", Integer.toString(calls)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the " + mode + " run failed (exit " + p.exitValue() + ")");
        }
        List<Double> samples = new ArrayList<>();
        JSON.readTree(result).forEach(n -> samples.add(n.asDouble()));
        return samples;
    }

    /** Starts a stack, pages one callee at a time and returns each call's answer-to-first-word, in ms, cold first. */
    public static List<Double> measure(boolean inline, int calls) throws Exception {
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        StackOptions options = StackOptions.forTests(SPEED).withParameter("MaxCallsPerNumberPerHour", "1000");
        if (!inline) {
            options = options.withEnvironment("INLINE_ANSWER_TWIML", "false");
        }
        List<Double> samples = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(options); HttpClient http = HttpClient.newHttpClient()) {
            TwilioSimulator sim = stack.simulator().orElseThrow();
            for (int i = 0; i < calls; i++) {
                String to = "+8180123456" + String.format("%02d", i % 88); // 00-87 answer and press 1
                String form = "to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&message="
                        + URLEncoder.encode("Database primary is down, check " + i, StandardCharsets.UTF_8);
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/alert"))
                        .header("Authorization", "Bearer " + stack.options().alertToken())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode calls0 = JSON.readTree(answer.body()).path("calls").path(0);
                if (answer.statusCode() != 202 || calls0.isMissingNode()) {
                    throw new IllegalStateException("the alert was not placed: " + answer.statusCode() + " " + answer.body());
                }
                String callSid = calls0.get("callSid").asText();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                Optional<Duration> firstWord;
                while ((firstWord = sim.answerToFirstWord(callSid)).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("call " + callSid + " heard nothing within " + PATIENCE);
                    }
                    Thread.sleep(5);
                }
                samples.add(Math.round(firstWord.get().toNanos() / 1e5) / 10.0);
            }
        }
        return samples;
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    /** Nearest-rank percentile, rounded to 0.1 ms; the median of an even count is the mean of the middle two. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        double v;
        if (p == 0.5 && sorted.size() % 2 == 0) {
            v = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        } else {
            v = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
        return Math.round(v * 10) / 10.0;
    }

    private static Optional<String> arg(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static int intArg(String[] args, String name, int fallback) {
        return arg(args, name).map(Integer::parseInt).orElse(fallback);
    }
}
