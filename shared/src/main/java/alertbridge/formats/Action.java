package alertbridge.formats;

/** What an inbound alert asks for. */
public enum Action {
    /** Page: open an incident and phone people (or join the open incident with the same dedup key). */
    TRIGGER,
    /** Close the open incident with the same dedup key; never dials. */
    RESOLVE,
    /**
     * Neither page nor resolve: states that say nothing about whether something is broken now (CloudWatch
     * INSUFFICIENT_DATA, PagerDuty acknowledge, Datadog Warn / No Data, Grafana legacy no_data / pending / paused).
     */
    IGNORE
}
