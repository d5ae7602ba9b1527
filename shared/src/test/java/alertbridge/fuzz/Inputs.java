package alertbridge.fuzz;

import alertbridge.formats.FormEncoding;
import alertbridge.testing.SampleConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the fuzz suite: what a monitoring tool, a curl user or an attacker can put into a request to our
 * API (bodies, content types, charsets, base64 flags, headers, query strings). Biased towards inputs that get deep
 * into the code: mostly the right field names, often valid numbers and tokens, sometimes everything at once.
 */
public final class Inputs {
    private Inputs() {
    }

    /** One HTTP request as a client controls it. */
    public record Request(Map<String, String> headers, Map<String, List<String>> query, String body, boolean base64) {
    }

    /** Numbers our stand-ins treat as "answers normally" (last two digits 00-89), and everything else. */
    public static Arbitrary<String> numbers() {
        Arbitrary<String> jp = Arbitraries.integers().between(0, 89).map(i -> String.format("+8180123456%02d", i));
        Arbitrary<String> national = Arbitraries.integers().between(0, 89).map(i -> String.format("080-1234-56%02d", i));
        Arbitrary<String> us = Arbitraries.integers().between(0, 89).map(i -> String.format("+1415555%04d", 2600 + i));
        Arbitrary<String> junk = Arbitraries.strings().withChars("+0123456789 -()#*abc,;").ofMaxLength(30);
        Arbitrary<String> premium = Arbitraries.of("+448712345678", "+19002345678", "+819012345678", "+15005550006", "+18762101234");
        return Arbitraries.frequencyOf(Tuple.of(5, jp), Tuple.of(2, national), Tuple.of(2, us), Tuple.of(3, junk),
                Tuple.of(1, premium), Tuple.of(1, anyText(20)));
    }

    public static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(maxLength),
                Arbitraries.strings().ascii().ofMaxLength(maxLength),
                Arbitraries.strings().withCharRange('\u3040', '\u30ff').withCharRange('\u4e00', '\u4e80').ofMaxLength(maxLength));
    }

    /** A JSON string literal with everything escaped that JSON requires (control characters as \\uXXXX). */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static Arbitrary<String> messages() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("DB down", "データベースのプライマリが停止しました。", "CPU > 95% on web-1 <b>&amp;</b>",
                        "\u001b[31mred\u001b[0m alert", "</Say><Dial>+19005550100</Dial>", "   ", "")),
                Tuple.of(4, anyText(80)),
                Tuple.of(1, Arbitraries.integers().between(990, 1010).map("あ"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(990, 70_000).map("x"::repeat)));
    }

    /** A value for "to"/"tels": usually a list of numbers, sometimes huge (thousands). */
    static Arbitrary<List<String>> numberLists() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, numbers().list().ofMaxSize(6)),
                Tuple.of(1, Arbitraries.integers().between(100, 6000).map(n ->
                        java.util.stream.IntStream.range(0, n).mapToObj(i -> String.format("+8180%08d", i)).toList())));
    }

    static Arbitrary<String> jsonValue(Arbitrary<String> text, Arbitrary<List<String>> list) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, list.map(l -> l.stream().map(Inputs::jsonString).collect(Collectors.joining(",", "[", "]")))),
                Tuple.of(3, text.map(Inputs::jsonString)),
                Tuple.of(1, Arbitraries.of("null", "5", "true", "{}", "[1,2]", "[null]", "[[\"+818012345601\"]]", "{\"a\":1}", "-1e999")));
    }

    /** JSON bodies: well formed with odd types, truncated anywhere, deeply nested. */
    static Arbitrary<String> jsonBodies() {
        Arbitrary<String> object = Combinators.combine(
                jsonValue(numbers(), numberLists()).injectNull(0.15),
                jsonValue(messages(), messages().list().ofMaxSize(2)).injectNull(0.1),
                jsonValue(Arbitraries.of("sre", "db", "nope", "../alert-tokens", "sre,db", "チーム", ""), Arbitraries.of(List.of("sre"), List.of("db", "x")))
                        .injectNull(0.7),
                Arbitraries.of("to", "tels", "To", "numbers"))
                .as((to, message, team, toName) -> {
                    StringBuilder b = new StringBuilder("{");
                    if (to != null) {
                        b.append('"').append(toName).append("\":").append(to).append(',');
                    }
                    if (team != null) {
                        b.append("\"team\":").append(team).append(',');
                    }
                    if (message != null) {
                        b.append("\"message\":").append(message).append(',');
                    }
                    b.append("\"extra\":").append("[1,{\"x\":null}]").append('}');
                    return b.toString();
                });
        Arbitrary<String> truncated = Combinators.combine(object, Arbitraries.doubles().between(0, 1))
                .as((json, cut) -> json.substring(0, (int) (json.length() * cut)));
        Arbitrary<String> nested = Combinators.combine(Arbitraries.integers().between(10, 20_000), Arbitraries.of("[", "{\"to\":"))
                .as((depth, open) -> open.repeat(depth) + (open.equals("[") ? "]" : "1}").repeat(depth / 2));
        return Arbitraries.frequencyOf(Tuple.of(6, object), Tuple.of(2, truncated), Tuple.of(1, nested),
                Tuple.of(1, Arbitraries.of("[]", "null", "\"x\"", "{", "}", "{\"to\":[\"+818012345601\"],\"message\":\"m\"}garbage",
                        "\uFEFF{\"to\":\"+818012345601\",\"message\":\"m\"}", "{\"to\":\"+818012345601\",\"to\":\"+818012345602\",\"message\":\"m\"}")));
    }

    /** Form bodies (and query strings): right and wrong names, raw '+', broken %-escapes, repeated fields. */
    public static Arbitrary<String> formBodies() {
        Arbitrary<String> field = Combinators.combine(
                Arbitraries.of("to", "tels", "team", "message", "token", "x", "", "to[]"),
                Arbitraries.oneOf(numbers(), messages(), Arbitraries.of("sre", "db", "nope", "sre,db")),
                Arbitraries.of(true, false))
                .as((name, value, encode) -> name + "=" + (encode ? alertbridge.formats.FormEncoding.encode(value) : value));
        Arbitrary<String> junk = Arbitraries.of("%", "%zz", "%E3%81", "%%", "=", "&&", "+", "%00", "%FF%FE", "a=%2");
        return Arbitraries.oneOf(field, field, junk).list().ofMaxSize(8).map(parts -> String.join("&", parts));
    }

    public static Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(Tuple.of(5, jsonBodies()), Tuple.of(4, formBodies()), Tuple.of(1, anyText(300)),
                Tuple.of(1, Arbitraries.of("", " ", "\n")),
                Tuple.of(1, Arbitraries.integers().between(60_000, 200_000).map(n -> "to=" + "1".repeat(n))));
    }

    public static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("application/json", "application/x-www-form-urlencoded",
                        "application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=UTF-8")),
                Tuple.of(3, Arbitraries.of("", "text/plain", "application/xml", "multipart/form-data; boundary=x",
                        "APPLICATION/JSON", "application/vnd.api+json", "application/x-www-form-urlencoded; charset=Shift_JIS",
                        "text/plain; charset=ISO-8859-1", ";", "json", "application/json;;;", " application/json ")),
                Tuple.of(1, anyText(40)));
    }

    static Arbitrary<Charset> charsets() {
        return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_8, StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1,
                Charset.forName("Shift_JIS"), Charset.forName("EUC-JP"));
    }

    /** Authentication as clients send it: mostly the right token in one of its three places. */
    static Arbitrary<Map<String, String>> authHeaders() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(
                        Map.of("Authorization", "Bearer " + SampleConfig.ALERT_TOKEN),
                        Map.of("x-alert-token", SampleConfig.ALERT_TOKEN),
                        Map.of("AUTHORIZATION", "bearer   " + SampleConfig.ALERT_TOKEN + " "))),
                Tuple.of(1, Arbitraries.<Map<String, String>>of(Map.of(), Map.of("Authorization", "Basic " + SampleConfig.ALERT_TOKEN),
                        Map.of("Authorization", "Bearer"), Map.of("X-Alert-Token", ""))),
                Tuple.of(1, anyText(60).map(t -> Map.of("Authorization", "Bearer " + t))));
    }

    static Arbitrary<Map<String, List<String>>> queries() {
        Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of("to", "tels", "team", "message", "token", "incident")),
                Tuple.of(1, anyText(10)));
        Arbitrary<List<String>> values = Arbitraries.oneOf(numbers(), messages(), Arbitraries.of("sre", SampleConfig.ALERT_TOKEN, ""))
                .list().ofMaxSize(3);
        return Arbitraries.maps(names, values).ofMaxSize(4).map(HashMap::new);
    }

    /** Whole requests: body in some charset, maybe base64-encoded (as API Gateway does for binary media types). */
    public static Arbitrary<Request> requests() {
        return Combinators.combine(authHeaders(), contentTypes().injectNull(0.1), queries(), bodies(), charsets(),
                        Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(2, 1), Tuple.of(1, 2)),
                        Arbitraries.maps(anyText(20), anyText(40)).ofMaxSize(3))
                .as((auth, contentType, query, body, charset, encoding, extraHeaders) -> {
                    Map<String, String> headers = new HashMap<>(extraHeaders);
                    headers.putAll(auth);
                    if (contentType != null) {
                        headers.put("Content-Type", contentType);
                    }
                    return switch (encoding) {
                        case 0 -> new Request(headers, query, body, false);
                        case 1 -> new Request(headers, query, Base64.getEncoder().encodeToString(body.getBytes(charset)), true);
                        default -> new Request(headers, query, body, true); // claims base64, usually is not
                    };
                });
    }

    /** Requests a real sender would send (right token, JSON or form, numbers and a message), with noise mixed in. */
    public static Arbitrary<Request> likelyValid() {
        return Combinators.combine(numbers().list().ofMinSize(1).ofMaxSize(5), messages(),
                        Arbitraries.of(List.<String>of(), List.of("sre"), List.of("db"), List.of("nope")),
                        Arbitraries.of(true, false), Arbitraries.of(true, false), charsets())
                .as((to, message, teams, json, base64, charset) -> {
                    String body = json
                            ? "{\"to\":" + to.stream().map(Inputs::jsonString).collect(Collectors.joining(",", "[", "]"))
                              + (teams.isEmpty() ? "" : ",\"team\":" + jsonString(teams.get(0)))
                              + ",\"message\":" + jsonString(message) + "}"
                            : "to=" + String.join(",", to) + (teams.isEmpty() ? "" : "&team=" + teams.get(0))
                              + "&message=" + alertbridge.formats.FormEncoding.encode(message);
                    String type = (json ? "application/json" : "application/x-www-form-urlencoded")
                            + (base64 ? "; charset=" + charset.name() : "");
                    Map<String, String> headers = Map.of("Content-Type", type, "Authorization", "Bearer " + SampleConfig.ALERT_TOKEN);
                    return base64
                            ? new Request(headers, Map.of(), Base64.getEncoder().encodeToString(body.getBytes(charset)), true)
                            : new Request(headers, Map.of(), body, false);
                });
    }
}
