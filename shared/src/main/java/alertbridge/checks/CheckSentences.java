package alertbridge.checks;

import alertbridge.formats.SpokenText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * What the phone says about a check: which job, what went wrong and since when, on the clock of the check's time zone
 * (the cron's, else UTC). English, or Japanese when the language tag starts with {@code ja} (as the prompts do).
 */
public final class CheckSentences {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_CLOCK_JA = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final boolean japanese;

    /** @param language BCP-47 tag such as {@code en-US} or {@code ja-JP}; blank means English */
    public CheckSentences(String language) {
        this.japanese = SpokenText.isJapanese(language);
    }

    /** Why {@code check} (down) pages, said at {@code now}. */
    public String down(Check check, Instant now) {
        String name = check.name();
        Ping last = check.lastPing().orElse(null);
        if (last != null && last.kind() == PingKind.FAIL) {
            String status = last.exitStatus().map(s -> japanese ? "（終了ステータス " + s + "）" : " with exit status " + s).orElse("");
            return japanese ? "チェック " + name + " が " + when(last.at(), check, now) + " に失敗を報告しました" + status + "。"
                    : "Check " + name + " reported a failure" + status + " at " + when(last.at(), check, now) + ".";
        }
        if (last != null && last.kind() == PingKind.START) {
            return japanese ? "チェック " + name + " は " + when(last.at(), check, now) + " に始まり、終わっていません。"
                    : "Check " + name + " started at " + when(last.at(), check, now) + " and has not finished.";
        }
        if (check.lastSuccess().isPresent()) {
            return japanese ? "チェック " + name + " が止まっています。最後の成功は " + when(check.lastSuccess().get(), check, now) + " です。"
                    : "Check " + name + " is down: no ping since " + when(check.lastSuccess().get(), check, now) + ".";
        }
        return japanese ? "チェック " + name + " は " + when(check.created(), check, now) + " に作られてから一度も報告がありません。"
                : "Check " + name + " is down: it has not pinged since it was set up at " + when(check.created(), check, now) + ".";
    }

    /** Said (and texted, with {@code ResolvedSms}) when a success resolves the check's incident. */
    public String up(Check check) {
        return japanese ? "復旧: チェック " + check.name() + " が再び成功しました。" : "Resolved: check " + check.name() + " is up again.";
    }

    /** {@code 03:00 Japan Time} (or {@code UTC}), with the date when it was not on the day of {@code now}. */
    private String when(Instant at, Check check, Instant now) {
        ZoneId zone = check.spec().schedule().zone();
        ZonedDateTime time = at.atZone(zone);
        boolean sameDay = time.toLocalDate().equals(now.atZone(zone).toLocalDate());
        String clock = (sameDay ? CLOCK : japanese ? DAY_CLOCK_JA : DAY_CLOCK).format(time);
        String zoneName = zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC"
                : zone.getDisplayName(TextStyle.FULL, japanese ? Locale.JAPANESE : Locale.ENGLISH);
        return clock + " " + zoneName;
    }
}
