package alertbridge.checks;

/** What a ping says: success, a run started, or failure ({@code /fail} or a non-zero exit status). */
public enum PingKind {
    SUCCESS, START, FAIL;

    /** The kind for the path after {@code /ping/{key}}: empty, {@code start}, {@code fail} or an exit status 0-255. */
    public static PingKind fromSuffix(String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            return SUCCESS;
        }
        if (suffix.equals("start")) {
            return START;
        }
        if (suffix.equals("fail")) {
            return FAIL;
        }
        if (suffix.matches("[0-9]{1,3}")) {
            int status = Integer.parseInt(suffix);
            if (status <= 255) {
                return status == 0 ? SUCCESS : FAIL;
            }
        }
        throw new IllegalArgumentException("ping suffix must be start, fail or an exit status 0-255");
    }
}
