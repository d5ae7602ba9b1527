package alertbridge.oncall;

import alertbridge.phone.PhoneMask;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Schedules as the API shows them (docs/integrations.md, "On-call schedules"): phones masked, instants in UTC. */
public final class ScheduleViews {
    private final People people;

    public ScheduleViews(People people) {
        this.people = people;
    }

    public Map<String, Object> version(String team, ScheduleVersion v) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", team);
        view.put("version", v.version());
        view.put("effectiveFrom", v.effectiveFrom().toString());
        view.put("zone", v.zone().getId());
        view.put("rotations", v.rotations().stream().map(r -> {
            Map<String, Object> rotation = new LinkedHashMap<>();
            rotation.put("id", r.id());
            rotation.put("name", r.name());
            rotation.put("round", r.round());
            rotation.put("unit", r.unit().id());
            rotation.put("length", r.length());
            rotation.put("anchor", r.anchor().toString());
            rotation.put("participants", r.participants());
            return rotation;
        }).toList());
        view.put("holidays", v.holidays().stream().map(LocalDate::toString).toList());
        view.put("nightHours", Map.of("from", v.night().from().toString(), "to", v.night().to().toString()));
        view.put("notify", Map.of("sms", v.notices().sms(), "slack", v.notices().slack(), "remindMinutes", v.notices().remindMinutes()));
        return view;
    }

    /** {@code {team, at, zone, rounds: [{round, people: [{id, name, phone, since, until}]}], gap, next: {at, people}}}. */
    public Map<String, Object> onCall(String team, Timeline timeline, Instant at) {
        OnCallSet set = timeline.at(at);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", team);
        view.put("at", at.toString());
        view.put("zone", timeline.versionAt(at).zone().getId());
        List<Map<String, Object>> rounds = new ArrayList<>();
        set.rounds().forEach((round, ids) -> rounds.add(Map.of("round", round, "people", ids.keySet().stream().map(id -> {
            Map<String, Object> person = person(id);
            timeline.presence(round, id, at).ifPresent(span -> {
                person.put("since", text(span.start()));
                person.put("until", text(span.end()));
            });
            return person;
        }).toList())));
        view.put("rounds", rounds);
        view.put("gap", set.gap());
        view.put("next", timeline.next(at).map(next -> Map.of("at", next.start().toString(),
                "people", next.onCall().everyone())).orElse(null));
        return view;
    }

    public Map<String, Object> shifts(String team, Timeline timeline, Instant from, Instant to, List<Shifts.RoundShift> shifts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("team", team);
        view.put("from", from.toString());
        view.put("to", to.toString());
        view.put("zone", timeline.latest().zone().getId());
        view.put("shifts", shifts.stream().map(s -> Map.of("round", s.round(), "start", s.start().toString(),
                "end", s.end().toString(), "people", s.people(), "overridden", s.overridden())).toList());
        return view;
    }

    public static Map<String, Object> override(Override o) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", o.id());
        view.put("start", o.start().toString());
        view.put("end", o.end().toString());
        view.put("round", o.round());
        view.put("add", o.add());
        view.put("remove", o.remove());
        view.put("reason", o.reason());
        view.put("createdBy", o.createdBy());
        view.put("createdAt", o.createdAt().toString());
        return view;
    }

    private Map<String, Object> person(String id) {
        Optional<People.Person> found = people.find(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("name", found.map(People.Person::name).orElse(id));
        view.put("phone", found.map(p -> PhoneMask.mask(p.phone())).orElse(null));
        return view;
    }

    /** An open end (beyond what was walked) is shown as null. */
    private static String text(Instant instant) {
        return instant == Instant.MIN || instant == Instant.MAX ? null : instant.toString();
    }
}
