package alertbridge.callin;

import alertbridge.testing.SettableClock;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.config.ParameterSource;
import alertbridge.config.SsmParameterSource;
import alertbridge.phone.PhoneNumbers;
import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who is on a roster, read from moto's SSM through the production reader, and kept for the cache time. */
class RosterMembershipIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicReference<RuntimeException> outage = new AtomicReference<>();
    /** How many listings SSM throttles before it answers again. */
    private final AtomicInteger throttled = new AtomicInteger();

    /** The SSM reader, counting its listings, and failing while {@link #outage} is set. */
    private final ParameterSource ssm = new ParameterSource() {
        private final SsmParameterSource real = new SsmParameterSource(aws.ssm());

        @Override
        public Map<String, String> fetch(Collection<String> names) {
            return real.fetch(names);
        }

        @Override
        public Map<String, String> under(String path) {
            if (outage.get() != null) {
                throw outage.get();
            }
            if (throttled.getAndDecrement() > 0) {
                throw new IllegalStateException("ThrottlingException: Rate exceeded");
            }
            listings.incrementAndGet();
            return real.under(path);
        }
    };


    private RosterMembership membership(String teams, Optional<String> region) {
        return new RosterMembership(Optional.of(aws.parameterPath() + "/" + teams), ssm, new PhoneNumbers(region),
                Duration.ofMinutes(5), clock);
    }

    @Test
    void everyTierOfEveryRosterCountsAsWrittenOrNationally() {
        aws.putParameter("tiers/sre", "+818012345601, +818012345602; round2: +818012345603\nround3: 090-1234-5678");
        aws.putSecret("tiers/db", "+14155550100,not-a-number; lead: +818012345604");
        aws.putParameter("tiers/nested/x", "+818012345605");
        RosterMembership members = membership("tiers", Optional.of("JP"));
        for (String number : java.util.List.of("+818012345601", "+818012345602", "+818012345603", "+819012345678", "+14155550100")) {
            assertTrue(members.includes(number), number);
        }
        assertTrue(members.includes(" 090-1234-5678 "), "a caller is normalised as the roster is");
        assertFalse(members.includes("+818012345604"), "a tier that cannot be read is skipped");
        assertFalse(members.includes("+818012345605"), "rosters are the parameters directly under teams/");
        assertFalse(members.includes("+818012345699"));
        for (String withheld : new String[] {"anonymous", "", "+266696687", "client:alice", null}) {
            assertFalse(members.includes(withheld), String.valueOf(withheld));
        }
        assertTrue(listings.get() == 1, "read once for all these callers: " + listings.get());
    }

    @Test
    void keptForTheCacheTimeThenReadAgainAndKeptThroughAnSsmOutage() {
        aws.putParameter("cached/oncall", "+818012345611");
        RosterMembership members = membership("cached", Optional.empty());
        assertTrue(members.includes("+818012345611"));
        aws.putParameter("cached/oncall", "+818012345612");
        clock.set(clock.instant().plus(Duration.ofMinutes(4)));
        assertTrue(members.includes("+818012345611"), "within the cache time");
        assertFalse(members.includes("+818012345612"));
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        assertTrue(members.includes("+818012345612"), "after it: read again");
        assertFalse(members.includes("+818012345611"), "taken off the roster");

        outage.set(new IllegalStateException("SSM is down"));
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertTrue(members.includes("+818012345612"), "a failed refresh keeps the numbers held");
        outage.set(null);
        aws.putParameter("cached/oncall", "+818012345613");
        assertTrue(members.includes("+818012345612"), "the failed refresh counts as a read: asked again after the cache time");
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertTrue(members.includes("+818012345613"));
    }

    @Test
    void withNothingHeldAnSsmFailureIsNotMistakenForAnEmptyRoster() {
        outage.set(new IllegalStateException("SSM is down"));
        RosterMembership members = membership("unreadable", Optional.empty());
        assertThrows(IllegalStateException.class, () -> members.includes("+818012345601"));
    }

    @Test
    void aThrottledFirstReadIsTriedAgainWithinASecond() {
        aws.putParameter("throttled/oncall", "+818012345614");
        throttled.set(2);
        long start = System.nanoTime();
        assertTrue(membership("throttled", Optional.empty()).includes("+818012345614"), "the third read answers");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertTrue(listings.get() == 1);
    }

    @Test
    void withoutARosterPathNobodyIsOnARoster() {
        RosterMembership none = new RosterMembership(Optional.empty(), ssm, new PhoneNumbers(Optional.empty()), Duration.ZERO, clock);
        assertFalse(none.includes("+818012345601"));
        assertTrue(listings.get() == 0);
    }
}
