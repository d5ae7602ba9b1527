package alertbridge.handler;

import alertbridge.checks.CheckRequests;
import alertbridge.checks.CheckService;
import alertbridge.checks.CheckSpec;
import alertbridge.checks.CheckView;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.refusal.Refusal;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The checks API behind the alert token ({@link ChecksHandler}): {@code PUT /checks/{name}} (make or change),
 * {@code GET /checks}, {@code GET /checks/{name}} (with its recent pings), {@code DELETE /checks/{name}}.
 */
final class CheckRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT_PINGS = 10;
    private final CheckService checks;
    private final Duration minPeriod;

    CheckRoutes(CheckService checks, Duration minPeriod) {
        this.checks = checks;
        this.minPeriod = minPeriod;
    }

    /** @param name the {@code {name}} path parameter; null for {@code /checks} */
    APIGatewayProxyResponseEvent handle(HttpRequest request, String name) {
        if (name == null) {
            return ApiResponses.json(200, Map.of("checks", checks.list().stream().map(c -> CheckView.of(c, request.baseUrl())).toList()));
        }
        if (!CheckSpec.isName(name)) {
            throw Refusal.invalid("invalid_check_name", "a check's name is 1-64 of A-Z a-z 0-9 . _ -");
        }
        return switch (request.method().toUpperCase(Locale.ROOT)) {
            case "PUT" -> {
                CheckService.Saved saved = checks.put(spec(name, request.body()));
                yield ApiResponses.json(saved.created() ? 201 : 200, CheckView.of(saved.check(), request.baseUrl()));
            }
            case "DELETE" -> {
                checks.delete(name);
                yield ApiResponses.json(200, Map.of("deleted", true, "name", name));
            }
            default -> {
                Map<String, Object> view = CheckView.of(checks.get(name), request.baseUrl());
                view.put("pings", checks.recentPings(name, RECENT_PINGS).stream().map(CheckView::ping).toList());
                yield ApiResponses.json(200, view);
            }
        };
    }

    private CheckSpec spec(String name, String body) {
        Map<String, Object> fields;
        try {
            Object parsed = JSON.readValue(body.isBlank() ? "null" : body, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw Refusal.invalid("invalid_check", "the body must be a JSON object such as {\"periodSeconds\": 300,"
                        + " \"graceSeconds\": 60, \"team\": \"sre\"}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) parsed;
            fields = object;
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("invalid_json", "the body is not JSON: " + e.getOriginalMessage());
        }
        try {
            return CheckRequests.spec(name, fields, minPeriod);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_check", e.getMessage());
        }
    }
}
