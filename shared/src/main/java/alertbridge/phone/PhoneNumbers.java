package alertbridge.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates and normalises callee numbers to E.164 with libphonenumber.
 * National numbers ({@code 090-1234-5678}) are accepted when a default region is configured.
 */
public final class PhoneNumbers {
    /** Longer input than this is not a phone number, whatever it contains. */
    static final int MAX_INPUT_LENGTH = 40;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final Optional<String> defaultRegion;

    public PhoneNumbers(Optional<String> defaultRegion) {
        this.defaultRegion = defaultRegion.map(r -> r.trim().toUpperCase(Locale.ROOT)).filter(r -> !r.isEmpty());
        this.defaultRegion.ifPresent(region -> {
            if (!UTIL.getSupportedRegions().contains(region)) {
                throw new IllegalArgumentException("DefaultRegion '" + region + "' is not an ISO 3166 region libphonenumber knows");
            }
        });
    }

    /** A number as the caller wrote it and why it cannot be dialled. */
    public record Rejected(String to, String reason) {
    }

    /** Valid numbers in E.164, first occurrence order, duplicates removed; and the rejected ones. */
    public record Normalised(List<String> valid, List<Rejected> rejected) {
    }

    public Normalised normalise(List<String> rawNumbers) {
        Set<String> valid = new LinkedHashSet<>();
        List<Rejected> rejected = new ArrayList<>();
        for (String raw : rawNumbers) {
            String candidate = raw.strip();
            if (candidate.isEmpty()) {
                continue;
            }
            String reason = reasonInvalid(candidate);
            if (reason != null) {
                rejected.add(new Rejected(truncate(candidate), reason));
                continue;
            }
            valid.add(toE164(candidate));
        }
        return new Normalised(List.copyOf(valid), List.copyOf(rejected));
    }

    private String reasonInvalid(String candidate) {
        if (candidate.length() > MAX_INPUT_LENGTH) {
            return "not a phone number (too long)";
        }
        if (!candidate.startsWith("+") && defaultRegion.isEmpty()) {
            return "not in international format: start with + and the country code (no DefaultRegion is configured)";
        }
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(candidate, defaultRegion.orElse("ZZ"));
        } catch (NumberParseException e) {
            return "not a phone number";
        }
        if (!UTIL.isValidNumber(parsed)) {
            return "not a valid number for its country";
        }
        return null;
    }

    private String toE164(String candidate) {
        try {
            return UTIL.format(UTIL.parse(candidate, defaultRegion.orElse("ZZ")), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalStateException("number validated but not parseable", e);
        }
    }

    private static String truncate(String s) {
        return s.length() > MAX_INPUT_LENGTH ? s.substring(0, MAX_INPUT_LENGTH) + "…" : s;
    }
}
