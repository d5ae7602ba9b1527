package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.testkit.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A parameter given with {@code ./local/run --parameter-overrides} reaches the real handler, through template.yaml. */
class ParameterOverrideEndToEndTest {
    @Test
    void maxCalleesOfOneCallsOneAndRejectsTheOther() {
        ParameterOverrides overrides = ParameterOverrides.fromCommandLine(List.of("--parameter-overrides", "MaxCallees=1"));
        assertEquals(java.util.Optional.empty(), overrides.refusal(SamTemplate.read(RepoRoot.resolve("template.yaml"))));
        StackOptions options = StackOptions.forTests(0.05);
        for (var override : overrides.values().entrySet()) {
            options = options.withParameter(override.getKey(), override.getValue());
        }
        try (LocalStack stack = LocalStack.start(options)) {
            LocalClient.Response alert = new LocalClient(stack).alert("to=+818012345601,+818012345602&message=Disk full");

            assertEquals(202, alert.status(), String.valueOf(alert.json()));
            JsonNode calls = alert.json().get("calls");
            JsonNode rejected = alert.json().get("rejected");
            assertEquals(1, calls.size(), alert.json().toString());
            assertEquals(1, rejected.size(), alert.json().toString());
            assertEquals("+818012345602", rejected.get(0).get("to").asText());
            assertTrue(rejected.get(0).get("reason").asText().contains("MaxCallees"), rejected.toString());
            assertEquals("1", stack.functions().stream().filter(f -> f.logicalId().equals("AlertFunction")).findFirst()
                    .orElseThrow().environment().get("MAX_CALLEES"));
        }
    }
}
