package alertbridge.testkit.twilio;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * One call as Twilio's REST API sees it while it lasts, shared by the REST stand-in (which creates it and updates it)
 * and the call's player (which moves it along): its status ({@code queued} until an outbound call rings, {@code
 * ringing}, {@code in-progress} once answered, then its final status) and whether it was hung up through "update a
 * call" ({@code Status=canceled|completed}). A hang-up wakes the player from whatever it is waiting for
 * ({@link SimulatedTime#pause(double, CallLine)}), which then ends the call with the status decided here.
 * <p>
 * Twilio's semantics, from its documentation of modifying live calls: {@code canceled} hangs up a call that is
 * {@code queued} or {@code ringing} and does not affect a call already in progress; {@code completed} hangs up a
 * call whatever its state. A call hung up before it was answered ends {@code canceled} (Twilio's status for a call
 * canceled through the REST API before it was answered), one hung up in progress ends {@code completed}. Whether
 * {@code canceled} on a call in progress is an error is not documented; the documentation says it does not affect
 * the call, so the stand-in answers it as a no-op (200, the call still {@code in-progress}). Updating a call that has
 * ended is Twilio's error 21220.
 */
final class CallLine {
    /**
     * Thrown from a call's waits once it has been hung up through the REST API: its player ends the call with
     * {@link #finalStatus}. An InterruptedException so it leaves every wait of the call's player the way the
     * simulator stopping does; unlike that, the thread is not interrupted, so the final status callback is still sent.
     */
    static final class HungUp extends InterruptedException {
        private static final long serialVersionUID = 1L;
        final String finalStatus;

        HungUp(String finalStatus) {
            super("hung up through the REST API: " + finalStatus);
            this.finalStatus = finalStatus;
        }
    }

    final String sid;
    final String to;
    final String from;
    /** {@code outbound-api} or {@code inbound}. */
    final String direction;
    private String status;
    private boolean ended;
    /** The final status a REST hang-up decided on, or null. */
    private String hangUp;
    private final Set<CountDownLatch> waiting = new HashSet<>();

    /** @param status {@code queued} for a call we place, {@code ringing} for one that dials in */
    CallLine(String sid, String to, String from, String direction, String status) {
        this.sid = sid;
        this.to = to;
        this.from = from;
        this.direction = direction;
        this.status = status;
    }

    /** The status Twilio's API would show now ({@code status} in its JSON, {@code CallStatus} in webhooks). */
    synchronized String status() {
        return status;
    }

    /** What Twilio's "fetch a call" shows: a call hung up through the REST API shows how it ends at once. */
    synchronized String fetched() {
        return hangUp != null && !ended ? hangUp : status;
    }

    /** The call starts ringing at the other end (unless it was hung up meanwhile). */
    synchronized void ringing() {
        if (!ended && hangUp == null && status.equals("queued")) {
            status = "ringing";
        }
    }

    /**
     * The call is answered, unless it was hung up first.
     *
     * @throws HungUp when a REST hang-up came before the answer: the call ends {@code canceled}
     */
    synchronized void answer() throws HungUp {
        throwIfHungUp();
        status = "in-progress";
    }

    /** The call is over, with this final status: updates to it are refused from now on (21220). */
    synchronized void ended(String finalStatus) {
        status = finalStatus;
        ended = true;
    }

    /**
     * Twilio's "update a call" with {@code Status} {@code canceled} or {@code completed} (see the class comment).
     *
     * @return the call's status as the update answers it; empty when the call has already ended (error 21220)
     */
    synchronized Optional<String> update(String requested) {
        if (ended) {
            return Optional.empty();
        }
        if (hangUp != null) {
            return Optional.of(hangUp); // already being hung up: the same answer again
        }
        boolean answered = status.equals("in-progress");
        if (answered && requested.equals("canceled")) {
            return Optional.of(status); // "canceled" does not affect a call in progress
        }
        hangUp = answered ? "completed" : "canceled";
        waiting.forEach(CountDownLatch::countDown);
        return Optional.of(hangUp);
    }

    /** @throws HungUp when the call has been hung up through the REST API */
    synchronized void throwIfHungUp() throws HungUp {
        if (hangUp != null) {
            throw new HungUp(hangUp);
        }
    }

    /** Counts {@code wake} down when the call is hung up (at once if it already was). */
    synchronized void wakeOnHangUp(CountDownLatch wake) {
        if (hangUp != null) {
            wake.countDown();
        } else {
            waiting.add(wake);
        }
    }

    synchronized void forget(CountDownLatch wake) {
        waiting.remove(wake);
    }
}
