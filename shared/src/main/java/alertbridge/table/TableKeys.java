package alertbridge.table;

import alertbridge.incident.CallEvent;
import alertbridge.incident.ConferenceEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incidents table's layout (single-table design, docs/data-model.md): every key format, written here and nowhere
 * else, the attribute names every item shares and the indexes' keys. {@link IncidentTable} makes the requests; the
 * item families ({@link Incidents}, {@link DedupClaims}, {@link CalleeRecords}, {@link CallbackEvents},
 * {@link RateCounters}) say which attributes their items carry.
 * <pre>
 * pk = INCIDENT#&lt;id&gt;   sk = META                             the incident ({@code listPk}, {@code createdAt}: the index)
 * pk = INCIDENT#&lt;id&gt;   sk = CALLEE#&lt;e164&gt;                    the round-1 call placed (or refused by Twilio) per callee
 * pk = INCIDENT#&lt;id&gt;   sk = CALLEE#&lt;e164&gt;#&lt;round&gt;            the call of a later round (round zero-padded to 2)
 * pk = INCIDENT#&lt;id&gt;   sk = JOIN#&lt;callSid&gt;                   a callee who pressed a key and was bridged
 * pk = INCIDENT#&lt;id&gt;   sk = TEXT#&lt;e164&gt;                      the "resolved" text to a callee
 * pk = INCIDENT#&lt;id&gt;   sk = MISSED#&lt;e164&gt;                    the missed-call text to a callee (one per incident)
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CALL#&lt;callSid&gt;#&lt;seq&gt;       one Twilio call-status callback
 * pk = INCIDENT#&lt;id&gt;   sk = EVENT#CONF#&lt;conferenceSid&gt;#&lt;seq&gt; one Twilio conference callback
 * pk = DEDUP#&lt;key&gt;      sk = OPEN                             the open incident of one dedup key
 * pk = RATE#&lt;e164&gt;      sk = &lt;yyyy-MM-ddTHH&gt;                  calls to one number in one UTC hour
 * pk = CHECKS            sk = &lt;name&gt;                          a check-in ({@code dueList}, {@code dueAt}: the due index)
 * pk = PINGKEY#&lt;key&gt;    sk = KEY                              which check a ping key belongs to
 * pk = CHECK#&lt;name&gt;     sk = PING#&lt;epoch ms&gt;#&lt;nonce&gt;          one ping, with the body the job sent
 * pk = TEAM#&lt;team&gt;     sk = SCHEDULE#&lt;version, 6 digits&gt;        one immutable version of the team's on-call schedule
 * pk = TEAM#&lt;team&gt;     sk = OVERRIDE#&lt;start epoch ms&gt;#&lt;id&gt;      one override of it
 * pk = TEAM#&lt;team&gt;     sk = PAGE#&lt;epoch ms&gt;#&lt;incidentId&gt;     a page of the team while its schedule put people on call
 * pk = TEAM#&lt;team&gt;     sk = HANDOFF#&lt;epoch ms of the change&gt;     the claim of one handoff notice (sent once)
 * pk = SCHEDULES         sk = &lt;team&gt;[#remind]                 a scheduled team: its next change (or reminder) on the due index
 * pk = SLACKPAGE         sk = &lt;incidentId&gt;                    a page made from Slack: its response_url follow-ups (due index)
 * pk = CALFEED#&lt;sha256&gt; sk = FEED                             one calendar subscription (the token's hash)
 * </pre>
 * Every item carries {@code type} (its kind, for the console) and {@code expiresAt} (epoch seconds) for DynamoDB TTL,
 * except checks and ping keys, which stay until deleted.
 */
final class TableKeys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String TYPE = "type";
    static final String EXPIRES_AT = "expiresAt";
    /** The index that lists incidents newest first: hash {@code listPk}, range {@code createdAt}. */
    static final String BY_CREATED_AT = "byCreatedAt";
    static final String LIST_PK = "listPk";
    static final String CREATED_AT = "createdAt";
    static final String LISTED = "INCIDENTS";
    /** The sparse index of checks' deadlines: hash {@code dueList}, range {@code dueAt}; only checks with a deadline. */
    static final String BY_DUE_AT = "byDueAt";
    static final String DUE_LIST = "dueList";
    static final String DUE_AT = "dueAt";
    static final String DUE = "DUE";
    private static final String CHECKS = "CHECKS";

    private static final String INCIDENT = "INCIDENT#";
    private static final String META = "META";
    static final String CALLEES = "CALLEE#";
    static final String JOINS = "JOIN#";
    static final String TEXTS = "TEXT#";
    static final String MISSED_TEXTS = "MISSED#";
    static final String CALL_EVENTS = "EVENT#CALL#";
    static final String CONFERENCE_EVENTS = "EVENT#CONF#";
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private TableKeys() {
    }

    static ItemKey meta(String incidentId) {
        return new ItemKey(INCIDENT + incidentId, META, "incident");
    }

    /** Round 1 keeps the key it had before there were rounds; later rounds add theirs. */
    static ItemKey callee(String incidentId, String e164, int round) {
        return new ItemKey(INCIDENT + incidentId, CALLEES + e164 + (round > 1 ? "#%02d".formatted(round) : ""), "call");
    }

    static ItemKey join(String incidentId, String callSid) {
        return new ItemKey(INCIDENT + incidentId, JOINS + callSid, "join");
    }

    static ItemKey text(String incidentId, String e164) {
        return new ItemKey(INCIDENT + incidentId, TEXTS + e164, "text");
    }

    static ItemKey missedText(String incidentId, String e164) {
        return new ItemKey(INCIDENT + incidentId, MISSED_TEXTS + e164, "missed_text");
    }

    /** {@code <seq>}: Twilio's SequenceNumber zero-padded to six digits; without one, the time and status. */
    static ItemKey callEvent(String incidentId, CallEvent e) {
        String seq = e.sequence() >= 0 ? "%06d".formatted(e.sequence()) : "t" + e.at().toEpochMilli() + "#" + e.callStatus();
        return new ItemKey(INCIDENT + incidentId, CALL_EVENTS + e.callSid() + "#" + seq, "call_event");
    }

    /** {@code <seq>} as for call events; without one, the time, the event and the participant's call. */
    static ItemKey conferenceEvent(String incidentId, ConferenceEvent e) {
        String seq = e.sequence() >= 0 ? "%06d".formatted(e.sequence())
                : "t" + e.at().toEpochMilli() + "#" + e.event() + "#" + e.callSid().orElse("-");
        return new ItemKey(INCIDENT + incidentId, CONFERENCE_EVENTS + e.conferenceSid() + "#" + seq, "conference_event");
    }

    static ItemKey dedup(String dedupKey) {
        return new ItemKey("DEDUP#" + dedupKey, "OPEN", "dedup");
    }

    /** The counter of calls to {@code e164} in the UTC clock hour {@code hour} falls in. */
    static ItemKey rate(String e164, Instant hour) {
        return new ItemKey("RATE#" + e164, HOUR.format(hour), "rate");
    }

    static ItemKey check(String name) {
        return new ItemKey(CHECKS, name, "check");
    }

    static final String SCHEDULE_VERSION = "SCHEDULE#";
    static final String OVERRIDE = "OVERRIDE#";

    static String scheduleOf(String team) {
        return "TEAM#" + team;
    }

    static ItemKey scheduleVersion(String team, int version) {
        return new ItemKey(scheduleOf(team), SCHEDULE_VERSION + "%06d".formatted(version), "schedule");
    }

    /** {@code <epoch ms>} zero-padded to 13 digits, so overrides order by start. */
    static ItemKey override(String team, Instant start, String id) {
        return new ItemKey(scheduleOf(team), OVERRIDE + "%013d#%s".formatted(start.toEpochMilli(), id), "override");
    }

    static final String PAGES = "PAGE#";

    /** {@code <epoch ms>} zero-padded to 13 digits: a team's pages in time order, for the hours report. */
    static ItemKey teamPage(String team, Instant at, String incidentId) {
        return new ItemKey(scheduleOf(team), PAGES + "%013d#%s".formatted(at.toEpochMilli(), incidentId), "team_page");
    }

    /** The due index's list of scheduled teams (check-ins are on {@value #DUE}). */
    static final String HANDOFF_DUE = "HANDOFF";

    static final String SCHEDULED_TEAMS = "SCHEDULES";

    static ItemKey scheduledTeam(String team) {
        return new ItemKey(SCHEDULED_TEAMS, team, "scheduled_team");
    }

    static ItemKey handoffClaim(String team, Instant change, String suffix) {
        return new ItemKey(scheduleOf(team), "HANDOFF#%013d%s".formatted(change.toEpochMilli(), suffix), "handoff");
    }

    static ItemKey slackPage(String incidentId) {
        return new ItemKey("SLACKPAGE", incidentId, "slack_page");
    }

    static ItemKey calendarFeed(String hash) {
        return new ItemKey("CALFEED#" + hash, "FEED", "calendar_feed");
    }

    static ItemKey pingKey(String key) {
        return new ItemKey("PINGKEY#" + key, "KEY", "ping_key");
    }

    /** An incident event the events queue could not take ({@link EventOutbox}), in the order kept. */
    static ItemKey outbox(Instant at, String eventId) {
        return new ItemKey(EventOutbox.PK, "%013d#%s".formatted(at.toEpochMilli(), eventId), "outbox");
    }

    /** {@code <epoch ms>} zero-padded to 13 digits, so the sort key orders pings by time. */
    static ItemKey ping(String checkName, Instant at, String nonce) {
        return new ItemKey(pingsOf(checkName), "PING#%013d#%s".formatted(at.toEpochMilli(), nonce), "ping");
    }

    static String pingsOf(String checkName) {
        return "CHECK#" + checkName;
    }

    /** The attributes that list a {@code META} item on the {@value #BY_CREATED_AT} index. */
    static Map<String, AttributeValue> listing(Instant createdAt) {
        return Map.of(LIST_PK, s(LISTED), CREATED_AT, s(createdAt.toString()));
    }

    /**
     * Where a page of the {@value #BY_CREATED_AT} index ends, as DynamoDB reports it ({@code LastEvaluatedKey}): the
     * incident's {@code META} key and its index key.
     */
    static Map<String, String> indexPosition(String incidentId, String createdAt) {
        ItemKey meta = meta(incidentId);
        return Map.of(PK, meta.pk(), SK, meta.sk(), LIST_PK, LISTED, CREATED_AT, createdAt);
    }

    /** The incident id in an incident partition key; empty for any other key. */
    static Optional<String> incidentIdIn(String pk) {
        return pk != null && pk.startsWith(INCIDENT) ? Optional.of(pk.substring(INCIDENT.length())) : Optional.empty();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
