package alertbridge.testkit.twilio;

/**
 * What the simulated person at a number does, by the number's last two digits (DESIGN.md):
 * {@code 00}-{@code 87}, {@code 89}, {@code 90} and {@code 99} answer after about 1 s, press 1, stay on the bridge;
 * {@code 88} misses the first call ever placed to that number (rings until the call's {@code Timeout}, then no
 * answer, like {@code 92}) and answers every later one like {@code 00}; {@code 91} busy; {@code 92} no answer;
 * {@code 93} voicemail (answers, never presses a key); {@code 94} the call fails; {@code 95} joins, then leaves after
 * about 3 s; {@code 98} answers after about 8 s. ({@code 96} and {@code 97} are refused and throttled by the REST
 * API, see TwilioApiStandIn; once accepted they behave like {@code 00}.) Someone who dials our number
 * ({@link TwilioSimulator#callIn}) is always a {@link #caller()}.
 */
record CalleeBehaviour(Kind kind, double answerAfterSeconds, double leaveAfterSeconds) {
    enum Kind { PERSON, BUSY, NO_ANSWER, VOICEMAIL, FAILS }

    /**
     * @param earlierCalls how many calls the simulator placed to this number before this one (only {@code 88}
     *                     cares: it misses the first)
     */
    static CalleeBehaviour of(String number, int earlierCalls) {
        String digits = number.replaceAll("\\D", "");
        int last = digits.length() >= 2 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        return switch (last) {
            case 88 -> earlierCalls == 0 ? new CalleeBehaviour(Kind.NO_ANSWER, 0, 0) : new CalleeBehaviour(Kind.PERSON, 1, 0);
            case 91 -> new CalleeBehaviour(Kind.BUSY, 0, 0);
            case 92 -> new CalleeBehaviour(Kind.NO_ANSWER, 0, 0);
            case 93 -> new CalleeBehaviour(Kind.VOICEMAIL, 1, 0);
            case 94 -> new CalleeBehaviour(Kind.FAILS, 0, 0);
            case 95 -> new CalleeBehaviour(Kind.PERSON, 1, 3);
            case 98 -> new CalleeBehaviour(Kind.PERSON, 8, 0);
            default -> new CalleeBehaviour(Kind.PERSON, 1, 0);
        };
    }

    /** Someone who dials our number: presses 1 when asked, stays on the bridge. */
    static CalleeBehaviour caller() {
        return new CalleeBehaviour(Kind.PERSON, 0, 0);
    }

    boolean pressesKey() {
        return kind == Kind.PERSON;
    }

    /** Whether this person leaves the bridge ({@code leaveAfterSeconds} after joining) rather than staying. */
    boolean leavesBridge() {
        return leaveAfterSeconds > 0;
    }
}
