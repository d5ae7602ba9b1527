package alertbridge.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    @Test
    void normalisesToE164AndDropsDuplicatesKeepingOrder() {
        PhoneNumbers numbers = new PhoneNumbers(Optional.of("JP"));
        PhoneNumbers.Normalised n = numbers.normalise(List.of("090-1234-5678", "+81 90 1234 5678", "+1 415 555 2671", "  "));
        assertEquals(List.of("+819012345678", "+14155552671"), n.valid());
        assertTrue(n.rejected().isEmpty());
    }

    @Test
    void withoutDefaultRegionNationalNumbersAreRejectedWithAReason() {
        PhoneNumbers.Normalised n = new PhoneNumbers(Optional.empty()).normalise(List.of("090-1234-5678", "+819012345678"));
        assertEquals(List.of("+819012345678"), n.valid());
        assertEquals("090-1234-5678", n.rejected().get(0).to());
        assertTrue(n.rejected().get(0).reason().contains("international format"));
    }

    @Test
    void invalidInputIsListedNotThrown() {
        PhoneNumbers.Normalised n = new PhoneNumbers(Optional.of("US")).normalise(
                List.of("hello", "+1 555", "+99912345678", "1".repeat(60)));
        assertTrue(n.valid().isEmpty());
        assertEquals(4, n.rejected().size());
        assertEquals("not a phone number", n.rejected().get(0).reason());
        assertTrue(n.rejected().get(3).to().length() <= PhoneNumbers.MAX_INPUT_LENGTH + 1);
    }

    @Test
    void unknownDefaultRegionIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers(Optional.of("XX")));
    }

    @Test
    void masksForLogs() {
        assertEquals("+81******5601", PhoneMask.mask("+818012345601"));
        assertEquals("****", PhoneMask.mask("1234"));
        assertEquals("", PhoneMask.mask(null));
    }
}
