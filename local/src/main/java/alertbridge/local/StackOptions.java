package alertbridge.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link LocalStack} is started.
 *
 * @param apiPort             0 for any free port
 * @param speed               the simulator's time factor (1.0 real time)
 * @param parameterOverrides  template parameters, as {@code sam deploy --parameter-overrides}
 * @param webhookSigningToken what the simulator signs webhooks with; empty = its own auth token
 * @param isolated            names of its own (table, queues, topics, parameter path), so several stacks can
 *                            share the JVM's moto at once; off for {@code ./local/run}, which prints its names
 * @param environment         environment variables every handler gets on top of template.yaml's (settings no
 *                            template parameter sets, such as {@code INLINE_ANSWER_TWIML}); empty for none
 */
public record StackOptions(int apiPort, int twilioPort, String alertToken, String twilioAuthToken, double speed,
                           Map<String, String> parameterOverrides, Optional<String> webhookSigningToken,
                           boolean callbacksTwice, Optional<RealTwilio> realTwilio, Narrator narrator, boolean isolated,
                           Map<String, String> environment) {

    /** Real Twilio credentials and the public (tunnel) URL Twilio reaches the local API at. */
    public record RealTwilio(String accountSid, String authToken, String callerNumber, String publicUrl) {
    }

    public static StackOptions forTests(double speed) {
        return new StackOptions(0, 0, "local-test-alert-token", "local-test-twilio-auth-token", speed, Map.of(),
                Optional.empty(), false, Optional.empty(), Narrator.silent(), true, Map.of());
    }

    public StackOptions withParameter(String name, String value) {
        Map<String, String> p = new HashMap<>(parameterOverrides);
        p.put(name, value);
        return new StackOptions(apiPort, twilioPort, alertToken, twilioAuthToken, speed, p, webhookSigningToken,
                callbacksTwice, realTwilio, narrator, isolated, environment);
    }

    public StackOptions withWebhookSigningToken(String token) {
        return new StackOptions(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                Optional.of(token), callbacksTwice, realTwilio, narrator, isolated, environment);
    }

    public StackOptions withCallbacksTwice() {
        return new StackOptions(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                webhookSigningToken, true, realTwilio, narrator, isolated, environment);
    }

    /** Every handler also gets this environment variable. */
    public StackOptions withEnvironment(String name, String value) {
        Map<String, String> e = new HashMap<>(environment);
        e.put(name, value);
        return new StackOptions(apiPort, twilioPort, alertToken, twilioAuthToken, speed, parameterOverrides,
                webhookSigningToken, callbacksTwice, realTwilio, narrator, isolated, Map.copyOf(e));
    }
}
