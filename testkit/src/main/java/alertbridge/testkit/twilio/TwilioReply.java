package alertbridge.testkit.twilio;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** One answer of the Twilio REST stand-in: an HTTP status and the JSON body Twilio would send, and how they are made. */
record TwilioReply(int status, Object body) {
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** Twilio's error body ({@code code}, {@code message}, {@code more_info}, {@code status}). */
    static Map<String, Object> error(int code, String message, int status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        e.put("status", status);
        return e;
    }

    /** A call as Twilio's REST API shows it (the fields alertbridge reads, and a few more), with this status. */
    static Map<String, Object> call(String accountSid, CallLine line, String status) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("sid", line.sid);
        call.put("account_sid", accountSid);
        call.put("to", line.to);
        call.put("from", line.from);
        call.put("status", status);
        call.put("direction", line.direction);
        call.put("api_version", "2010-04-01");
        call.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + line.sid + ".json");
        return call;
    }

    /** A new resource SID: the two-letter prefix ({@code CA}, {@code SM}) and 32 hex digits. */
    static String sid(String prefix) {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** What {@code POST .../Messages.json} answers for this form: 201 with the message, or Twilio's 400 error. */
    static TwilioReply messageCreated(String accountSid, Map<String, List<String>> form) {
        String to = form.getOrDefault("To", List.of("")).get(0);
        String from = form.getOrDefault("From", List.of("")).get(0);
        String text = form.getOrDefault("Body", List.of("")).get(0);
        if (to.isBlank()) {
            return new TwilioReply(400, error(21604, "A 'To' phone number is required.", 400));
        }
        if (from.isBlank()) {
            return new TwilioReply(400, error(21603, "A 'From' phone number is required.", 400));
        }
        if (text.isEmpty()) {
            return new TwilioReply(400, error(21602, "Message body is required", 400));
        }
        if (text.length() > 1600) {
            return new TwilioReply(400, error(21617, "The concatenated message body exceeds the 1600 character limit", 400));
        }
        if (to.endsWith("96")) {
            return new TwilioReply(400, error(21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number", 400));
        }
        String sid = sid("SM");
        String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("account_sid", accountSid);
        msg.put("api_version", "2010-04-01");
        msg.put("body", text);
        msg.put("date_created", now);
        msg.put("date_sent", null);
        msg.put("date_updated", now);
        msg.put("direction", "outbound-api");
        msg.put("error_code", null);
        msg.put("error_message", null);
        msg.put("from", from);
        msg.put("messaging_service_sid", null);
        msg.put("num_media", "0");
        msg.put("num_segments", String.valueOf(text.length() <= 160 ? 1 : (text.length() + 152) / 153));
        msg.put("price", null);
        msg.put("price_unit", "USD");
        msg.put("sid", sid);
        msg.put("status", "queued");
        msg.put("subresource_uris", Map.of("media", uri + "/Media.json"));
        msg.put("to", to);
        msg.put("uri", uri + ".json");
        return new TwilioReply(201, msg);
    }
}
