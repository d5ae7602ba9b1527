package alertbridge.local;

import alertbridge.testkit.aws.LocalAws;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a {@link LocalStack} puts in the local SSM as it starts, under its {@code ParameterPath}: Twilio's account
 * (the simulator's, or the real one's), the alert token, the sample rosters {@code sre} and {@code oncall}, and the
 * secrets: the event webhooks' signing secret, the incident links' and Slack's, random unless given.
 */
final class StackParameters {
    private final String eventSigningSecret;
    private final String incidentLinkSecret;
    private final String slackSigningSecret;

    StackParameters(LocalAws aws, StackOptions options) {
        aws.putStackParameters(options.realTwilio().map(StackOptions.RealTwilio::accountSid).orElse(LocalStack.ACCOUNT_SID),
                options.realTwilio().map(StackOptions.RealTwilio::authToken).orElse(options.twilioAuthToken()),
                options.realTwilio().map(StackOptions.RealTwilio::callerNumber).orElse(LocalStack.CALLER_NUMBER),
                options.alertToken(),
                Map.of("sre", LocalStack.SAMPLE_ROSTER, "oncall", LocalStack.SAMPLE_ROSTER)); // oncall: AlertTopicTeams' default
        this.eventSigningSecret = newEventSigningSecret();
        aws.putSecret("events/signing-secret", eventSigningSecret);
        this.incidentLinkSecret = newSecret();
        aws.putSecret("incident-link-secret", incidentLinkSecret); // shareable incident links (IncidentLinkHours)
        this.slackSigningSecret = newSecret();
        aws.putSecret("slack-signing-secret", slackSigningSecret); // the /oncall command's (SlackTeamId)
    }

    /** {@code <ParameterPath>/events/signing-secret}: {@code EVENT_WEBHOOK_SECRET} when set, else a new random one. */
    String eventSigningSecret() {
        return eventSigningSecret;
    }

    /** {@code <ParameterPath>/incident-link-secret}, random. */
    String incidentLinkSecret() {
        return incidentLinkSecret;
    }

    /** {@code <ParameterPath>/slack-signing-secret}, random: what the simulated Slack signs commands with. */
    String slackSigningSecret() {
        return slackSigningSecret;
    }

    private static String newEventSigningSecret() {
        String given = System.getenv("EVENT_WEBHOOK_SECRET");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return newSecret();
    }

    private static String newSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
