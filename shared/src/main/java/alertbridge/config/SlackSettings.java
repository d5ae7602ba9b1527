package alertbridge.config;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code /oncall} Slack command ({@code POST /slack/commands}): the one workspace it answers ({@code SLACK_TEAM_ID},
 * the {@code SlackTeamId} parameter; empty: the command is off) and where its signing secret is
 * ({@code <ParameterPath>/slack-signing-secret}, beside the alert tokens).
 */
public record SlackSettings(Optional<String> teamId, String signingSecretName) {
    static SlackSettings fromEnvironment(Map<String, String> env, String alertTokensParameter) {
        int slash = alertTokensParameter.lastIndexOf('/');
        return new SlackSettings(Settings.optional(env, "SLACK_TEAM_ID"),
                (slash < 0 ? "" : alertTokensParameter.substring(0, slash)) + "/slack-signing-secret");
    }
}
