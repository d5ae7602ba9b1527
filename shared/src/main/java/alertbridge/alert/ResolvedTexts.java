package alertbridge.alert;

import alertbridge.concurrent.AllAtOnce;
import alertbridge.calls.TextDelivery;
import alertbridge.calls.TextResult;
import alertbridge.calls.TextSender;
import alertbridge.incident.CallRecord;
import alertbridge.log.JsonLog;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.util.List;

/**
 * The texts a resolve sends (the {@code ResolvedSms} parameter): one SMS to everyone whose phone was called for the
 * incident, all at once. Each text is recorded on the incident; a failure is recorded and logged, never thrown.
 */
final class ResolvedTexts {
    /** The alert's component: these lines belong to the resolve that sends them. */
    private static final JsonLog LOG = JsonLog.forComponent("alert");

    private final IncidentStore store;
    private final TextDelivery delivery;
    private final Clock clock;

    ResolvedTexts(IncidentStore store, TextSender sender, Clock clock) {
        this.store = store;
        this.delivery = new TextDelivery(sender, LOG, "resolved");
        this.clock = clock;
    }

    /** Texts {@code body} to every number with a placed call (a call SID) for the incident, each number once. */
    void textEveryoneCalled(String incidentId, String body) {
        try {
            List<String> called = store.callees().calls(incidentId).stream()
                    .filter(c -> c.callSid().isPresent()).map(CallRecord::to).distinct().toList();
            AllAtOnce.map(called, to -> text(incidentId, to, body),
                    e -> new TextResult.Failed(0, e.getClass().getSimpleName()));
        } catch (RuntimeException e) {
            LOG.error("resolved_texts_failed", "incidentId", incidentId, "error", e.getClass().getSimpleName());
        }
    }

    private TextResult text(String incidentId, String to, String body) {
        return delivery.send(incidentId, to, body, (number, result) -> store.callees().recordText(incidentId, number, result,
                clock.instant()));
    }
}
