package alertbridge.events;

import alertbridge.log.JsonLog;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code EventWebhooks} parameter: comma-separated entries, each an {@code https://} URL or {@code ssm:<name>}, the
 * URL then read from the SSM parameter {@code <ParameterPath>/events/<name>} (SecureString) at delivery time. A Slack
 * incoming-webhook URL is a secret (whoever has it posts to the channel): given inline it is refused, with a log line
 * saying to put it in SSM. {@code http://} is accepted only for loopback hosts (a local receiver).
 */
public final class EventDestinations {
    private static final JsonLog LOG = JsonLog.forComponent("event-destinations");
    private static final Pattern SSM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    public static final String SSM_PREFIX = "ssm:";

    private EventDestinations() {
    }

    /** The usable entries of {@code EVENT_WEBHOOKS}; each refused one is logged (never the URL itself). */
    public static List<String> parse(String raw) {
        List<String> usable = new ArrayList<>();
        if (raw == null) {
            return usable;
        }
        for (String entry : Arrays.stream(raw.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList()) {
            Optional<String> problem = inlineProblem(entry);
            if (problem.isPresent()) {
                LOG.error("event_webhook_refused", "entry", describe(entry), "reason", problem.get());
            } else {
                usable.add(entry);
            }
        }
        return List.copyOf(usable);
    }

    /** Why an entry cannot be used; empty when it can. */
    public static Optional<String> problem(String entry) {
        if (entry.startsWith(SSM_PREFIX)) {
            return SSM_NAME.matcher(entry.substring(SSM_PREFIX.length())).matches() ? Optional.empty()
                    : Optional.of("ssm:<name> takes a name of letters, digits, '.', '_' and '-'");
        }
        return urlProblem(entry);
    }

    /** Why a URL (inline, or read from SSM) cannot be posted to; empty when it can. */
    public static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return Optional.of("not a URL with a host");
        }
        if (scheme.equals("http") && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
            return Optional.empty();
        }
        return scheme.equals("https") ? Optional.empty() : Optional.of("only https:// URLs (http:// only for a local receiver)");
    }

    /** Inline entries are checked here too: a Slack webhook URL must come from SSM. */
    public static Optional<String> inlineProblem(String entry) {
        if (!entry.startsWith(SSM_PREFIX) && host(entry).equals(SLACK_HOST)) {
            return Optional.of("a Slack incoming-webhook URL is a secret: store it in SSM as <ParameterPath>/events/<name>"
                    + " (SecureString) and list ssm:<name> instead");
        }
        return problem(entry);
    }

    /**
     * Whether a URL gets Slack's format: a Slack incoming webhook ({@value #SLACK_HOST}), or a local stand-in for one
     * (a loopback host with Slack's path, {@code /services/...}) to try the format out with {@code ./local/run}.
     */
    public static boolean isSlack(String url) {
        String host = host(url);
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        return host.equals(SLACK_HOST) || loopback && path(url).startsWith("/services/");
    }

    private static final String SLACK_HOST = "hooks.slack.com";

    private static String host(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost()).orElse("").toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String path(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getPath()).orElse("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** An entry as it may be logged: an ssm: name as is, a URL by its scheme and host only. */
    public static String describe(String entry) {
        if (entry.startsWith(SSM_PREFIX)) {
            return entry;
        }
        try {
            URI uri = URI.create(entry);
            return uri.getScheme() + "://" + uri.getHost() + "/...";
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
