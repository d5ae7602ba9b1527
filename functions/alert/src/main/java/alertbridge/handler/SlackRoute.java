package alertbridge.handler;

import alertbridge.calls.CallbackUrls;
import alertbridge.chat.SlackCommands;
import alertbridge.config.CachedParameters;
import alertbridge.config.SlackSettings;
import alertbridge.formats.FormEncoding;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import alertbridge.slack.SlackSignature;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /slack/commands}: Slack's signature checked on the raw body, the workspace pinned, then one
 * {@link SlackCommands} run; the reply is Slack's JSON ({@code response_type}, {@code text}).
 */
final class SlackRoute {
    private static final JsonLog LOG = JsonLog.forComponent("slack-commands");

    private final SlackSettings settings;
    private final CachedParameters parameters;
    private final SlackCommands commands;
    private final Clock clock;

    SlackRoute(SlackSettings settings, CachedParameters parameters, SlackCommands commands, Clock clock) {
        this.settings = settings;
        this.parameters = parameters;
        this.commands = commands;
        this.clock = clock;
    }

    APIGatewayProxyResponseEvent handle(HttpRequest request) {
        String teamId = settings.teamId().orElseThrow(() -> Refusal.forbidden("slack_not_configured",
                "the /oncall command is off: set the SlackTeamId parameter to your workspace's team id"));
        String secret = parameters.find(settings.signingSecretName()).orElseThrow(() -> Refusal.forbidden("slack_not_configured",
                "the /oncall command is off: store the app's signing secret in SSM as " + settings.signingSecretName()));
        SlackSignature.verify(secret, request.header(SlackSignature.TIMESTAMP_HEADER), request.header(SlackSignature.SIGNATURE_HEADER),
                request.body(), clock.instant());
        Map<String, String> form = FormEncoding.firstValues(FormEncoding.parse(request.body()));
        if (!teamId.equals(form.get("team_id"))) {
            throw Refusal.forbidden("other_workspace", "this alertbridge answers one Slack workspace (SlackTeamId)");
        }
        String user = form.getOrDefault("user_id", "");
        SlackCommands.Reply reply = commands.run(form.getOrDefault("text", ""), user, form.getOrDefault("response_url", ""),
                new CallbackUrls(request.baseUrl()));
        LOG.info("slack_command", "user", user, "verb", form.getOrDefault("text", "").strip().split("\\s+")[0], "inChannel", reply.inChannel());
        return ApiResponses.json(200, reply.json());
    }
}
