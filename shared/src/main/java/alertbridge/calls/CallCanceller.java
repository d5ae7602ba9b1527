package alertbridge.calls;

/** Stops a call that is still queued or ringing, so the phone stops ringing. Safe to call from many threads at once. */
public interface CallCanceller {
    /**
     * @return true if the provider cancelled it; false if it could not (already answered or ended, or unreachable):
     *         never throws for provider errors
     */
    boolean cancel(String callSid);
}
