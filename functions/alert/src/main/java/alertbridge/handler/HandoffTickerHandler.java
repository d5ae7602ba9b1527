package alertbridge.handler;

import alertbridge.oncall.HandoffNotices;
import alertbridge.snapstart.Priming;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The handoff ticker, run every minute by EventBridge Scheduler (the local runner: every few seconds): teams whose
 * on-call set changes now get one SMS per incoming person and an {@code oncall.handoff} event. Runs may overlap; each
 * change is notified once (a conditional write). It also posts the follow-ups of pages made from Slack.
 */
public final class HandoffTickerHandler extends PrimedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final AlertWiring alerts;

    /** Lambda's constructor: real clients, built once per container. */
    public HandoffTickerHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}). The ticker reads the table: it is never primed. */
    public HandoffTickerHandler(Clients clients) {
        super(clients);
        this.alerts = new AlertWiring(clients);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        HandoffNotices.Run run = alerts.handoffs().run();
        int followUps = alerts.slackFollowUps().run();
        return new java.util.TreeMap<>(Map.of("sent", run.sent(), "skipped", run.skipped(), "slackFollowUps", followUps));
    }
}
