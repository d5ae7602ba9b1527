package alertbridge.http;

/**
 * A request we refuse because of what the caller sent. Becomes a 4xx JSON body
 * {@code {"error": error, "detail": detail}}; never carries a stack trace out.
 */
public final class ClientError extends RuntimeException {
    private final int status;
    private final String error;
    private final String detail;

    public ClientError(int status, String error, String detail) {
        super(error + ": " + detail, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("client errors are 4xx, got " + status);
        }
        this.status = status;
        this.error = error;
        this.detail = detail;
    }

    public static ClientError badRequest(String error, String detail) {
        return new ClientError(400, error, detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return detail;
    }
}
