package alertbridge.formats;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns text written for screens (markdown, links, line breaks) into text fit to be read aloud. */
public final class SpokenText {
    private static final String MARKDOWN_LINK = "\\[([^\\]\\n]*)]\\([^)\\s]*\\)";
    /** A link, also when glued to a word ({@code id_https://...}): the scheme needs no word boundary before it. */
    private static final String URL = "<?(?:(?:https?|ftp)://|\\bwww\\.)[^\\s>]*>?";
    /** "Runbook: https://..." and "see [the logs](https://...)": the words only introduce the link, so they go too. */
    private static final Pattern LABELLED_LINK = Pattern.compile(
            "\\b(?:runbook|playbook|logs?|dashboard|graph|details|docs?|link|url|more|see)\\s*:?\\s*(?:"
                    + MARKDOWN_LINK + "|" + URL + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKDOWN_LINKS = Pattern.compile(MARKDOWN_LINK);
    private static final Pattern URLS = Pattern.compile(URL, Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKUP = Pattern.compile("%%%|\\*\\*|__|`+|^\\s*#+\\s+|\\{\\{[^}]*}}", Pattern.MULTILINE);
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern LOOSE_END = Pattern.compile("[\\s:;,\\-–—(\\[{|/]+$");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");
    private static final String FULL_STOPS = ".!?。！？";

    private SpokenText() {
    }

    /**
     * Replaces what XML 1.0 cannot carry (control characters such as ANSI colour codes, NUL, unpaired surrogates)
     * with spaces: the message ends up in TwiML, and one such character would make every callee's TwiML fail.
     */
    static String speakable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); ) {
            int cp = message.codePointAt(i);
            boolean surrogate = Character.charCount(cp) == 1 && Character.isSurrogate((char) cp);
            boolean xmlChar = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (xmlChar && !surrogate && !(cp >= 0x7F && cp <= 0x9F)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** XML-safe, without URLs, markdown or line breaks; "" for null. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = speakable(text);
        s = LABELLED_LINK.matcher(s).replaceAll(" ");
        s = MARKDOWN_LINKS.matcher(s).replaceAll("$1");
        s = URLS.matcher(s).replaceAll(" ");
        s = MARKUP.matcher(s).replaceAll(" ");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        return LOOSE_END.matcher(s).replaceAll("");
    }

    /** At most {@code max} characters, cut at a word boundary where there is one, never inside a surrogate pair. */
    public static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        int space = text.lastIndexOf(' ', max);
        if (space > max / 2) {
            cut = space;
        } else if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return LOOSE_END.matcher(text.substring(0, cut)).replaceAll("");
    }

    /** A place to say: a URL becomes its host, {@code web-1:9100} becomes {@code web-1}. */
    static String place(String where) {
        if (where == null) {
            return "";
        }
        String s = where.strip();
        if (s.toLowerCase(Locale.ROOT).matches("^(https?|ftp)://.*")) {
            try {
                String host = URI.create(s.replace(" ", "%20")).getHost();
                s = host == null ? "" : host;
            } catch (IllegalArgumentException e) {
                s = "";
            }
        }
        return PORT.matcher(clean(s)).replaceAll("");
    }

    /** Whether a BCP-47 tag ({@code SayLanguage}) asks for Japanese: {@code ja}, {@code ja-JP}; else English. */
    public static boolean isJapanese(String language) {
        return language != null && language.strip().toLowerCase(Locale.ROOT).startsWith("ja");
    }

    /** Whether {@code text} ends with a full stop, a question or an exclamation mark (Latin or Japanese). */
    public static boolean endsSentence(String text) {
        return !text.isEmpty() && FULL_STOPS.indexOf(text.charAt(text.length() - 1)) >= 0;
    }

    /** Ends the text with a full stop unless it already ends with one. */
    static String sentence(String text, boolean japanese) {
        if (text.isEmpty() || endsSentence(text)) {
            return text;
        }
        return text + (japanese ? "。" : ".");
    }
}
