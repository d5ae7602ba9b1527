package alertbridge.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real numbers of the refused types, taken from libphonenumber's own metadata (its example number per type). */
class TollFraudGuardTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String CALLER = "+15005550006";
    private final TollFraudGuard anyCountry = new TollFraudGuard(Set.of(), () -> CALLER);

    private static String example(String region, PhoneNumberType type) {
        PhoneNumber n = UTIL.getExampleNumberForType(region, type);
        assertNotNull(n, "libphonenumber has a " + type + " example for " + region);
        assertEquals(type, UTIL.getNumberType(n));
        return UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({
            "GB, PREMIUM_RATE", "US, PREMIUM_RATE", "JP, PREMIUM_RATE", "DE, PREMIUM_RATE", "JM, PREMIUM_RATE",
            "DE, SHARED_COST", "FR, SHARED_COST",
            "GB, UAN", "JP, UAN",
            "DE, VOICEMAIL", "IT, VOICEMAIL"})
    void refusesNumberTypesThatCostMoneyOrHideTheDestination(String region, PhoneNumberType type) {
        String number = example(region, type);
        Optional<String> refusal = anyCountry.refusal(number);
        assertTrue(refusal.isPresent(), number);
        assertTrue(refusal.get().startsWith("refused: a "), refusal.get());
    }

    @ParameterizedTest
    @CsvSource({"JP, MOBILE", "US, FIXED_LINE_OR_MOBILE", "GB, MOBILE", "DE, FIXED_LINE", "US, TOLL_FREE"})
    void allowsOrdinaryNumbers(String region, PhoneNumberType type) {
        assertEquals(Optional.empty(), anyCountry.refusal(example(region, type)));
    }

    @Test
    void refusesOurOwnCallerNumber() {
        assertEquals(Optional.of("refused: our own caller number"), anyCountry.refusal(CALLER));
        assertEquals(Optional.empty(), anyCountry.refusal("+14155552671"));
    }

    @Test
    void refusesCountriesOutsideAllowedCountries() {
        TollFraudGuard jpUs = new TollFraudGuard(Set.of("jp", " US"), () -> CALLER);
        assertEquals(Optional.empty(), jpUs.refusal("+818012345601"));
        assertEquals(Optional.empty(), jpUs.refusal("+14155552671"));
        // +1 is not only the US: Jamaica (+1 876) shares the country code and is a classic toll-fraud destination
        assertEquals(Optional.of("refused: country JM is not in AllowedCountries (JP,US)"), jpUs.refusal(example("JM", PhoneNumberType.MOBILE)));
        assertTrue(jpUs.refusal("+447400123456").orElseThrow().contains("country GB"));
    }

    @Test
    void anUnknownAllowedCountryIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new TollFraudGuard(Set.of("XX"), () -> CALLER));
    }
}
