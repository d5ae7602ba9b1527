package alertbridge.events;

/** Where produced events go to be delivered later ({@link alertbridge.queue.SqsEventSink}: one message per destination). */
public interface EventSink {
    /** No destinations configured: events are not produced. */
    EventSink NONE = event -> { };

    /** @throws RuntimeException when the event could not be queued (the caller logs it and carries on) */
    void send(IncidentEvent event);
}
