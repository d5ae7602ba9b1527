package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.aws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The production SSM reader against moto's SSM: SecureStrings, batches, missing names, and the cache over it. */
class SsmParameterSourceIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private final SsmParameterSource source = new SsmParameterSource(aws.ssm());

    @Test
    void readsStringsAndDecryptedSecureStringsInBatchesOfTen() {
        Map<String, String> expected = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 23; i++) { // three GetParameters calls
            String name = "p" + i;
            String value = "value " + i + " 日本語";
            if (i % 2 == 0) {
                aws.putSecret(name, value);
            } else {
                aws.putParameter(name, value);
            }
            names.add(aws.parameterPath() + "/" + name);
            expected.put(aws.parameterPath() + "/" + name, value);
        }
        assertEquals(expected, source.fetch(names));
    }

    @Test
    void underListsEveryParameterOfAPathPageByPageButNotItsSubPathsOrNeighbours() {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 23; i++) { // GetParametersByPath returns at most ten per page: three pages
            String name = "listed/team" + i;
            String value = "+8180123456" + String.format("%02d", i) + "; round2: +818012345699";
            if (i % 3 == 0) {
                aws.putSecret(name, value);
            } else {
                aws.putParameter(name, value);
            }
            expected.put(aws.parameterPath() + "/" + name, value);
        }
        aws.putParameter("listed/nested/team", "+818012345698"); // below a sub-path: not listed
        aws.putParameter("listed-old/team", "+818012345697");    // a neighbour whose name starts alike
        aws.putParameter("listedteam", "+818012345696");

        var firstPage = aws.ssm().getParametersByPath(b -> b.path(aws.parameterPath() + "/listed").recursive(false));
        assertTrue(firstPage.parameters().size() <= 10 && firstPage.nextToken() != null, "SSM answers page by page");
        Map<String, String> listed = source.under(aws.parameterPath() + "/listed");
        assertEquals(expected, listed);
        assertEquals(Map.of(), source.under(aws.parameterPath() + "/nothing-here"));
    }

    @Test
    void missingNamesAreNamedAndFindSaysEmpty() {
        aws.putSecret("alert-tokens", "a,b");
        String present = aws.parameterPath() + "/alert-tokens";
        String absent = aws.parameterPath() + "/teams/nobody";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.fetch(List.of(present, absent)));
        assertTrue(e.getMessage().contains(absent) && !e.getMessage().contains(present), e.getMessage());
        assertEquals(Optional.of("a,b"), source.find(present));
        assertEquals(Optional.empty(), source.find(absent));
    }

    @Test
    void theCacheOverSsmPicksUpARotationAfterItsTimeAndSurvivesAnSsmOutage() throws Exception {
        aws.putSecret("twilio/auth-token", "old");
        aws.putParameter("teams/sre", "+818012345601");
        String token = aws.parameterPath() + "/twilio/auth-token";
        String roster = aws.parameterPath() + "/teams/sre";
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AtomicReference<ParameterSource> ssm = new AtomicReference<>(source);
        ParameterSource switchable = new ParameterSource() {
            @Override
            public Map<String, String> fetch(java.util.Collection<String> names) {
                return ssm.get().fetch(names);
            }

            @Override
            public Optional<String> find(String name) {
                return ssm.get().find(name);
            }
        };
        CachedParameters cached = new CachedParameters(switchable, List.of(token), Duration.ofMinutes(5), clock);
        assertEquals("old", cached.get(token));
        assertEquals(Optional.of("+818012345601"), cached.find(roster));

        aws.putSecret("twilio/auth-token", "new");
        aws.putParameter("teams/sre", "+818012345602");
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertEquals("old", cached.get(token), "within the cache time");
        assertEquals(Optional.of("+818012345601"), cached.find(roster));
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertEquals("new", cached.get(token), "after it: read again from SSM");
        assertEquals(Optional.of("+818012345602"), cached.find(roster));

        try (SsmClient unreachable = unreachableSsm()) {
            ssm.set(new SsmParameterSource(unreachable));
            assertThrows(SdkClientException.class, () -> ssm.get().fetch(List.of(token)), "SSM is really down");
            now.set(now.get().plus(Duration.ofMinutes(6)));
            assertEquals("new", cached.get(token), "a failed refresh keeps the value held");
            assertEquals(Optional.of("+818012345602"), cached.find(roster));
        }
    }

    @Test
    void aColdStartWithSsmDownFailsWithOneLogLineNamingTheParameters() throws Exception {
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        alertbridge.log.JsonLog.redirect(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        String token = aws.parameterPath() + "/twilio/auth-token";
        String tokens = aws.parameterPath() + "/alert-tokens";
        try (SsmClient unreachable = unreachableSsm()) {
            assertThrows(SdkClientException.class, () -> new CachedParameters(new SsmParameterSource(unreachable),
                    List.of(token, tokens), Duration.ofMinutes(5), Clock.systemUTC()));
        } finally {
            alertbridge.log.JsonLog.redirect(System.out);
        }
        List<String> lines = logs.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("parameters_unavailable_at_start")).toList();
        assertEquals(1, lines.size(), logs.toString(java.nio.charset.StandardCharsets.UTF_8));
        // the names as logged: JsonLog masks any long digit run, which the random test path may hold
        org.junit.jupiter.api.Assertions.assertTrue(lines.getFirst().contains("/twilio/auth-token,")
                && lines.getFirst().contains("/alert-tokens\""), lines.getFirst());
    }

    /** An SSM client for a loopback port nothing listens on: every call fails to connect. */
    private static SsmClient unreachableSsm() {
        return alertbridge.testkit.aws.Unreachable.ssm();
    }
}
