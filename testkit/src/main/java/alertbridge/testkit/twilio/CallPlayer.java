package alertbridge.testkit.twilio;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays one call's life on the phone network: initiated, ringing, then what the callee does by the number's last
 * two digits ({@link CalleeBehaviour}): busy, no answer (after the call's {@code Timeout}), failed, or answered and
 * our TwiML played ({@link TwimlInterpreter}: fetched from {@code Url}, or the {@code Twiml} given with the call); unless we hang it up first through the REST API ({@link CallLine}).
 * Status callbacks go to {@code StatusCallback} for the events asked for in {@code StatusCallbackEvent} (only
 * {@code completed} if none), with Twilio's parameter names, a {@code SequenceNumber} counting per call and a
 * {@code Timestamp}.
 */
final class CallPlayer {
    /** The shortest time from a create request to an answer, at any speed (real phones take seconds). */
    private static final Duration ANSWER_FLOOR = Duration.ofMillis(250);

    private final String accountSid;
    private final SimulatedTime time;
    private final WebhookPoster poster;
    private final TwimlInterpreter twiml;
    private final HeardLog heard;
    private final CallNarration narration;
    private final Consumer<TwilioSimulator.SimulatedCall> finished;

    CallPlayer(String accountSid, SimulatedTime time, WebhookPoster poster, TwimlInterpreter twiml, HeardLog heard,
               CallNarration narration, Consumer<TwilioSimulator.SimulatedCall> finished) {
        this.accountSid = accountSid;
        this.time = time;
        this.poster = poster;
        this.twiml = twiml;
        this.heard = heard;
        this.narration = narration;
        this.finished = finished;
    }

    /**
     * Plays the call to its end, on the calling thread; returns early when the simulator stops. A hang-up through the
     * REST API ({@link CallLine#update}) ends it at once, {@code canceled} if it was not answered yet.
     *
     * @param earlierCalls how many calls were placed to the same number before this one ({@link CalleeBehaviour#of})
     * @param line         the call as the REST API sees it
     */
    void play(TwilioApiStandIn.CreatedCall created, int earlierCalls, CallLine line) {
        LiveCall call = new LiveCall(accountSid, created,
                CalleeBehaviour.of(created.request().field("To"), earlierCalls), line);
        playing(call, () -> {
            line.throwIfHungUp(); // canceled while queued: never dialled
            if (call.twimlIgnored) {
                narration.step(call.sid, call.person(), "warning 32019: Twiml and Voice URL are both set. Using Voice URL.");
            }
            status(call, "initiated", "initiated");
            if (call.behaviour.kind() == CalleeBehaviour.Kind.FAILS) {
                time.pause(0.2, line);
                narration.step(call.sid, call.person(), "call failed");
                end(call, "failed");
                return;
            }
            time.pause(0.2, line);
            line.ringing();
            status(call, "ringing", "ringing");
            narration.step(call.sid, call.person(), "ringing");
            switch (call.behaviour.kind()) {
                case BUSY -> {
                    time.pause(1, line);
                    narration.step(call.sid, call.person(), "busy");
                    end(call, "busy");
                    return;
                }
                case NO_ANSWER -> {
                    time.pause(call.timeoutSeconds, line);
                    narration.step(call.sid, call.person(), "no answer");
                    end(call, "no-answer");
                    return;
                }
                default -> {
                    time.pause(call.behaviour.answerAfterSeconds(), line);
                    // nobody answers faster than this, however fast the simulation runs
                    time.pauseReal(ANSWER_FLOOR, line);
                }
            }
            call.answer();
            status(call, "answered", "in-progress");
            narration.step(call.sid, call.person(), call.behaviour.kind() == CalleeBehaviour.Kind.VOICEMAIL ? "answered (voicemail)" : "answered");
            twiml.run(call);
            narration.step(call.sid, call.person(), "hung up");
            end(call, "completed");
        });
    }

    /**
     * Plays a call someone dialled in to our number, to its end, on the calling thread: our TwiML at once (Twilio
     * asks for it while the call rings, {@code CallStatus=ringing}), the caller pressing 1 when asked and staying on
     * the bridge until the simulator stops, or until the TwiML hangs up or the call is hung up through the REST API.
     * No status callbacks: none was asked for.
     */
    void playInbound(LiveCall call) {
        playing(call, () -> {
            narration.step(call.sid, call.person(), "dialled in");
            twiml.run(call);
            narration.step(call.sid, call.person(), "hung up");
            end(call, "completed");
        });
    }

    /** What happens in a call, which may be hung up through the REST API or stopped with the simulator at any wait. */
    @FunctionalInterface
    private interface Script {
        void play() throws InterruptedException;
    }

    private void playing(LiveCall call, Script script) {
        heard.start(call.sid);
        try {
            script.play();
        } catch (CallLine.HungUp h) {
            narration.step(call.sid, call.person(), h.finalStatus.equals("canceled") ? "cancelled" : "hung up through the REST API");
            end(call, h.finalStatus);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void status(LiveCall call, String event, String callStatus) {
        if (call.statusCallback.isEmpty() || !call.statusEvents.contains(event)) {
            return;
        }
        Map<String, String> p = call.voiceParams(callStatus);
        p.put("CallbackSource", "call-progress-events");
        p.put("Timestamp", WebhookPoster.timestamp());
        p.put("SequenceNumber", Integer.toString(call.sequence++));
        if (event.equals("completed")) {
            long seconds = call.answeredAt == null ? 0
                    : Math.round(Duration.between(call.answeredAt, Instant.now()).toMillis() / 1000.0 / time.speed());
            p.put("CallDuration", Long.toString(seconds));
            p.put("Duration", Long.toString((seconds + 59) / 60));
        }
        poster.callback(call.sid, call.statusCallback.get(), p);
    }

    private void end(LiveCall call, String finalStatus) {
        call.line.ended(finalStatus);
        status(call, "completed", finalStatus);
        finished.accept(new TwilioSimulator.SimulatedCall(call.sid, call.to, finalStatus, call.answeredAt != null,
                call.pressedKey, call.joinedBridge, heard.of(call.sid), call.from, call.line.direction));
    }
}
