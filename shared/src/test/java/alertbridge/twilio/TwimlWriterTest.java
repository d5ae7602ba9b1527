package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@link TwimlWriter} under generated text (jqwik, fixed seed): whatever an alert says, the document is well-formed
 * XML whose text and attribute read back as written (a character XML cannot carry as a space), and nothing in
 * the text adds an element.
 */
class TwimlWriterTest {
    @Property(tries = 2000, seed = "20261130")
    void anyTextAndAttributeReadBackAsWritten(@ForAll("text") String text, @ForAll("text") String attribute) throws Exception {
        String xml = new TwimlWriter().text("Say", text, "language", attribute).end();
        Document doc = parse(xml);
        Element response = doc.getDocumentElement();
        assertEquals("Response", response.getTagName());
        assertEquals(1, response.getChildNodes().getLength(), xml);
        Element say = (Element) response.getFirstChild();
        assertEquals("Say", say.getTagName());
        assertEquals(1, say.getAttributes().getLength(), xml);
        assertEquals(0, say.getElementsByTagName("*").getLength(), "no element from the text: " + xml);
        assertEquals(speakable(text).replace("\r\n", "\n").replace('\r', '\n'), say.getTextContent(), xml);
        assertEquals(speakable(attribute), say.getAttribute("language"), xml);
    }

    @Example
    void markupInAnAlertIsEscaped() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>&lt;/Say&gt;&lt;Dial&gt;+1900&lt;/Dial&gt; &amp; \"'</Say>"
                        + "<Gather action=\"https://x/y?a=1&amp;b=&quot;2&quot;\"></Gather><Hangup/></Response>",
                new TwimlWriter().text("Say", "</Say><Dial>+1900</Dial> & \"'")
                        .open("Gather", "action", "https://x/y?a=1&b=\"2\"", "timeout", null).close("Gather")
                        .empty("Hangup").end());
    }

    @Example
    void controlCharactersBecomeSpaces() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>a b c d</Say></Response>",
                new TwimlWriter().text("Say", "a\u0001b\uD800c\uFFFEd").end());
    }

    @Example
    void attributesComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> new TwimlWriter().open("Say", "language"));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withChars("<>&\"'/;=#[]!-?\t\n\r ").withCharRange('a', 'c').ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u3040', '\u30ff').withChars("\uD83D\uDD25").ofMaxLength(40));
    }

    /** What the writer promises to keep: every XML character as it is, anything else a space (a pair counts as one). */
    private static String speakable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (TwimlWriter.isXmlChar(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
        });
        return out.toString();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
