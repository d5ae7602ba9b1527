package alertbridge.alert;

import alertbridge.calls.AllAtOnce;
import alertbridge.calls.TextResult;
import alertbridge.calls.TextSender;
import alertbridge.incident.CallRecord;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
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
    private final TextSender sender;
    private final Clock clock;

    ResolvedTexts(IncidentStore store, TextSender sender, Clock clock) {
        this.store = store;
        this.sender = sender;
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
        TextResult result;
        try {
            result = sender.send(to, body);
        } catch (RuntimeException e) {
            result = new TextResult.Failed(0, e.getClass().getSimpleName());
        }
        switch (result) {
            case TextResult.Sent sent -> LOG.info("resolved_text_sent", "incidentId", incidentId, "to", PhoneMask.mask(to),
                    "messageSid", sent.messageSid());
            case TextResult.Failed failed -> LOG.warn("resolved_text_failed", "incidentId", incidentId,
                    "to", PhoneMask.mask(to), "code", failed.code());
        }
        try {
            store.callees().recordText(incidentId, to, result, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("text_record_failed", "incidentId", incidentId, "to", PhoneMask.mask(to), "error", e.getClass().getSimpleName());
        }
        return result;
    }
}
