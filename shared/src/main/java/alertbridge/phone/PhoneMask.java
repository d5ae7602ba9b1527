package alertbridge.phone;

/** Masks phone numbers for logs: {@code +818012345601} becomes {@code +81******5601}. */
public final class PhoneMask {
    private PhoneMask() {
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
