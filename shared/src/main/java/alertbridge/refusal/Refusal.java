package alertbridge.refusal;

/**
 * A request we refuse because of what the caller sent, as the domain says it: what kind of refusal, a stable code
 * ({@code missing_to}, {@code unknown_team}) and a detail telling the caller what to fix. Only the HTTP edge
 * ({@code alertbridge.http.ApiResponses}) turns the kind into a status code; a Twilio webhook turns it into TwiML,
 * the SNS function into a failed delivery. Carries no stack trace out.
 */
public final class Refusal extends RuntimeException {
    /** What was wrong, in the caller's terms. */
    public enum Kind {
        /** The request is malformed or incomplete. */
        INVALID,
        /** No valid credential. */
        UNAUTHORISED,
        /** A valid caller asked for something not allowed here. */
        FORBIDDEN,
        /** What the request names does not exist. */
        NOT_FOUND,
        /** The request is larger than we read. */
        TOO_LARGE,
        /** The request is in a form we do not read (a media type). */
        UNSUPPORTED,
        /** What the request changes kept being changed by others meanwhile: the same request, again, may succeed. */
        CONFLICT
    }

    private final Kind kind;
    private final String code;
    private final String detail;

    public Refusal(Kind kind, String code, String detail) {
        super(code + ": " + detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.detail = detail;
    }

    public static Refusal invalid(String code, String detail) {
        return new Refusal(Kind.INVALID, code, detail);
    }

    public static Refusal unauthorised(String code, String detail) {
        return new Refusal(Kind.UNAUTHORISED, code, detail);
    }

    public static Refusal forbidden(String code, String detail) {
        return new Refusal(Kind.FORBIDDEN, code, detail);
    }

    public static Refusal notFound(String code, String detail) {
        return new Refusal(Kind.NOT_FOUND, code, detail);
    }

    public static Refusal tooLarge(String code, String detail) {
        return new Refusal(Kind.TOO_LARGE, code, detail);
    }

    public static Refusal unsupported(String code, String detail) {
        return new Refusal(Kind.UNSUPPORTED, code, detail);
    }

    public static Refusal conflict(String code, String detail) {
        return new Refusal(Kind.CONFLICT, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }
}
