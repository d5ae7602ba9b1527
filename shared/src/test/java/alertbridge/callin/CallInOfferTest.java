package alertbridge.callin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a caller was offered, as it travels in the signed key-press URL. */
class CallInOfferTest {
    private static final String A = "Ab9_-xYz0123456789abcd";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBB";
    private static final String C = "CCCCCCCCCCCCCCCCCCCCCC";

    @Test
    void roundTripsThroughItsValue() {
        CallInOffer three = new CallInOffer(List.of(A, B, C), 1);
        assertEquals(A + "." + B + "." + C, three.value());
        assertEquals(Optional.of(three), CallInOffer.parse(three.value()));
        CallInOffer again = three.askedAgain();
        assertEquals(A + "." + B + "." + C + ".ask2", again.value());
        assertEquals(Optional.of(again), CallInOffer.parse(again.value()));
    }

    @Test
    void anythingElseIsNoOffer() {
        for (String value : List.of("", " ", "abc", A + "," + B, A + "." + A, A + "." + B + "." + C + "." + A, A + ".ask1",
                A + ".ask10", "ask2", A + ".", "." + A, A + ".." + B, A + ".ask2.ask3", "a".repeat(200))) {
            assertEquals(Optional.empty(), CallInOffer.parse(value), value);
        }
        assertThrows(IllegalArgumentException.class, () -> new CallInOffer(List.of(), 1));
    }

    @Test
    void oneIncidentTakesAnyKeySeveralTheirNumber() {
        CallInOffer one = new CallInOffer(List.of(A), 1);
        for (String key : List.of("1", "0", "9", "*", "#")) {
            assertEquals(Optional.of(A), one.chosenBy(key), key);
        }
        assertEquals(Optional.empty(), one.chosenBy(""));
        CallInOffer three = new CallInOffer(List.of(A, B, C), 1);
        assertEquals(Optional.of(A), three.chosenBy("1"));
        assertEquals(Optional.of(B), three.chosenBy("2"));
        assertEquals(Optional.of(C), three.chosenBy(" 3 "));
        for (String key : List.of("0", "4", "9", "*", "#", "12", "")) {
            assertEquals(Optional.empty(), three.chosenBy(key), key);
        }
        assertEquals(Optional.empty(), new CallInOffer(List.of(A, B), 1).chosenBy("3"));
    }
}
