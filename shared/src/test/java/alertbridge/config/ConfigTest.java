package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "t");
        env.put("TWILIO_ACCOUNT_SID_PARAM", "/ab/twilio/account-sid");
        env.put("TWILIO_AUTH_TOKEN_PARAM", "/ab/twilio/auth-token");
        env.put("TWILIO_CALLER_NUMBER_PARAM", "/ab/twilio/caller-number");
        env.put("ALERT_TOKENS_PARAM", "/ab/alert-tokens");
        return env;
    }

    @Test
    void defaultsMatchTheTemplate() {
        Settings s = Settings.fromEnvironment(env());
        assertEquals(20, s.maxCallees());
        assertEquals(30, s.callTimeoutSeconds());
        assertTrue(s.requireKeypress());
        assertTrue(s.inlineAnswerTwiml(), "the alert goes inline with each call unless INLINE_ANSWER_TWIML=false");
        assertEquals(Optional.empty(), s.defaultRegion());
        assertEquals(Optional.empty(), s.publicBaseUrl());
        assertEquals(Duration.ofDays(90), s.retention());
        assertEquals(4, s.parameters().all().size());
        assertTrue(s.callIn(), "CallIn defaults to rosters");
    }

    @Test
    void incidentLinksLastADayAndNeedTheirSecretsName() {
        Map<String, String> env = env();
        assertEquals(java.time.Duration.ofHours(24), Settings.fromEnvironment(env).links().lifetime());
        assertFalse(Settings.fromEnvironment(env).links().sent(), "no secret named: no links");
        env.put("INCIDENT_LINK_SECRET_PARAM", "/alertbridge/incident-link-secret");
        assertTrue(Settings.fromEnvironment(env).links().sent());
        env.put("INCIDENT_LINK_HOURS", "0");
        assertFalse(Settings.fromEnvironment(env).links().sent(), "IncidentLinkHours=0: no links");
        env.put("INCIDENT_LINK_HOURS", "169");
        assertTrue(assertThrows(IllegalStateException.class, () -> Settings.fromEnvironment(env)).getMessage()
                .contains("INCIDENT_LINK_HOURS"));
    }

    @Test
    void callInIsRostersOrOff() {
        Map<String, String> env = env();
        env.put("CALL_IN", "off");
        assertFalse(Settings.fromEnvironment(env).callIn());
        env.put("CALL_IN", "Rosters");
        assertTrue(Settings.fromEnvironment(env).callIn());
        env.put("CALL_IN", "of");
        assertTrue(assertThrows(IllegalStateException.class, () -> Settings.fromEnvironment(env)).getMessage().contains("CALL_IN"));
    }

    @Test
    void badValuesFailAtStartWithTheirName() {
        Map<String, String> env = env();
        env.remove("TABLE_NAME");
        assertTrue(assertThrows(IllegalStateException.class, () -> Settings.fromEnvironment(env)).getMessage().contains("TABLE_NAME"));
        Map<String, String> env2 = env();
        env2.put("MAX_CALLEES", "lots");
        assertTrue(assertThrows(IllegalStateException.class, () -> Settings.fromEnvironment(env2)).getMessage().contains("MAX_CALLEES"));
        Map<String, String> env3 = env();
        env3.put("REQUIRE_KEYPRESS", "false");
        env3.put("DEFAULT_REGION", " ");
        assertFalse(Settings.fromEnvironment(env3).requireKeypress());
        assertEquals(Optional.empty(), Settings.fromEnvironment(env3).defaultRegion());
    }

    @Test
    void parametersAreCachedThenRefreshedAndSurviveAFailedRefresh() {
        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<String> value = new AtomicReference<>("one");
        AtomicReference<Boolean> failing = new AtomicReference<>(false);
        ParameterSource source = names -> {
            fetches.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("SSM down");
            }
            return Map.of("/p", value.get());
        };
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T00:00:00Z"));
        CachedParameters cached = new CachedParameters(source, List.of("/p"), Duration.ofMinutes(5), clock);
        assertEquals("one", cached.get("/p"));
        value.set("two");
        assertEquals("one", cached.get("/p"));
        assertEquals(1, fetches.get());
        clock.advance(Duration.ofMinutes(6));
        assertEquals("two", cached.get("/p"));
        failing.set(true);
        clock.advance(Duration.ofMinutes(6));
        assertEquals("two", cached.get("/p"));
        assertThrows(IllegalArgumentException.class, () -> cached.get("/other"));
    }

    @Test
    void guardsDefaultToTheTemplateAndParseTheirValues() {
        GuardSettings defaults = Settings.fromEnvironment(env()).guards();
        assertEquals(new GuardSettings(java.util.Set.of(), 6, true, Optional.empty()), defaults);
        Map<String, String> env = env();
        env.put("ALLOWED_COUNTRIES", "jp, US,,");
        env.put("MAX_CALLS_PER_NUMBER_PER_HOUR", "2");
        env.put("ALLOW_AD_HOC_NUMBERS", "false");
        env.put("TEAMS_PARAM_PATH", "/ab/teams/");
        assertEquals(new GuardSettings(java.util.Set.of("JP", "US"), 2, false, Optional.of("/ab/teams")),
                Settings.fromEnvironment(env).guards());
        env.put("MAX_CALLS_PER_NUMBER_PER_HOUR", "0");
        assertTrue(assertThrows(IllegalStateException.class, () -> Settings.fromEnvironment(env)).getMessage()
                .contains("MAX_CALLS_PER_NUMBER_PER_HOUR"));
    }

    @Test
    void parametersNotNamedUpFrontAreReadOnDemandAndCachedAbsentOnesToo() {
        Map<String, String> ssm = new java.util.concurrent.ConcurrentHashMap<>(Map.of("/p", "v", "/teams/sre", "+81"));
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicReference<Boolean> failing = new AtomicReference<>(false);
        ParameterSource source = names -> {
            asked.addAll(names);
            if (failing.get()) {
                throw new RuntimeException("SSM down");
            }
            Map<String, String> out = new HashMap<>();
            for (String n : names) {
                if (!ssm.containsKey(n)) {
                    throw new IllegalStateException("SSM parameters not found: " + n);
                }
                out.put(n, ssm.get(n));
            }
            return out;
        };
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T00:00:00Z"));
        CachedParameters cached = new CachedParameters(source, List.of("/p"), Duration.ofMinutes(5), clock);
        assertEquals(Optional.of("+81"), cached.find("/teams/sre"));
        assertEquals(Optional.empty(), cached.find("/teams/nope"));
        assertEquals(Optional.of("v"), cached.find("/p"));
        ssm.put("/teams/nope", "+82");
        assertEquals(Optional.of("+81"), cached.find("/teams/sre"));
        assertEquals(Optional.empty(), cached.find("/teams/nope"), "absence is cached for the ttl too");
        assertEquals(List.of("/p", "/teams/sre", "/teams/nope"), asked);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(Optional.of("+82"), cached.find("/teams/nope"));
        failing.set(true);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(Optional.of("+81"), cached.find("/teams/sre"), "a failed refresh keeps the value held");
        assertThrows(RuntimeException.class, () -> cached.find("/teams/new"), "nothing held: the failure shows");
    }
}
