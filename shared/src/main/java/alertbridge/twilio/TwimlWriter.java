package alertbridge.twilio;

/**
 * Writes one TwiML document, {@code <?xml ...?><Response>...</Response>}, on the JDK alone: no Twilio SDK and no
 * {@code javax.xml} factory lookup, so rendering costs a cold function only this class. Text and attribute values are
 * escaped ({@code & < >} always, {@code "} and line breaks in attributes), so an alert cannot inject TwiML; a
 * character XML 1.0 cannot carry (a control character, an unpaired surrogate) becomes a space, as in
 * {@code SpokenText}, instead of making the document unreadable. The output matches what the SDK's
 * {@code VoiceResponse.toXml()} wrote for the same verbs (attributes in the same order), except that characters
 * outside the BMP are written as themselves rather than as numeric references.
 */
final class TwimlWriter {
    private final StringBuilder xml = new StringBuilder(640).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    private boolean ended;

    /**
     * Opens an element.
     *
     * @param attributes name, value, name, value...; a pair whose value is null is left out
     */
    TwimlWriter open(String name, String... attributes) {
        start(name, attributes);
        xml.append('>');
        return this;
    }

    /** An element holding only {@code text}. */
    TwimlWriter text(String name, String text, String... attributes) {
        open(name, attributes);
        escape(text, false);
        return close(name);
    }

    /** An element with nothing inside, such as {@code <Hangup/>}. */
    TwimlWriter empty(String name, String... attributes) {
        start(name, attributes);
        xml.append("/>");
        return this;
    }

    TwimlWriter close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** The document, with {@code </Response>}. */
    String end() {
        if (!ended) {
            xml.append("</Response>");
            ended = true;
        }
        return xml.toString();
    }

    private void start(String name, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        xml.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                xml.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], true);
                xml.append('"');
            }
        }
    }

    private void escape(String s, boolean attribute) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append(attribute ? "&quot;" : "\"");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        xml.append("&#").append(cp).append(';'); // kept as written, not normalised to a space
                    } else {
                        xml.append((char) cp);
                    }
                }
                default -> {
                    if (isXmlChar(cp)) {
                        xml.appendCodePoint(cp);
                    } else {
                        xml.append(' ');
                    }
                }
            }
        }
    }

    /** XML 1.0's {@code Char} production; an unpaired surrogate arrives here as a code point of its own and is not one. */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
