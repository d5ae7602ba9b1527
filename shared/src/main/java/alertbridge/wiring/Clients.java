package alertbridge.wiring;

import alertbridge.config.AwsClients;
import alertbridge.config.CachedParameters;
import alertbridge.config.LazySqsClient;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
import alertbridge.snapstart.TwilioPriming;
import alertbridge.table.IncidentStore;
import alertbridge.table.WriteBehind;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioSignature;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The clients every function's wiring is built from, made once per container: the table store, the cached SSM
 * parameters, the Twilio client, SQS. Each is made on first use, and each one used declares its SnapStart priming
 * ({@link #priming}) and restore ({@link #restoring}); a wiring adds the steps of the pieces it builds beside them
 * ({@link #primes}), so no handler lists them.
 *
 * <p>Functions ship only the SDKs they use (each function module's pom.xml): the SSM and SQS clients are made only when
 * asked for, and the Twilio SDK is named only in code that runs when {@link #twilio} is asked for.
 */
public final class Clients {
    private final Settings settings;
    private final Supplier<ParameterSource> source;
    private final DynamoDbClient dynamo;
    private final Supplier<SqsClient> sqs;
    private final boolean sqsOnFirstSend;
    private final Clock clock;
    private final Map<String, Priming.Step> steps = new LinkedHashMap<>();
    private final List<Priming.Step> restoring = new ArrayList<>();
    private IncidentStore store;
    private IncidentStore storeWithoutWriteBehind;
    private CachedParameters parameters;
    private Supplier<TwilioRestClient> twilio;

    private Clients(Settings settings, Supplier<ParameterSource> source, DynamoDbClient dynamo, Supplier<SqsClient> sqs,
            boolean sqsOnFirstSend, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.source = source;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.sqsOnFirstSend = sqsOnFirstSend;
    }

    /** Lambda's: the function's environment and the real AWS clients (SSM and SQS made when first asked for). */
    public static Clients fromEnvironment() {
        return new Clients(Settings.fromEnvironment(), once(() -> new SsmParameterSource(AwsClients.ssm())),
                AwsClients.dynamoDb(), once(new NewSqsClient()), true, Clock.systemUTC());
    }

    /** Over given clients: tests and the local runner ({@code local/}); {@code sqs} may be null (no queues). */
    public static Clients of(Settings settings, ParameterSource source, DynamoDbClient dynamo, SqsClient sqs) {
        return new Clients(settings, () -> source, dynamo, () -> sqs, false, Clock.systemUTC());
    }

    /** The same clients on another clock (a test's simulated one); call it before anything is made. */
    public Clients at(Clock other) {
        return new Clients(settings, source, dynamo, sqs, sqsOnFirstSend, other);
    }

    /** What the wiring tells the time by: the system's UTC clock, except in a test that simulates time. */
    public Clock clock() {
        return clock;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The table, with writes it cannot take now queued on the records queue (when the function has one) to be
     * written when it is back.
     */
    public synchronized IncidentStore store() {
        if (store == null) {
            store = tableStore(SqsWriteBehind.of(settings, sqsOnFirstSend()));
        }
        return store;
    }

    /**
     * The table alone: for the records function (a write that fails stays on its queue) and functions that only
     * read, which ship no SQS client.
     */
    public synchronized IncidentStore storeWithoutWriteBehind() {
        if (storeWithoutWriteBehind == null) {
            storeWithoutWriteBehind = tableStore(Optional.empty());
        }
        return storeWithoutWriteBehind;
    }

    /** A store over the function's client, declaring its priming: the same table code over an offline client. */
    private IncidentStore tableStore(Optional<WriteBehind> writeBehind) {
        primes(Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(offline -> storeOver(offline, Optional.empty()))));
        return storeOver(dynamo, writeBehind);
    }

    /** The one place a store is made: over the function's client, or priming's offline one. */
    private IncidentStore storeOver(DynamoDbClient client, Optional<WriteBehind> writeBehind) {
        return new IncidentStore(client, settings.tableName(), settings.retention(), writeBehind);
    }

    /** SQS, made now (null in a test without queues). */
    public SqsClient sqs() {
        SqsClient client = sqs.get();
        if (client != null) {
            primes(Priming.step("sqs", SqsPriming::sqs));
        }
        return client;
    }

    /**
     * SQS for what only sends, and seldom (the write-behind, a webhook's round timer and events): in Lambda the client
     * is made when the first message is sent.
     */
    public SqsClient sqsOnFirstSend() {
        if (!sqsOnFirstSend) {
            return sqs();
        }
        primes(Priming.step("sqs", SqsPriming::sqs));
        return LazySqsClient.onFirstUse(sqs);
    }

    /**
     * The SSM parameters, read at once (a cold start fails, naming them, if one is missing) and kept for the
     * settings' cache time; others are read on demand ({@link CachedParameters#find}). The first caller names them.
     */
    public synchronized CachedParameters parameters(List<String> upFront) {
        if (parameters == null) {
            primes(Priming.step("ssm", () -> SsmPriming.ssm(settings)));
            parameters = new CachedParameters(source.get(), upFront, settings.parameterCacheTtl(), Clock.systemUTC());
            if (!upFront.isEmpty()) {
                restoring.add(Priming.step("parameters", parameters::refreshIfStale));
            }
        }
        return parameters;
    }

    /** The parameter source itself, for what lists a path ({@link ParameterSource#under}). */
    public ParameterSource parameterSource() {
        return source.get();
    }

    /**
     * Twilio's REST client, rebuilt when the account SID or auth token in SSM changes; the parameters must have
     * been named with both ({@link #parameters}).
     */
    public synchronized Supplier<TwilioRestClient> twilio() {
        if (twilio == null) {
            Settings.ParameterNames names = settings.parameters();
            twilio = TwilioClients.following(() -> parameters.get(names.twilioAccountSid()),
                    () -> parameters.get(names.twilioAuthToken()), settings.twilioApiBase(), settings.maxCallees());
            primes(Priming.step("twilio_sdk", TwilioPriming::twilioSdk));
            restoring.add(Priming.step("twilio_client", twilio::get));
        }
        return twilio;
    }

    /**
     * What a Twilio webhook's signature is checked with: the auth token from SSM, cached with the parameters; the
     * parameters must have been named with it ({@link #parameters}).
     */
    public TwilioSignature signature() {
        primes(Priming.step("signature", PrimingSteps::signature));
        return new TwilioSignature(() -> parameters.get(settings.parameters().twilioAuthToken()));
    }

    /** The caller ID our calls and texts come from (SSM, cached like the rest). */
    public Supplier<String> callerNumber() {
        return () -> parameters.get(settings.parameters().twilioCallerNumber());
    }

    /** Declares a piece's priming step (once per name), run before the handler's own; see {@link #priming}. */
    public synchronized void primes(Priming.Step step) {
        steps.putIfAbsent(step.name(), step);
    }

    /**
     * SnapStart, before the snapshot: every step the clients and the wiring declared, then the handler's own (requests
     * it refuses before reading or writing anything), then the Twilio client built if the function has one.
     */
    public synchronized Priming.Step[] priming(List<Priming.Step> own) {
        List<Priming.Step> all = new ArrayList<>(steps.values());
        all.addAll(own);
        if (twilio != null) {
            all.add(Priming.step("twilio_client", twilio::get));
        }
        return all.toArray(Priming.Step[]::new);
    }

    /** SnapStart, after a restore: parameters held past their time read again, the Twilio client rebuilt if they changed. */
    public synchronized Priming.Step[] restoring() {
        return restoring.toArray(Priming.Step[]::new);
    }

    /**
     * Makes AWS's SQS client. A class, not a lambda or method reference: those name {@code SqsClient} in a descriptor
     * the JVM resolves when {@link #fromEnvironment} runs, and the functions that ship no SQS SDK (incidents, records)
     * would then fail to start.
     */
    private static final class NewSqsClient implements Supplier<SqsClient> {
        @Override
        public SqsClient get() {
            return AwsClients.sqs();
        }
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
