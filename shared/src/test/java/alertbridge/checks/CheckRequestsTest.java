package alertbridge.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckRequestsTest {
    @Test
    void readsTheIssuesTwoExamples() {
        CheckSpec period = CheckRequests.spec("queue", Map.of("periodSeconds", 300, "graceSeconds", 60, "team", "sre"));
        assertEquals(new CheckSpec("queue", new Schedule.Every(Duration.ofSeconds(300)), Duration.ofSeconds(60),
                Optional.of("sre"), List.of()), period);
        CheckSpec cron = CheckRequests.spec("backup", Map.of("cron", "0 3 * * *", "tz", "Asia/Tokyo", "graceSeconds", 600,
                "to", List.of("+819012345678")));
        assertEquals(Schedule.Cron.of("0 3 * * *", "Asia/Tokyo"), cron.schedule());
        assertEquals(List.of("+819012345678"), cron.to());
        assertEquals(CheckSpec.DEFAULT_GRACE, CheckRequests.spec("d", Map.of("periodSeconds", 60, "team", "t")).grace());
    }

    @Test
    void saysWhatIsWrong() {
        assertRefused(Map.of("team", "sre"), "either");
        assertRefused(Map.of("periodSeconds", 60, "cron", "* * * * *", "team", "sre"), "either");
        assertRefused(Map.of("periodSeconds", 60), "whom to page");
        assertRefused(Map.of("periodSeconds", "60", "team", "sre"), "whole number");
        assertRefused(Map.of("periodSeconds", 10, "team", "sre"), "between 60");
        assertRefused(Map.of("periodSeconds", 60, "tz", "UTC", "team", "sre"), "\"tz\" goes with \"cron\"");
        assertRefused(Map.of("periodSeconds", 60, "team", "sre", "grace", 5), "unknown field \"grace\"");
        assertRefused(Map.of("periodSeconds", 60, "to", List.of("0901234")), "E.164");
        assertRefused(Map.of("periodSeconds", 60, "graceSeconds", -1, "team", "sre"), "graceSeconds");
        assertThrows(IllegalArgumentException.class, () -> CheckRequests.spec("bad name", Map.of("periodSeconds", 60, "team", "sre")));
    }

    private static void assertRefused(Map<String, Object> body, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckRequests.spec("c", body));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
