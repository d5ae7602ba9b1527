package alertbridge.testing;

import alertbridge.formats.FormEncoding;
import alertbridge.testkit.twilio.TwilioSigner;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** API Gateway REST (v1) events as our API receives them, built in code for tests that vary every part. */
public final class ApiEvents {
    public static final String DOMAIN = "abc123defg.execute-api.us-east-1.amazonaws.com";
    public static final String BASE = "https://" + DOMAIN + "/Prod";

    private ApiEvents() {
    }

    /** POST /alert with exactly these headers, query and body. */
    public static APIGatewayProxyRequestEvent alert(Map<String, String> headers, Map<String, List<String>> query, String body,
                                                    boolean base64) {
        return post("/alert", headers, query, body, base64);
    }

    /** POST /alert with the sample token and a JSON body. */
    public static APIGatewayProxyRequestEvent alertJson(String body, Map<String, List<String>> query) {
        return alert(Map.of("Content-Type", "application/json", "X-Alert-Token", SampleConfig.ALERT_TOKEN), query, body, false);
    }

    /** Twilio's webhook for {@code incidentId}, form-encoded and signed with {@code authToken} as Twilio would. */
    public static APIGatewayProxyRequestEvent join(String incidentId, Map<String, String> params, String authToken) {
        String url = BASE + "/join_conference?incident=" + incidentId;
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("X-Twilio-Signature", TwilioSigner.sign(authToken, url, params));
        return post("/join_conference", headers, Map.of("incident", List.of(incidentId)), form(params), false);
    }

    public static String form(Map<String, String> params) {
        StringJoiner body = new StringJoiner("&");
        params.forEach((k, v) -> body.add(FormEncoding.encode(k) + "=" + FormEncoding.encode(v)));
        return body.toString();
    }

    public static APIGatewayProxyRequestEvent post(String resource, Map<String, String> headers, Map<String, List<String>> query,
                                                   String body, boolean base64) {
        Map<String, String> single = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (!v.isEmpty()) {
                single.put(k, v.get(v.size() - 1));
            }
        });
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource(resource)
                .withPath(resource)
                .withHeaders(new HashMap<>(headers))
                .withQueryStringParameters(query.isEmpty() ? null : single)
                .withMultiValueQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withDomainName(DOMAIN)
                        .withPath("/Prod" + resource));
    }
}
