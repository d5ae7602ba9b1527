package alertbridge.local;

import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.handler.AlertHandler;
import alertbridge.handler.AlertTopicHandler;
import alertbridge.handler.CallEventsHandler;
import alertbridge.handler.IncidentsHandler;
import alertbridge.handler.JoinConferenceHandler;
import alertbridge.handler.RecordsHandler;
import alertbridge.handler.RoundsHandler;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.wiring.Clients;
import java.util.HashMap;
import java.util.Map;
import org.crac.Resource;

/**
 * Measures SnapStart's hooks of one handler in this (fresh) JVM, over moto and the Twilio stand-in, as a benchmark
 * would: its construction (Lambda's init), {@code beforeCheckpoint}, then {@code afterRestore} twice (parameters
 * still fresh; then, with {@code stale}, held past their TTL so that they are read again). Not a test: run it with
 * the local module's test classpath, one JVM per handler:
 * {@code java -cp <classpath> alertbridge.local.SnapStartHooksMain JoinConferenceHandler}.
 */
public final class SnapStartHooksMain {
    private SnapStartHooksMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "JoinConferenceHandler";
        try (LocalAws aws = new LocalAws(); TwilioApiStandIn twilio = new TwilioApiStandIn()) {
            Map<String, String> queues = aws.createQueues("hooks-" + System.nanoTime() + "-");
            aws.putStackParameters(TwilioApiStandIn.ACCOUNT_SID, TwilioApiStandIn.AUTH_TOKEN, "+15005550006", "bench-token",
                    Map.of("oncall", "+818012345601"));
            String path = aws.parameterPath();
            Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", aws.tableName(),
                    "TWILIO_ACCOUNT_SID_PARAM", path + "/twilio/account-sid", "TWILIO_AUTH_TOKEN_PARAM", path + "/twilio/auth-token",
                    "TWILIO_CALLER_NUMBER_PARAM", path + "/twilio/caller-number", "ALERT_TOKENS_PARAM", path + "/alert-tokens",
                    "TEAMS_PARAM_PATH", path + "/teams", "TWILIO_API_BASE_URL", twilio.baseUrl().toString(),
                    "ROUNDS_QUEUE_URL", queues.get("RoundsQueue"), "RECORDS_QUEUE_URL", queues.get("RecordsQueue")));
            env.putAll(Map.of("PUBLIC_BASE_URL", "https://bench.example.com/Prod", "TOPIC_TEAMS", "oncall"));
            for (boolean stale : new boolean[] {false, true}) {
                env.put("PARAMETER_CACHE_SECONDS", stale ? "0" : "300");
                Settings settings = Settings.fromEnvironment(env);
                SsmParameterSource ssm = new SsmParameterSource(aws.ssm());
                long t0 = System.nanoTime();
                Resource handler = switch (which) {
                    case "AlertHandler" -> new AlertHandler(Clients.of(settings, ssm, aws.dynamo(), aws.sqs()));
                    case "AlertTopicHandler" -> new AlertTopicHandler(Clients.of(settings, ssm, aws.dynamo(), aws.sqs()));
                    case "JoinConferenceHandler" -> new JoinConferenceHandler(Clients.of(settings, ssm, aws.dynamo(), aws.sqs()));
                    case "CallEventsHandler" -> new CallEventsHandler(Clients.of(settings, ssm, aws.dynamo(), aws.sqs()));
                    case "IncidentsHandler" -> new IncidentsHandler(Clients.of(settings, ssm, aws.dynamo(), null));
                    case "RoundsHandler" -> new RoundsHandler(Clients.of(settings, ssm, aws.dynamo(), aws.sqs()));
                    case "RecordsHandler" -> new RecordsHandler(Clients.of(settings, null, aws.dynamo(), null));
                    default -> throw new IllegalArgumentException("unknown handler " + which);
                };
                long t1 = System.nanoTime();
                handler.beforeCheckpoint(null);
                long t2 = System.nanoTime();
                handler.afterRestore(null);
                long t3 = System.nanoTime();
                System.out.printf("%s %s: init %d ms, beforeCheckpoint %d ms, afterRestore %d ms (parameters %s)%n", which,
                        stale ? "second instance" : "first instance", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        (t3 - t2) / 1_000_000, stale ? "past their TTL: read again" : "fresh");
            }
        }
    }
}
