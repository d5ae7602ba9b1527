package alertbridge.chat;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertResult;
import alertbridge.calls.CallbackUrls;
import alertbridge.events.EventPayloads;
import alertbridge.formats.Recipients;
import alertbridge.oncall.OnCallSentences;
import alertbridge.oncall.Override;
import alertbridge.oncall.People;
import alertbridge.oncall.ScheduleService;
import alertbridge.oncall.Timeline;
import alertbridge.refusal.Refusal;
import alertbridge.slack.SlackFollowUps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /oncall} slash command: {@code who}, {@code page}, {@code hello}/{@code bye} (standby check-in and
 * check-out), {@code cover} and {@code help}. Anyone in the workspace may ask who is on call; only people on a team's
 * roster (their Slack id in {@code <ParameterPath>/people/<id>}) may page it or change its overrides.
 */
public final class SlackCommands {
    static final Duration DEFAULT_STANDBY = Duration.ofHours(12);
    static final Duration MAX_STANDBY = Duration.ofHours(24);
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2})h");
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(\\|[^>]*)?>");
    public static final String HELP = "/oncall who <team> · page <team> [all] <message> · hello <team> [2h | until 18:00] · bye <team>"
            + " · cover <team> <start> <end> [@user] (times such as 2027-01-05T18:00, in the schedule's zone) · help";

    private final ScheduleService schedules;
    private final AlertIntake alerts;
    private final SlackFollowUps followUps;
    private final Clock clock;

    public SlackCommands(ScheduleService schedules, AlertIntake alerts, SlackFollowUps followUps, Clock clock) {
        this.schedules = schedules;
        this.alerts = alerts;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** The answer to a command: seen by the caller only, or by the channel. */
    public record Reply(boolean inChannel, String text) {
        public Map<String, String> json() {
            return Map.of("response_type", inChannel ? "in_channel" : "ephemeral", "text", text);
        }
    }

    /**
     * @param userId      the caller's Slack user id
     * @param responseUrl where a page's follow-ups go (who joined, or nobody)
     * @param urls        where Twilio reports a page's progress
     */
    public Reply run(String text, String userId, String responseUrl, CallbackUrls urls) {
        List<String> words = new ArrayList<>(Arrays.asList(text.strip().split("\\s+")));
        String verb = words.isEmpty() ? "" : words.removeFirst().toLowerCase(Locale.ROOT);
        try {
            return switch (verb) {
                case "who" -> who(team(words));
                case "page" -> page(team(words), words, userId, responseUrl, urls);
                case "hello" -> hello(team(words), words, userId);
                case "bye" -> bye(team(words), userId);
                case "cover" -> cover(team(words), words, userId);
                default -> new Reply(false, HELP);
            };
        } catch (Refusal e) {
            return new Reply(false, escape(e.detail()));
        }
    }

    private Reply who(String team) {
        Timeline timeline = schedules.timeline(team);
        return new Reply(false, escape(OnCallSentences.who(team, timeline, clock.instant(), schedules.people()::name)));
    }

    private Reply page(String team, List<String> words, String userId, String responseUrl, CallbackUrls urls) {
        People.Person caller = member(team, userId);
        boolean all = !words.isEmpty() && words.getFirst().equalsIgnoreCase("all");
        if (all) {
            words.removeFirst();
        }
        String message = String.join(" ", words);
        if (message.isBlank()) {
            throw Refusal.invalid("missing_message", "say what is wrong: /oncall page " + team + " [all] <message>");
        }
        AlertResult result = alerts.page(new Recipients(List.of(), List.of(team)), message + " (paged by " + caller.name()
                + " from Slack)", Optional.empty(), urls, all);
        if (result instanceof AlertResult.Opened opened && !opened.outcome().calls().isEmpty()) {
            followUps.watch(opened.outcome().incidentId(), responseUrl);
        }
        String whom = switch (result) {
            case AlertResult.Opened o when !o.outcome().onCall().isEmpty() -> team + " on call ("
                    + String.join(", ", o.outcome().onCall().stream().map(schedules.people()::name).toList()) + ")";
            case AlertResult.Opened o -> "all of " + team + " (" + o.outcome().calls().size() + " phones)";
            default -> team;
        };
        return new Reply(true, escape("Paging " + whom + ": " + message + " (by " + caller.name() + ")"));
    }

    private Reply hello(String team, List<String> words, String userId) {
        People.Person caller = member(team, userId);
        Instant now = clock.instant();
        ZoneId zone = schedules.timeline(team).latest().zone();
        Instant until = now.plus(DEFAULT_STANDBY);
        String how = String.join(" ", words).toLowerCase(Locale.ROOT);
        Matcher hours = HOURS.matcher(how);
        if (hours.matches()) {
            until = now.plus(Duration.ofHours(Integer.parseInt(hours.group(1))));
        } else if (how.startsWith("until ")) {
            LocalTime time = time(how.substring(6).strip());
            LocalDateTime local = LocalDateTime.of(now.atZone(zone).toLocalDate(), time);
            until = local.atZone(zone).toInstant().isAfter(now) ? local.atZone(zone).toInstant() : local.plusDays(1).atZone(zone).toInstant();
        } else if (!how.isBlank()) {
            throw Refusal.invalid("invalid_standby", "say how long: /oncall hello " + team + " [2h | until 18:00]");
        }
        if (Duration.between(now, until).compareTo(MAX_STANDBY) > 0) {
            throw Refusal.invalid("standby_too_long", "a standby check-in lasts at most 24 h");
        }
        schedules.addOverride(team, Map.of("start", now.toString(), "end", until.toString(), "add", List.of(caller.id()),
                "reason", "standby (Slack hello)"), "slack:" + userId);
        return new Reply(false, escape("Standby: you are on call for " + team + " until " + OnCallSentences.local(until, zone)
                + ". /oncall bye " + team + " checks you out."));
    }

    private Reply bye(String team, String userId) {
        People.Person caller = member(team, userId);
        Instant now = clock.instant();
        List<Override> mine = schedules.timeline(team).overrides().stream().filter(o -> o.activeAt(now)
                && o.remove().isEmpty() && o.add().contains(caller.id())).toList();
        if (mine.isEmpty()) {
            return new Reply(false, "You have no standby check-in running for " + escape(team) + ".");
        }
        mine.forEach(o -> schedules.deleteOverride(team, o.id()));
        return new Reply(false, "Checked out: you are off standby for " + escape(team) + ".");
    }

    private Reply cover(String team, List<String> words, String userId) {
        People.Person caller = member(team, userId);
        if (words.size() < 2) {
            throw Refusal.invalid("invalid_cover", "say when: /oncall cover " + team + " <start> <end> [@user]");
        }
        Timeline timeline = schedules.timeline(team);
        ZoneId zone = timeline.latest().zone();
        Instant start = when(words.get(0), zone);
        Instant end = when(words.get(1), zone);
        if (start.isBefore(clock.instant())) {
            throw Refusal.forbidden("past_override_needs_api_token", "a cover cannot start in the past from Slack; "
                    + "POST /schedules/" + team + "/overrides with the alert token can");
        }
        People.Person who = caller;
        if (words.size() > 2) {
            Matcher mention = MENTION.matcher(words.get(2));
            if (!mention.matches()) {
                throw Refusal.invalid("invalid_cover", "name who covers as a Slack mention, e.g. @bob");
            }
            who = schedules.people().bySlack(mention.group(1)).orElseThrow(() -> Refusal.invalid("unknown_person",
                    "that Slack user is not in <ParameterPath>/people"));
        }
        List<String> onCall = timeline.at(start).people(1);
        Map<String, Object> body = new HashMap<>(Map.of("start", start.toString(), "end", end.toString(),
                "add", List.of(who.id()), "reason", "cover (Slack)"));
        if (!onCall.isEmpty() && !onCall.contains(who.id())) {
            body.put("remove", onCall);
        }
        Override o = schedules.addOverride(team, body, "slack:" + userId);
        return new Reply(true, escape(who.name() + " covers " + team + " from " + OnCallSentences.local(o.start(), zone)
                + " to " + OnCallSentences.local(o.end(), zone) + (onCall.isEmpty() ? "" : " for " + String.join(", ",
                onCall.stream().map(schedules.people()::name).toList())) + "."));
    }

    private People.Person member(String team, String userId) {
        People.Person caller = schedules.people().bySlack(userId).orElseThrow(() -> Refusal.forbidden("not_on_roster",
                "you are not on the " + team + " roster (no <ParameterPath>/people/<id> has your Slack id)"));
        if (!schedules.onRoster(team, caller.id())) {
            throw Refusal.forbidden("not_on_roster", "you are not on the " + team + " roster");
        }
        return caller;
    }

    private static String team(List<String> words) {
        if (words.isEmpty()) {
            throw Refusal.invalid("missing_team", "name a team, e.g. /oncall who sre");
        }
        return words.removeFirst();
    }

    private static Instant when(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("invalid_cover", "times look like 2027-01-05T18:00 (in the schedule's zone), got '"
                    + (text.length() > 30 ? text.substring(0, 30) : text) + "'");
        }
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("invalid_standby", "say a time such as 18:00");
        }
    }

    private static String escape(String text) {
        return EventPayloads.escape(text);
    }
}
