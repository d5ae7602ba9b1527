package alertbridge.oncall;

import alertbridge.calls.TextResult;
import alertbridge.calls.TextSender;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvent;
import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;
import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handoff notices, run by a one-minute ticker: for each team whose next change is due (the due index), the change's
 * notice is claimed by a conditional write, so it goes out once however many tickers run at once: an SMS to each
 * incoming person ({@code alertbridge: you are on call for sre until 2027-01-17 00:00 JST (after alice).}) and an
 * {@code oncall.handoff} event. A change found more than 30 minutes late is skipped and logged: no stale SMS. With
 * {@code notify.remindMinutes}, the incoming people are also texted that long before the change (once, claimed the same
 * way; skipped once the change has come).
 */
public final class HandoffNotices {
    private static final JsonLog LOG = JsonLog.forComponent("handoffs");
    static final Duration STALE = Duration.ofMinutes(30);
    private static final int MAX_CHANGES = 50;

    private final HandoffStore store;
    private final ScheduleService schedules;
    private final TextSender texts;
    private final EventSink events;
    private final Clock clock;

    public HandoffNotices(HandoffStore store, ScheduleService schedules, TextSender texts, EventSink events, Clock clock) {
        this.store = store;
        this.schedules = schedules;
        this.texts = texts;
        this.events = events;
        this.clock = clock;
    }

    /** What one run did: notices sent, and changes skipped as stale. */
    public record Run(int sent, int skipped) {
    }

    public Run run() {
        Instant now = clock.instant();
        int[] counts = new int[2];
        for (HandoffStore.Due due : store.due(now)) {
            try {
                process(due, now, counts);
            } catch (RuntimeException e) { // one team's failure never stops the others' notices
                LOG.error("handoff_failed", "team", due.team(), "error", e.getClass().getSimpleName());
            }
        }
        return new Run(counts[0], counts[1]);
    }

    /** How long before {@code next} its reminder goes out: the version in force then says. */
    static Duration remindBefore(Timeline timeline, Optional<Instant> next) {
        return next.map(at -> Duration.ofMinutes(timeline.versionAt(at).notices().remindMinutes())).orElse(Duration.ZERO);
    }

    private void process(HandoffStore.Due due, Instant now, int[] counts) {
        Timeline timeline;
        try {
            timeline = schedules.timeline(due.team());
        } catch (Refusal gone) {
            store.reschedule(due.team(), due.reminder(), due.change(), Optional.empty(), Duration.ZERO);
            return;
        }
        if (due.reminder()) {
            remind(due, timeline, now, counts);
            return;
        }
        Instant change = due.change();
        for (int i = 0; i < MAX_CHANGES && change != null && !change.isAfter(now); i++) {
            List<String> before = timeline.at(change.minusNanos(1)).everyone();
            OnCallSet onCall = timeline.at(change);
            List<String> after = onCall.everyone();
            List<String> incoming = incoming(before, after);
            List<String> outgoing = before.stream().filter(p -> !after.contains(p)).toList();
            if (!incoming.isEmpty() || !outgoing.isEmpty()) {
                if (Duration.between(change, now).compareTo(STALE) > 0) {
                    LOG.warn("handoff_skipped_stale", "team", due.team(), "at", change.toString());
                    counts[1]++;
                } else if (store.claim(due.team(), change, false)) {
                    notify(due.team(), timeline, change, onCall, incoming, outgoing);
                    counts[0]++;
                }
            }
            Optional<Instant> next = timeline.next(change).map(Timeline.Segment::start);
            if (!store.reschedule(due.team(), false, change, next, Duration.ZERO)) {
                return; // another ticker moved on already
            }
            change = next.orElse(null);
        }
    }

    /** The reminder of one change, before it comes; then the next change's reminder goes on the index. */
    private void remind(HandoffStore.Due due, Timeline timeline, Instant now, int[] counts) {
        Instant change = due.change();
        List<String> before = timeline.at(change.minusNanos(1)).everyone();
        List<String> incoming = incoming(before, timeline.at(change).everyone());
        ScheduleVersion version = timeline.versionAt(change);
        if (change.isAfter(now) && !incoming.isEmpty() && version.notices().sms() && store.claim(due.team(), change, true)) {
            for (String id : incoming) {
                schedules.people().find(id).ifPresent(person -> texts.send(person.phone(), "alertbridge: reminder: you are on call for "
                        + due.team() + " from " + OnCallSentences.local(change, version.zone()) + "."));
            }
            LOG.info("handoff_reminded", "team", due.team(), "at", change.toString(), "incoming", incoming.size());
            counts[0]++;
        }
        Optional<Instant> next = timeline.next(change).map(Timeline.Segment::start);
        store.reschedule(due.team(), true, change, next, remindBefore(timeline, next));
    }

    /** Who is on call after a change and was not before it, in {@code after}'s order. */
    private static List<String> incoming(List<String> before, List<String> after) {
        return after.stream().filter(p -> !before.contains(p)).toList();
    }

    /** How Slack names a person: a mention when they have a Slack id, else their name. */
    private static String mention(People people, String id, Optional<People.Person> person) {
        return person.filter(p -> !p.slack().isBlank()).map(p -> "<@" + p.slack() + ">").orElse(people.name(id));
    }

    /** @param onCall who is on call from {@code change} ({@code timeline.at(change)}) */
    private void notify(String team, Timeline timeline, Instant change, OnCallSet onCall, List<String> incoming,
                        List<String> outgoing) {
        ScheduleVersion version = timeline.versionAt(change);
        People people = schedules.people();
        String after = outgoing.isEmpty() ? "" : " (after " + String.join(", ", outgoing.stream().map(people::name).toList()) + ")";
        Instant latest = null;
        List<String> mentions = new ArrayList<>();
        for (String id : incoming) {
            Optional<Instant> end = onCall.rounds().keySet().stream()
                    .flatMap(round -> timeline.presence(round, id, change).stream()).map(Timeline.Span::end)
                    .filter(e -> e != Instant.MAX).max(Instant::compareTo);
            if (end.isPresent() && (latest == null || end.get().isAfter(latest))) {
                latest = end.get();
            }
            String whenOff = end.map(e -> " until " + OnCallSentences.local(e, version.zone())).orElse("");
            Optional<People.Person> person = people.find(id);
            mentions.add(mention(people, id, person));
            if (version.notices().sms() && person.isPresent()) {
                String body = "alertbridge: you are on call for " + team + whenOff + after + ".";
                TextResult result = texts.send(person.get().phone(), body);
                LOG.info("handoff_sms", "team", team, "to", PhoneMask.mask(person.get().phone()),
                        "result", result instanceof TextResult.Sent ? "sent" : "failed");
            }
        }
        Optional<Instant> until = Optional.ofNullable(latest);
        if (version.notices().slack()) {
            String was = outgoing.isEmpty() ? "" : " (was " + String.join(", ", outgoing.stream()
                    .map(id -> mention(people, id, people.find(id))).toList()) + ")";
            String slack = team + " on call: " + (mentions.isEmpty() ? "nobody" : String.join(", ", mentions))
                    + until.map(u -> " until " + OnCallSentences.local(u, version.zone())).orElse("") + was;
            try {
                events.send(IncidentEvent.handoff(team, change, outgoing, incoming, until, slack));
            } catch (RuntimeException e) {
                LOG.error("handoff_event_not_queued", "team", team, "error", e.getClass().getSimpleName());
            }
        }
        LOG.info("handoff_notified", "team", team, "at", change.toString(), "incoming", incoming.size(), "outgoing", outgoing.size());
    }
}
