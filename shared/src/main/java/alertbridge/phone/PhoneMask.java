package alertbridge.phone;

/** Masks phone numbers for logs: {@code +818012345601} becomes {@code +81******5601}. */
public final class PhoneMask {
    private PhoneMask() {
    }

    /** Anything that may be a phone number: 7 or more digits, possibly with a leading + and separators. */
    private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile("\\+?\\d(?:[\\d ().-]{5,}\\d)");

    /** Masks every number-like run in a text (e.g. an error detail that quotes the numbers it refused). */
    public static String maskAll(String text) {
        if (text == null) {
            return "";
        }
        return NUMBER_LIKE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(mask(m.group())));
    }

    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int keepHead = number.startsWith("+") ? 3 : 0;
        int keepTail = 4;
        if (number.length() <= keepHead + keepTail) {
            return "*".repeat(number.length());
        }
        return number.substring(0, keepHead)
                + "*".repeat(number.length() - keepHead - keepTail)
                + number.substring(number.length() - keepTail);
    }
}
