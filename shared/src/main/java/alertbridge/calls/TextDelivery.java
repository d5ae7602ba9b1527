package alertbridge.calls;

import alertbridge.log.JsonLog;
import alertbridge.phone.PhoneMask;

/**
 * One text about an incident, sent and recorded: what the provider said is logged ({@code <kind>_text_sent} /
 * {@code <kind>_text_failed}) and handed to the record; a failure to send or to record is logged, never thrown.
 */
public final class TextDelivery {
    /** Records what became of one text (e.g. an item on the incident). */
    @FunctionalInterface
    public interface Record {
        void record(String to, TextResult result);
    }

    private final TextSender sender;
    private final JsonLog log;
    private final String kind;

    /** @param kind names the log lines: {@code resolved}, {@code missed_call} */
    public TextDelivery(TextSender sender, JsonLog log, String kind) {
        this.sender = sender;
        this.log = log;
        this.kind = kind;
    }

    public TextResult send(String incidentId, String to, String body, Record record) {
        TextResult result;
        try {
            result = sender.send(to, body);
        } catch (RuntimeException e) {
            result = new TextResult.Failed(0, e.getClass().getSimpleName());
        }
        switch (result) {
            case TextResult.Sent sent -> log.info(kind + "_text_sent", "incidentId", incidentId, "to", PhoneMask.mask(to),
                    "messageSid", sent.messageSid());
            case TextResult.Failed failed -> log.warn(kind + "_text_failed", "incidentId", incidentId,
                    "to", PhoneMask.mask(to), "code", failed.code());
        }
        try {
            record.record(to, result);
        } catch (RuntimeException e) {
            log.error("text_record_failed", "incidentId", incidentId, "to", PhoneMask.mask(to), "error", e.getClass().getSimpleName());
        }
        return result;
    }
}
