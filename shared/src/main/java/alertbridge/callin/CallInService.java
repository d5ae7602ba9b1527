package alertbridge.callin;

import alertbridge.incident.Incident;
import alertbridge.incident.JoinRecord;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.table.IncidentStore;
import alertbridge.table.Incidents;
import alertbridge.table.StoreUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what someone who dialled our number hears: a caller on any roster hears the open incidents and picks one
 * with a key, which sends them into its bridge (recorded as a join {@code via} {@link JoinRecord#CALL_IN}); anyone
 * else is refused without a word about incidents. The caller is checked again on the key press, since a signed
 * request can be replayed. When the table fails, the open incidents this container read last (at most
 * {@link #HELD_FOR} ago) are offered, and a key press joins without reading the table; with none held, the caller is
 * told that incidents cannot be looked up right now.
 */
public final class CallInService {
    private static final JsonLog LOG = JsonLog.forComponent("call-in");
    /** How many times the choice is asked for before giving up: the first time and two more after invalid keys. */
    static final int MAX_ASKS = 3;
    /** Incidents read per page, and the most looked at for open ones (newest first). */
    static final int PAGE = 25;
    static final int MAX_SCANNED = 50;

    /** How old the open incidents last read may be to be offered when the table cannot be read. */
    static final Duration HELD_FOR = Duration.ofMinutes(10);

    private final boolean enabled;
    private final RosterMembership rosters;
    private final IncidentStore store;
    private final Clock clock;
    /** The open incidents this container read last, and when: offered for {@link #HELD_FOR} while the table fails. */
    private volatile Listed listed;

    private record Listed(List<Incident> open, Instant at) {
    }

    /** @param enabled {@code CallIn=rosters}; false refuses every call ({@code off}) */
    public CallInService(boolean enabled, RosterMembership rosters, IncidentStore store, Clock clock) {
        this.enabled = enabled;
        this.rosters = rosters;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param callSid the call to our number
     * @param from    the caller's number (Twilio's {@code From})
     * @param offered what the caller was offered (from the key press's URL); empty on the first request
     * @param digits  the key pressed; empty on the first request
     */
    public CallInDecision answer(String callSid, String from, Optional<CallInOffer> offered, Optional<String> digits) {
        if (!enabled) {
            LOG.info("call_in_off", "callSid", callSid, "from", PhoneMask.mask(from));
            return new CallInDecision.Off();
        }
        if (!rosters.includes(from)) {
            LOG.warn("caller_not_on_roster", "callSid", callSid, "from", PhoneMask.mask(from));
            return new CallInDecision.NotOnRoster();
        }
        Optional<String> key = digits.map(String::strip).filter(d -> !d.isEmpty());
        if (offered.isPresent() && key.isPresent()) {
            return choose(callSid, from, offered.get(), key.get());
        }
        return offerOpenIncidents(callSid, from);
    }

    private CallInDecision offerOpenIncidents(String callSid, String from) {
        List<Incident> open;
        try {
            open = newestOpen();
            listed = new Listed(List.copyOf(open), clock.instant());
        } catch (StoreUnavailable e) {
            Optional<List<Incident>> held = heldOpen();
            if (held.isEmpty()) {
                LOG.error("call_in_without_table", "callSid", callSid, "from", PhoneMask.mask(from), "error", e.getMessage());
                return new CallInDecision.IncidentsUnavailable();
            }
            LOG.warn("call_in_offered_from_cache", "callSid", callSid, "listedAt", listed.at().toString());
            open = held.get();
        }
        if (open.isEmpty()) {
            LOG.info("call_in_nothing_open", "callSid", callSid, "from", PhoneMask.mask(from));
            return new CallInDecision.NoOpenIncident();
        }
        CallInOffer offer = new CallInOffer(open.stream().map(Incident::id).toList(), 1);
        LOG.info("call_in_offered", "callSid", callSid, "from", PhoneMask.mask(from), "incidents", offer.incidentIds());
        return offer(open, offer);
    }

    private CallInDecision choose(String callSid, String from, CallInOffer offered, String key) {
        Optional<String> chosen = offered.chosenBy(key);
        if (chosen.isEmpty()) {
            if (offered.ask() >= MAX_ASKS) {
                LOG.info("call_in_no_valid_key", "callSid", callSid, "from", PhoneMask.mask(from));
                return new CallInDecision.NoValidKey();
            }
            List<Incident> again = new ArrayList<>();
            try {
                for (String id : offered.incidentIds()) {
                    store.incidents().find(id).ifPresent(again::add);
                }
            } catch (StoreUnavailable e) {
                again = heldOpen().orElse(List.of()).stream().filter(i -> offered.incidentIds().contains(i.id())).toList();
            }
            if (again.size() != offered.incidentIds().size()) { // one has expired since: read what is open now
                return offerOpenIncidents(callSid, from);
            }
            LOG.info("call_in_invalid_key", "callSid", callSid, "from", PhoneMask.mask(from), "ask", offered.ask() + 1);
            return offer(again, offered.askedAgain());
        }
        String incidentId = chosen.get();
        try {
            Optional<Incident> incident = store.incidents().find(incidentId);
            if (incident.isEmpty() || !incident.get().isOpen()) {
                LOG.info("call_in_incident_over", "incidentId", incidentId, "callSid", callSid, "from", PhoneMask.mask(from));
                return new CallInDecision.IncidentOver();
            }
        } catch (StoreUnavailable e) {
            // the caller is on a roster and chose from what we offered (the signed URL says what): the bridge's name
            // derives from the id, so the page gets through without the table
            LOG.error("call_in_join_without_table", "incidentId", incidentId, "callSid", callSid, "error", e.getMessage());
        }
        try {
            boolean recorded = store.callees().recordJoin(incidentId, callSid, from.strip(), clock.instant(), JoinRecord.CALL_IN);
            LOG.info(recorded ? "joined" : "join_repeated", "incidentId", incidentId, "callSid", callSid,
                    "from", PhoneMask.mask(from), "via", JoinRecord.CALL_IN);
        } catch (RuntimeException e) {
            // the page gets through: the room is named from the incident id, the record is only bookkeeping
            LOG.error("join_not_recorded", "incidentId", incidentId, "callSid", callSid, "error", e.getClass().getSimpleName());
        }
        return new CallInDecision.Bridge(incidentId, Incident.conferenceName(incidentId));
    }

    private static CallInDecision offer(List<Incident> incidents, CallInOffer offer) {
        return new CallInDecision.Offer(incidents.stream()
                .map(i -> new CallInDecision.Choice(i.id(), i.message())).toList(), offer);
    }

    /** The open incidents last read, if that was within {@link #HELD_FOR} and any were open (else empty). */
    private Optional<List<Incident>> heldOpen() {
        Listed last = listed;
        if (last == null || last.open().isEmpty() || last.at().plus(HELD_FOR).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(last.open());
    }

    /** The newest open incidents (open or unanswered), at most {@link CallInOffer#MAX_OFFERED}, of the newest {@link #MAX_SCANNED}. */
    private List<Incident> newestOpen() {
        List<Incident> open = new ArrayList<>();
        Optional<Incidents.Cursor> cursor = Optional.empty();
        int scanned = 0;
        do {
            Incidents.Page page = store.incidents().recent(PAGE, cursor);
            for (Incident incident : page.incidents()) {
                scanned++;
                if (incident.isOpen()) {
                    open.add(incident);
                    if (open.size() == CallInOffer.MAX_OFFERED) {
                        return open;
                    }
                }
            }
            cursor = page.next();
        } while (cursor.isPresent() && scanned < MAX_SCANNED);
        return open;
    }
}
