package alertbridge.local;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated conference rooms: who is in which room, each room's sid and callback settings, and the order of
 * its events (Twilio's SequenceNumber counts per conference). A room ends when its last participant leaves; the
 * next join starts a new conference with a new sid.
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

    private static Event event(String name, Room room, String event, String callSid) {
        return new Event(room.sid, name, event, callSid, ++room.sequence, room.participants.size(), room.callbacks);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
