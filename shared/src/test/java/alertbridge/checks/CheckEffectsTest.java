package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckEffectsTest {
    private final List<String> seen = new ArrayList<>();
    private final CheckEffects effects = new CheckEffects(new CheckPager() {
        @Override
        public void page(Check check, String sentence) {
            seen.add("page " + check.dedupKey() + " " + sentence);
        }

        @Override
        public void resolve(Check check) {
            seen.add("resolve " + check.dedupKey());
        }
    }, ZoneId.of("UTC"));

    @Test
    void missPagesOnceAndSuccessResolves() {
        Instant t0 = Instant.parse("2026-11-30T18:00:00Z");
        Check up = CheckTransitions.ping(Check.created("job", Duration.ofMinutes(1), Duration.ZERO, t0),
            PingKind.SUCCESS, t0).check();
        var down = CheckTransitions.detect(up, t0.plusSeconds(60));
        effects.apply(down);
        effects.apply(CheckTransitions.detect(down.check(), t0.plusSeconds(120)));
        effects.apply(CheckTransitions.ping(down.check(), PingKind.SUCCESS, t0.plusSeconds(130)));
        assertEquals(List.of("page check:job Check job is down: no ping since 18:00 Coordinated Universal Time.",
            "resolve check:job"), seen);
    }
}
