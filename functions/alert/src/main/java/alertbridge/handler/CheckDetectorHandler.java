package alertbridge.handler;

import alertbridge.checks.CheckService;
import alertbridge.snapstart.Priming;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The check-in detector, run every minute by EventBridge Scheduler (the local runner: every few seconds): every check
 * past its deadline goes down and pages its team. Runs may overlap; each check pages once (conditional writes). The
 * same run queues the incident events kept in the table's outbox while the events queue failed.
 */
public final class CheckDetectorHandler extends PrimedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final CheckWiring wiring;
    private final CheckService checks;

    /** Lambda's constructor: real clients, built once per container. */
    public CheckDetectorHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). The detector reads the table: it is never primed. */
    public CheckDetectorHandler(Clients clients) {
        super(clients);
        this.wiring = new CheckWiring(clients, CheckWiring.fromTemplate(clients.settings()));
        this.checks = wiring.service();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        CheckService.Detection detection = checks.detect();
        // the same minute: incident events kept while the events queue failed are queued again
        int requeued = wiring.alerts().sweepEvents().map(alertbridge.queue.DurableEventSink.Swept::queued).orElse(0);
        return new java.util.TreeMap<>(Map.of("due", detection.due(), "paged", detection.paged(), "eventsRequeued", requeued));
    }
}
