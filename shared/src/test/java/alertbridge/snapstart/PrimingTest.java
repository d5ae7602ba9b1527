package alertbridge.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.log.JsonLog;
import alertbridge.testing.SnapStartCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/** The hooks' frame: every step runs, a failing one is named, priming's own lines are muted, restoring's are not. */
class PrimingTest {
    private static final JsonLog LOG = JsonLog.forComponent("priming-test");

    @Test
    void aFailingStepIsNamedAndTheOthersStillRun() {
        List<String> ran = new ArrayList<>();
        List<JsonNode> lines = SnapStartCheck.logOf(() -> Priming.prime("SomeFunction",
                Priming.step("first", () -> ran.add("first")),
                Priming.step("broken", () -> {
                    throw new IllegalStateException("no");
                }),
                Priming.step("last", () -> ran.add("last"))));
        assertEquals(List.of("first", "last"), ran);
        assertEquals(1, lines.size(), lines::toString);
        JsonNode line = lines.getFirst();
        assertEquals("WARN", line.path("level").asText());
        assertEquals("snapstart_primed", line.path("event").asText());
        assertEquals("[\"broken:IllegalStateException\"]", line.path("failed").toString());
        assertEquals(3, line.path("stepMs").size());
    }

    @Test
    void primingMutesWhatItsStepsLogAndRestoringDoesNot() {
        List<JsonNode> primed = SnapStartCheck.logOf(() -> Priming.prime("SomeFunction",
                Priming.step("logs", () -> LOG.warn("signature_rejected"))));
        assertEquals(List.of("snapstart_primed"), primed.stream().map(l -> l.path("event").asText()).toList());

        List<JsonNode> restored = SnapStartCheck.logOf(() -> Priming.restore("SomeFunction",
                Priming.step("logs", () -> LOG.warn("parameter_refresh_failed_using_cached"))));
        assertEquals(List.of("parameter_refresh_failed_using_cached", "snapstart_restored"),
                restored.stream().map(l -> l.path("event").asText()).toList());
        assertTrue(restored.getLast().path("stepMs").toString().contains("randomness:"), "randomness is re-seeded first");
    }

    @Test
    void registeringOutsideACracRuntimeIsHarmless() {
        Priming.register(new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
            }
        });
    }

    @Test
    void onlyTheKeepAliveRouteIsAKeepAlive() {
        assertTrue(Priming.isKeepAlive(new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withResource(Priming.KEEP_ALIVE_RESOURCE)));
        assertEquals(false, Priming.isKeepAlive(new com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent()
                .withResource("/alert").withPath(Priming.KEEP_ALIVE_RESOURCE)));
        assertEquals(false, Priming.isKeepAlive(null));
    }
}
