package alertbridge.testkit.twilio;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated conference rooms: who is in which room, each room's sid and callback settings, and the order of
 * its events (Twilio's SequenceNumber counts per conference). A room ends when its last participant leaves; the
 * next join starts a new conference with a new sid. {@link #report} posts an event to the room's
 * {@code statusCallback}, with Twilio's parameter names, if the room asked for it in {@code statusCallbackEvent}.
 */
final class ConferenceRooms {
    /** A room's reporting settings, taken from the {@code <Conference>} of the participant who started it. */
    record Callbacks(String url, Set<String> events) {
    }

    /** One event to report: what happened in which conference, in order. */
    record Event(String conferenceSid, String friendlyName, String name, String callSid, int sequence, int onBridge,
                 Callbacks callbacks) {
    }

    private static final class Room {
        final String sid = "CF" + java.util.HexFormat.of().formatHex(randomBytes());
        final Set<String> participants = new LinkedHashSet<>();
        final Callbacks callbacks;
        int sequence;

        Room(Callbacks callbacks) {
            this.callbacks = callbacks;
        }
    }

    private final Map<String, Room> rooms = new HashMap<>();
    private final String accountSid;
    private final WebhookPoster poster;

    ConferenceRooms(String accountSid, WebhookPoster poster) {
        this.accountSid = accountSid;
        this.poster = poster;
    }

    /** @return the events to report, in order: conference-start (first participant) and participant-join */
    synchronized java.util.List<Event> join(String name, String callSid, Callbacks callbacks) {
        java.util.List<Event> events = new java.util.ArrayList<>();
        Room room = rooms.get(name);
        if (room == null) {
            room = new Room(callbacks);
            rooms.put(name, room);
            room.participants.add(callSid);
            events.add(event(name, room, "conference-start", null));
        } else {
            room.participants.add(callSid);
        }
        events.add(event(name, room, "participant-join", callSid));
        return events;
    }

    /** @return participant-leave, and conference-end when the room is now empty */
    synchronized java.util.List<Event> leave(String name, String callSid) {
        Room room = rooms.get(name);
        if (room == null || !room.participants.remove(callSid)) {
            return java.util.List.of();
        }
        java.util.List<Event> events = new java.util.ArrayList<>();
        events.add(event(name, room, "participant-leave", callSid));
        if (room.participants.isEmpty()) {
            events.add(event(name, room, "conference-end", null));
            rooms.remove(name);
        }
        return events;
    }

    synchronized int size(String name) {
        Room room = rooms.get(name);
        return room == null ? 0 : room.participants.size();
    }

    /** Posts the conference callback for {@code e}, if its room asked for this kind of event. */
    void report(Event e) {
        String kind = e.name().replace("conference-", "").replace("participant-", "");
        if (e.callbacks().url() == null || e.callbacks().url().isBlank() || !e.callbacks().events().contains(kind)) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ConferenceSid", e.conferenceSid());
        p.put("FriendlyName", e.friendlyName());
        p.put("StatusCallbackEvent", e.name());
        p.put("SequenceNumber", Integer.toString(e.sequence()));
        p.put("Timestamp", WebhookPoster.timestamp());
        if (e.callSid() != null) {
            p.put("CallSid", e.callSid());
            p.put("Muted", "false");
            p.put("Hold", "false");
            p.put("Coaching", "false");
        }
        if (e.name().equals("conference-end")) {
            p.put("ReasonConferenceEnded", "last-participant-left");
        }
        poster.callback(e.callSid() == null ? e.conferenceSid() : e.callSid(), e.callbacks().url(), p);
    }

    private static Event event(String name, Room room, String event, String callSid) {
        return new Event(room.sid, name, event, callSid, ++room.sequence, room.participants.size(), room.callbacks);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
