package alertbridge.local;

import alertbridge.log.JsonLog;
import alertbridge.testkit.RepoRoot;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./local/run [--parameter-overrides Name=Value ...]}: starts the local stack and tells the person at the
 * terminal how to page themselves.
 * Environment: {@code PORT} (3000), {@code ALERT_TOKEN}, {@code TWILIO_AUTH_TOKEN} (generated when unset),
 * {@code SIM_SPEED} (1.0 = real time), {@code LOG_FILE}; for real calls {@code TWILIO_ACCOUNT_SID},
 * {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_CALLER_NUMBER} and {@code PUBLIC_URL} (a tunnel to the local port).
 */
public final class LocalRun {
    private static final String USAGE = """
            usage: ./local/run [--parameter-overrides Name=Value ...]
              --parameter-overrides  template.yaml parameters, as sam deploy takes them: Name=Value or
                                     ParameterKey=Name,ParameterValue=Value, several per argument when quoted
                                     ('MaxCallees=3 RequireKeypress=false'), "..." around a value with spaces;
                                     unknown names and values the template does not allow are refused at start
              -h, --help             this text
            environment: PORT (3000), ALERT_TOKEN, TWILIO_AUTH_TOKEN, SIM_SPEED (1.0), LOG_FILE; for real calls
            TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_CALLER_NUMBER and PUBLIC_URL (a tunnel to PORT)""";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        SamTemplate template = SamTemplate.read(RepoRoot.resolve("template.yaml"));
        ParameterOverrides overrides = overridesOrExit(List.of(args), template);
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("PORT", "3000"));
        String alertToken = Optional.ofNullable(env.get("ALERT_TOKEN")).filter(s -> !s.isBlank()).orElseGet(LocalRun::generated);
        double speed = Double.parseDouble(env.getOrDefault("SIM_SPEED", "1.0"));
        Optional<StackOptions.RealTwilio> real = Optional.ofNullable(env.get("TWILIO_ACCOUNT_SID")).filter(s -> !s.isBlank())
                .map(sid -> new StackOptions.RealTwilio(sid, require(env, "TWILIO_AUTH_TOKEN"), require(env, "TWILIO_CALLER_NUMBER"),
                        require(env, "PUBLIC_URL")));
        String twilioToken = Optional.ofNullable(env.get("TWILIO_AUTH_TOKEN")).filter(s -> !s.isBlank()).orElseGet(LocalRun::generated);

        Path logFile = Path.of(env.getOrDefault("LOG_FILE", "local/target/alertbridge-local.log"));
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        PrintStream logs = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        JsonLog.redirect(logs);

        PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        StackOptions options = new StackOptions(port, 0,
                alertToken, twilioToken, speed, overrides.values(), Optional.empty(), false, real, new Narrator(out), false,
                Map.of());
        LocalStack stack = LocalStack.start(options);
        LocalSeed.seed(stack); // people alice, bob, carol; roster sre; a weekly Tokyo schedule
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nstopping alertbridge (local)...");
            stack.close();
            logs.close();
            stopped.countDown();
        }));

        String api = stack.apiUrl();
        out.println();
        out.println("alertbridge is running locally (Ctrl-C stops it)");
        out.println("  API             " + api);
        for (SamTemplate.Function f : stack.functions()) {
            f.routes().forEach(r -> out.printf("                    %-5s %-20s %s%n", r.method(), r.path(), f.logicalId()));
        }
        out.println("  parameters      " + overrides.describe(template.parameterDefaults()));
        stack.simulator().ifPresentOrElse(
                sim -> out.println("  Twilio          simulator at " + sim.baseUrl() + " (account " + LocalStack.ACCOUNT_SID + ")"),
                () -> out.println("  Twilio          REAL account, webhooks via " + real.get().publicUrl()));
        out.println("  AWS (moto)      " + stack.motoEndpoint() + "  table " + stack.tableName() + ", SSM parameters under "
                + stack.parameterPath() + " (in memory)");
        out.println("  ALERT_TOKEN       " + alertToken + (env.containsKey("ALERT_TOKEN") ? "" : "  (generated; set ALERT_TOKEN to choose)"));
        out.println("  TWILIO_AUTH_TOKEN " + (real.isPresent() ? "(yours)" : twilioToken + (env.containsKey("TWILIO_AUTH_TOKEN") ? "" : "  (generated)")));
        out.println("  EVENT_WEBHOOK_SECRET " + stack.eventSigningSecret() + (env.containsKey("EVENT_WEBHOOK_SECRET") ? ""
                : "  (generated; signs the EventWebhooks' JSON events, docs/integrations.md)"));
        out.println("  handler logs    " + logFile + " (JSON lines)");
        out.println();
        out.println("Page five people (two answer and press 1, a voicemail, a busy line, a number Twilio refuses):");
        out.println();
        out.println("  curl -s -H 'Authorization: Bearer " + alertToken + "' \\");
        out.println("    --data 'to=+818012345601,+818012345602,+818012345693,+818012345691,+818012345696&message=Database is down' \\");
        out.println("    " + api + "/alert");
        out.println();
        out.println("Dial in from a roster number (the simulated caller presses 1) to join the open incident:");
        out.println();
        out.println("  curl -s --data-urlencode from=+818012345601 " + api + "/_local/call_in");
        out.println();
        out.println("Watch it live in a browser (the token is in the URL fragment: it stays in the browser):");
        out.println();
        out.println("  " + stack.pageUrl());
        out.println();
        out.println("Or read the timeline (incidentId from the answer above), or the recent incidents:");
        out.println();
        out.println("  curl -s -H 'Authorization: Bearer " + alertToken + "' " + api + "/incidents/<incidentId>");
        out.println("  curl -s -H 'Authorization: Bearer " + alertToken + "' " + api + "/incidents");
        out.println();
        out.println("A check-in that pages sre when a job stops pinging (locally the detector runs every few seconds):");
        out.println();
        out.println("  curl -s -X PUT -H 'Authorization: Bearer " + alertToken + "' -H 'Content-Type: application/json' \\");
        out.println("    --data '{\"periodSeconds\": 30, \"graceSeconds\": 10, \"team\": \"sre\"}' " + api + "/checks/nightly-backup");
        out.println("  curl -fsS <pingUrl from the answer>          # the job's ping; stop sending it and sre's phones ring");
        out.println();
        LocalSeed.printExamples(out, api, alertToken);
        out.println("Simulated people by the last two digits: 00-87 answer after ~1 s and press 1; 88 misses the first call,");
        out.println("answers the next; 91 busy; 92 no answer;");
        out.println("93 voicemail; 94 call fails; 95 joins then leaves after ~3 s; 96 refused by Twilio (21215);");
        out.println("97 throttled (429) twice, then rings; 98 answers after ~8 s. Calls are narrated here:");
        out.println();
        stopped.await();
    }

    /** The overrides on the command line, or (one line on stderr, exit status 2) why the runner cannot start with them. */
    private static ParameterOverrides overridesOrExit(List<String> args, SamTemplate template) {
        try {
            ParameterOverrides overrides = ParameterOverrides.fromCommandLine(args);
            overrides.refusal(template).ifPresent(reason -> {
                throw new ParameterOverrides.Refused(reason);
            });
            return overrides;
        } catch (ParameterOverrides.Refused e) {
            System.err.println("alertbridge: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    private static String generated() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("with TWILIO_ACCOUNT_SID set (real calls), " + name + " must be set too");
        }
        return v;
    }
}
