package alertbridge.table;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The incidents table by item family, built once per container from the client, the table's name and how long records
 * are kept ({@code RecordRetentionDays}). Each family is a small class over one {@link IncidentTable}, which makes
 * the requests, and {@link TableKeys}, which holds every key format; callers take the families they need.
 */
public final class IncidentStore {
    private final Incidents incidents;
    private final DedupClaims dedup;
    private final CalleeRecords callees;
    private final CallbackEvents events;
    private final RateCounters rates;
    private final Rounds rounds;
    private final DeferredWrites deferred;
    private final Checks checks;
    private final EventOutbox outbox;
    private final Schedules schedules;
    private final Handoffs handoffs;
    private final SlackFollowUpRecords slackFollowUps;
    private final CalendarSubscriptions calendarFeeds;

    /**
     * @param writeBehind where writes go that the table cannot take now (an outage), to be written when it is back;
     *                    empty: such a write fails with {@link StoreUnavailable}
     */
    public IncidentStore(DynamoDbClient dynamo, String table, Duration retention, Optional<WriteBehind> writeBehind) {
        IncidentTable incidentTable = new IncidentTable(dynamo, table, retention, writeBehind);
        this.incidents = new Incidents(incidentTable);
        this.dedup = new DedupClaims(incidentTable, incidents);
        this.callees = new CalleeRecords(incidentTable);
        this.events = new CallbackEvents(incidentTable);
        this.rates = new RateCounters(incidentTable);
        this.rounds = new Rounds(incidentTable);
        this.deferred = new DeferredWrites(incidentTable);
        this.checks = new Checks(incidentTable);
        this.outbox = new EventOutbox(incidentTable);
        this.handoffs = new Handoffs(incidentTable);
        this.slackFollowUps = new SlackFollowUpRecords(incidentTable);
        this.schedules = new Schedules(incidentTable, handoffs);
        this.calendarFeeds = new CalendarSubscriptions(incidentTable);
    }

    /** Check-ins ({@code CHECKS}, {@code PINGKEY#}, {@code CHECK#}): the detector's due index, conditional writes. */
    public Checks checks() {
        return checks;
    }

    /** Incident events the events queue could not take ({@code OUTBOX}), until the sweeper queues them. */
    public EventOutbox outbox() {
        return outbox;
    }

    /** On-call schedules ({@code TEAM#<team>}): versions and overrides. */
    public Schedules schedules() {
        return schedules;
    }

    /** Handoff notices ({@code SCHEDULES}, {@code HANDOFF#}): the due index's next changes and the claims. */
    public Handoffs handoffs() {
        return handoffs;
    }

    /** Pages made from Slack ({@code SLACKPAGE}): their response_url follow-ups. */
    public SlackFollowUpRecords slackFollowUps() {
        return slackFollowUps;
    }

    /** Calendar subscriptions ({@code CALFEED#}): by the hash of their token. */
    public CalendarSubscriptions calendarFeeds() {
        return calendarFeeds;
    }

    /** Writes that were deferred while the table was unavailable, made now (the records function). */
    public DeferredWrites deferred() {
        return deferred;
    }

    /** Each incident's rounds of calls (on its {@code META} item): advance, claim a round's dialling, unanswered. */
    public Rounds rounds() {
        return rounds;
    }

    /** The incidents themselves ({@code META}): create, find, list. */
    public Incidents incidents() {
        return incidents;
    }

    /** Which incident is open for a dedup key ({@code DEDUP#}): claim, release, resolve. */
    public DedupClaims dedup() {
        return dedup;
    }

    /** Each callee's call, join and resolved text ({@code CALLEE#}, {@code JOIN#}, {@code TEXT#}). */
    public CalleeRecords callees() {
        return callees;
    }

    /** Twilio's call-status and conference callbacks ({@code EVENT#CALL#}, {@code EVENT#CONF#}). */
    public CallbackEvents events() {
        return events;
    }

    /** Calls per number and hour ({@code RATE#}), for the per-number rate guard. */
    public RateCounters rates() {
        return rates;
    }
}
