package alertbridge.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoundPolicyTest {
    private static RoundPolicy ringing(int seconds) {
        return new RoundPolicy(3, 1, Duration.ofSeconds(60), false, true, seconds);
    }

    @Test
    void theDeadlineCoversTwiliosQueueTheRingAndTimeToPressAKey() {
        // (calls - 1) at one call per second + ring time + Twilio's 5 s buffer + 45 s to hear the alert and press
        assertEquals(Duration.ofSeconds(80), ringing(30).deadline(1));
        assertEquals(Duration.ofSeconds(99), ringing(30).deadline(20));
        assertEquals(Duration.ofSeconds(749), ringing(600).deadline(100));
        assertEquals(Duration.ofSeconds(900), ringing(600).deadline(300), "capped at SQS's longest message timer");
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RoundPolicy(0, 1, Duration.ZERO, false, true, 30));
        assertThrows(IllegalArgumentException.class, () -> new RoundPolicy(3, 0, Duration.ZERO, false, true, 30));
        assertThrows(IllegalArgumentException.class, () -> new RoundPolicy(3, 1, Duration.ofSeconds(901), false, true, 30));
    }
}
