package alertbridge.checks;

import java.util.LinkedHashMap;
import java.util.Map;

/** A check and its pings as the API shows them (docs/integrations.md, "Check-ins"): absent fields are null, never left out. */
public final class CheckView {
    private CheckView() {
    }

    /** @param baseUrl the API's URL the request came in on: the check's ping URL is under it */
    public static Map<String, Object> of(Check check, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", check.name());
        view.put("state", check.state().id());
        switch (check.spec().schedule()) {
            case Schedule.Every every -> view.put("periodSeconds", every.period().toSeconds());
            case Schedule.Cron cron -> {
                view.put("cron", cron.expression());
                view.put("tz", cron.zone().getId());
            }
        }
        view.put("graceSeconds", check.spec().grace().toSeconds());
        view.put("team", check.spec().team().orElse(null));
        view.put("to", check.spec().to().isEmpty() ? null : check.spec().to());
        view.put("lastPing", check.lastPing().map(p -> ping(new CheckStore.PingRecord(p, ""))).orElse(null));
        view.put("lastSuccess", check.lastSuccess().map(Object::toString).orElse(null));
        view.put("since", check.since().toString());
        view.put("nextDeadline", check.deadline().filter(d -> check.state() != CheckState.DOWN).map(Object::toString).orElse(null));
        view.put("pingUrl", baseUrl + "/ping/" + check.pingKey());
        view.put("incidentId", check.incidentId().orElse(null));
        return view;
    }

    /** One ping: its kind, time, exit status if it gave one, and its body (diagnostics) if it had one. */
    public static Map<String, Object> ping(CheckStore.PingRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", record.ping().kind().id());
        view.put("at", record.ping().at().toString());
        record.ping().exitStatus().ifPresent(status -> view.put("exitStatus", status));
        if (!record.body().isEmpty()) {
            view.put("body", record.body());
        }
        return view;
    }
}
