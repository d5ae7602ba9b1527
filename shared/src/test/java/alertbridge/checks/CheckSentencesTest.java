package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSentencesTest {
    private static final Instant CREATED = Instant.parse("2026-11-28T09:00:00Z");
    private static final CheckSpec TOKYO = new CheckSpec("nightly-backup", Schedule.Cron.of("0 3 * * *", "Asia/Tokyo"),
            Duration.ofMinutes(10), Optional.of("sre"), List.of());
    private static final Check NEW = Check.created(TOKYO, PingKeys.next(), CREATED);
    private final CheckSentences english = new CheckSentences("en-US");
    private final CheckSentences japanese = new CheckSentences("ja-JP");

    @Test
    void missedSaysSinceWhenOnTheChecksClock() {
        Check up = CheckTransitions.ping(NEW, Ping.of("", Instant.parse("2026-11-29T18:00:05Z"))).check(); // 03:00 JST
        Instant now = Instant.parse("2026-11-30T18:10:00Z"); // 03:10 JST next day
        Check down = CheckTransitions.detect(up, now).check();
        assertEquals("Check nightly-backup is down: no ping since Nov 30, 03:00 Japan Time.", english.down(down, now));
        assertEquals("Check nightly-backup is down: no ping since 03:00 Japan Time.",
                english.down(down, Instant.parse("2026-11-29T19:00:00Z")), "the same day: no date");
        assertEquals("チェック nightly-backup が止まっています。最後の成功は 11月30日 03:00 日本時間 です。", japanese.down(down, now));
    }

    @Test
    void failureSaysTheExitStatus() {
        Instant at = Instant.parse("2026-11-30T18:05:00Z");
        Check failed = CheckTransitions.ping(NEW, Ping.of("3", at)).check();
        assertEquals("Check nightly-backup reported a failure with exit status 3 at 03:05 Japan Time.",
                english.down(failed, at));
        Check failedPlain = CheckTransitions.ping(NEW, Ping.of("fail", at)).check();
        assertEquals("チェック nightly-backup が 03:05 日本時間 に失敗を報告しました。", japanese.down(failedPlain, at));
    }

    @Test
    void neverPingedAndStartedButNotFinished() {
        Instant now = Instant.parse("2026-11-28T09:30:00Z");
        assertEquals("Check nightly-backup is down: it has not pinged since it was set up at 18:00 Japan Time.",
                english.down(NEW, now));
        Check started = CheckTransitions.ping(NEW, Ping.of("start", now)).check();
        assertEquals("Check nightly-backup started at 18:30 Japan Time and has not finished.",
                english.down(started, now.plusSeconds(600)));
        assertEquals("Resolved: check nightly-backup is up again.", english.up(started));
    }

    @Test
    void periodChecksSpeakUtc() {
        CheckSpec every = new CheckSpec("queue-drain", new Schedule.Every(Duration.ofMinutes(5)), Duration.ZERO,
                Optional.empty(), List.of("+15005550006"));
        Instant at = Instant.parse("2026-11-30T18:05:00Z");
        Check check = CheckTransitions.ping(Check.created(every, PingKeys.next(), at), Ping.of("", at)).check();
        assertEquals("Check queue-drain is down: no ping since 18:05 UTC.", english.down(check, at));
    }
}
