package alertbridge.guard;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Refuses numbers that would cost us money or hide where a call goes (toll fraud): libphonenumber's premium-rate,
 * shared-cost, UAN and voicemail-access types, our own caller number (a call to ourselves loops through our own
 * webhook), and countries outside {@code AllowedCountries}. Twilio's Voice geographic permissions are the second
 * line of defence; see docs/security.md.
 */
public final class TollFraudGuard implements CalleeGuard {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Map<PhoneNumberType, String> REFUSED_TYPES = Map.of(
            PhoneNumberType.PREMIUM_RATE, "a premium-rate number (costs the caller money)",
            PhoneNumberType.SHARED_COST, "a shared-cost number (costs the caller money)",
            PhoneNumberType.UAN, "a universal access number (hides where the call goes)",
            PhoneNumberType.VOICEMAIL, "a voicemail access number (nobody can answer it)");

    private final Set<String> allowedCountries;
    private final Supplier<String> callerNumber;

    /**
     * @param allowedCountries ISO 3166 regions that may be called; empty allows every country
     * @param callerNumber     our Twilio number (E.164), read from SSM, so a rotated number is followed
     */
    public TollFraudGuard(Set<String> allowedCountries, Supplier<String> callerNumber) {
        this.allowedCountries = allowedCountries.stream()
                .map(c -> c.strip().toUpperCase(Locale.ROOT))
                .filter(c -> !c.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String region : this.allowedCountries) {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("AllowedCountries has '" + region + "', not an ISO 3166 region libphonenumber knows");
            }
        }
        this.callerNumber = callerNumber;
    }

    @Override
    public Optional<String> refusal(String e164) {
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return Optional.of("not a phone number");
        }
        String reason = REFUSED_TYPES.get(UTIL.getNumberType(number));
        if (reason != null) {
            return Optional.of("refused: " + reason);
        }
        if (isCallerNumber(number)) {
            return Optional.of("refused: our own caller number");
        }
        if (!allowedCountries.isEmpty()) {
            String region = UTIL.getRegionCodeForNumber(number);
            if (region == null || !allowedCountries.contains(region)) {
                return Optional.of("refused: country " + (region == null ? "unknown" : region)
                        + " is not in AllowedCountries (" + String.join(",", allowedCountries) + ")");
            }
        }
        return Optional.empty();
    }

    private boolean isCallerNumber(PhoneNumber number) {
        String ours = callerNumber.get();
        if (ours == null || ours.isBlank()) {
            return false;
        }
        try {
            return UTIL.isNumberMatch(number, UTIL.parse(ours.strip(), "ZZ")) == PhoneNumberUtil.MatchType.EXACT_MATCH;
        } catch (NumberParseException e) {
            return false;
        }
    }
}
