package alertbridge.local;

import alertbridge.config.Settings;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.wiring.Clients;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The template's functions as Lambda runs them, for a {@link LocalStack}: each one's settings (template.yaml's
 * environment, then the local-only variables), a new handler for every container, built with the function's
 * clients, and what invokes it: the API's routes, the topics, the schedules and the queues.
 */
final class LocalFunctions {
    private final Map<String, java.util.function.Supplier<RequestHandler<?, ?>>> containers = new HashMap<>();
    /** Each function's clients: the stack's, or its own IAM user's when moto enforces IAM (the deploy rehearsal). */
    private final java.util.function.Function<String, FunctionClients> clients;
    private final List<LocalApi.FunctionBinding> bindings;
    private final List<LocalTopics.Subscriber> subscribers;
    private final List<LocalQueues.Consumer> consumers;
    private final List<LocalSchedules.Scheduled> scheduled;

    /**
     * @param localOnly what every function's environment gets on top of template.yaml's
     * @param queueUrls the template's queues by logical id (a topic subscriber's dead-letter queue, a queue source)
     */
    LocalFunctions(List<SamTemplate.Function> functions, Map<String, String> localOnly, LocalAws aws,
                   Map<String, String> queueUrls, java.util.function.Function<String, FunctionClients> clients) {
        this.clients = clients;
        List<LocalApi.FunctionBinding> bindings = new ArrayList<>();
        List<LocalTopics.Subscriber> subscribers = new ArrayList<>();
        List<LocalQueues.Consumer> consumers = new ArrayList<>();
        List<LocalSchedules.Scheduled> scheduled = new ArrayList<>();
        for (SamTemplate.Function function : functions) {
            Settings settings = settingsOf(function, localOnly);
            containers.put(function.logicalId(), () -> handler(function, settings));
            if (!function.routes().isEmpty()) {
                bindings.add(new LocalApi.FunctionBinding(function, () -> handler(function, settings)));
            }
            if (!function.topics().isEmpty()) {
                Consumer<String> deadLetterQueue = function.deadLetterQueue().map(queueUrls::get)
                        .<Consumer<String>>map(url -> event -> aws.sqs().sendMessage(b -> b.queueUrl(url).messageBody(event)))
                        .orElse(event -> { });
                subscribers.add(new LocalTopics.Subscriber(function, () -> handler(function, settings),
                        deadLetterQueue));
            }
            if (!function.schedules().isEmpty()) {
                scheduled.add(new LocalSchedules.Scheduled(function, () -> handler(function, settings)));
            }
            for (SamTemplate.QueueSource source : function.queues()) {
                consumers.add(new LocalQueues.Consumer(function, source, queueUrls.get(source.queue()),
                        () -> handler(function, settings)));
            }
        }
        this.bindings = bindings;
        this.subscribers = subscribers;
        this.consumers = consumers;
        this.scheduled = scheduled;
    }

    /** The functions with API routes, for the local API. */
    List<LocalApi.FunctionBinding> bindings() {
        return bindings;
    }

    /** The functions subscribed to a topic. */
    List<LocalTopics.Subscriber> subscribers() {
        return subscribers;
    }

    /** The functions a queue invokes, one consumer per queue source. */
    List<LocalQueues.Consumer> consumers() {
        return consumers;
    }

    /** The functions on a schedule. */
    List<LocalSchedules.Scheduled> scheduled() {
        return scheduled;
    }

    /** A function's settings as Lambda would give them: template.yaml's environment, then the local-only variables. */
    private static Settings settingsOf(SamTemplate.Function function, Map<String, String> localOnly) {
        Map<String, String> env = new HashMap<>();
        function.environment().forEach((k, v) -> env.put(k, String.valueOf(v)));
        env.putAll(localOnly);
        return Settings.fromEnvironment(env);
    }

    /** One more instance ("container") of a function's handler ({@link LocalStack#newContainer}). */
    @SuppressWarnings("unchecked")
    <H extends RequestHandler<?, ?>> H newContainer(String logicalId) {
        java.util.function.Supplier<RequestHandler<?, ?>> container = containers.get(logicalId);
        if (container == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in template.yaml");
        }
        return (H) container.get();
    }

    /**
     * A new instance of the function's handler (the API's, the topic's or the queue's event type, as the caller
     * expects), built with its one constructor besides Lambda's: {@code (Clients)}.
     */
    @SuppressWarnings("unchecked")
    private <H extends RequestHandler<?, ?>> H handler(SamTemplate.Function function, Settings settings) {
        try {
            FunctionClients own = clients.apply(function.logicalId());
            return (H) Class.forName(function.handlerClass()).getConstructor(Clients.class)
                    .newInstance(Clients.of(settings, own.parameters(), own.dynamo(), own.sqs()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": cannot build " + function.handlerClass()
                    + " (it needs a public constructor (Clients))", e);
        }
    }
}
