package alertbridge.handler;

import alertbridge.auth.AlertTokens;
import alertbridge.calls.CallbackUrls;
import alertbridge.checks.Check;
import alertbridge.checks.CheckRequests;
import alertbridge.checks.CheckService;
import alertbridge.checks.CheckSpec;
import alertbridge.checks.CheckStore;
import alertbridge.checks.Schedule;
import alertbridge.config.AwsClients;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import alertbridge.http.ApiGatewayRequests;
import alertbridge.http.ApiResponses;
import alertbridge.http.HttpRequest;
import alertbridge.http.SafeResponses;
import alertbridge.log.JsonLog;
import alertbridge.refusal.Refusal;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Check-ins over HTTP. With the alert token: {@code PUT /checks/{name}} (make or change), {@code GET /checks},
 * {@code GET /checks/{name}} (with its recent pings), {@code DELETE /checks/{name}}. Without a token (the ping key is
 * the secret): {@code GET|HEAD|POST /ping/{key}} (success), {@code /ping/{key}/start}, {@code /fail},
 * {@code /<exit status>}; a body is kept as diagnostics.
 */
public final class ChecksHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    private static final JsonLog LOG = JsonLog.forComponent("checks-handler");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECENT_PINGS = 10;
    /**
     * The URL the request came in on (its domain and stage, or PublicBaseUrl), where a page's Twilio webhooks go: a
     * function with an API event cannot be given its own API's URL (a dependency cycle CloudFormation refuses).
     */
    private static final ScopedValue<CallbackUrls> REQUEST_URLS = ScopedValue.newInstance();

    private final CheckWiring wiring;
    private final CheckService checks;
    private final Supplier<AlertTokens> tokens;
    private final Optional<String> publicBaseUrl;

    /** Lambda's constructor: real clients, built once per container. */
    public ChecksHandler() {
        this(Settings.fromEnvironment(), new SsmParameterSource(AwsClients.ssm()), AwsClients.dynamoDb(), AwsClients.sqs());
        Priming.register(this);
    }

    /** The same handler over given collaborators: for tests and the local runner ({@code local/}). */
    public ChecksHandler(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        this.wiring = new CheckWiring(settings, parameterSource, dynamo, sqs, REQUEST_URLS::get);
        this.checks = wiring.service();
        this.tokens = () -> AlertTokens.parse(wiring.alerts().parameters().get(settings.parameters().alertTokens()));
        this.publicBaseUrl = settings.publicBaseUrl();
    }

    /**
     * SnapStart, before the snapshot: the alert path's priming and requests refused before any read or write (a
     * wrong token; a ping key that cannot be one of ours).
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime("ChecksFunction", wiring.primingSteps(
                Priming.step("json", PrimingSteps::json),
                Priming.step("refused_put", () -> Priming.expect(401, handleRequest(Priming.apiRequest("PUT", "/checks/{name}",
                        Map.of("Authorization", "Bearer " + Priming.unguessable(), "Content-Type", "application/json"),
                        "{\"periodSeconds\": 300, \"team\": \"sre\"}").withPathParameters(Map.of("name", "snapstart")), null))),
                Priming.step("refused_ping", () -> Priming.expect(404, handleRequest(Priming.apiRequest("POST", "/ping/{key}",
                        Map.of(), "priming").withPathParameters(Map.of("key", "not-a-key")), null)))));
    }

    /** SnapStart, after a restore: fresh randomness, parameters held past their time read again, Twilio client. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore("ChecksFunction", Priming.step("parameters", wiring.alerts()::refreshIfStale));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Priming.isKeepAlive(event)) {
            return Priming.keptAlive(); // SnapStart's daily keep-alive
        }
        Map<String, String> path = Optional.ofNullable(event.getPathParameters()).orElse(Map.of());
        String resource = Optional.ofNullable(event.getResource()).orElse("");
        if (resource.startsWith("/ping/")) {
            return SafeResponses.json(LOG, "ping", "the ping could not be recorded; try again", () -> {
                HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
                Check check = ScopedValue.where(REQUEST_URLS, new CallbackUrls(request.baseUrl())).call(() ->
                        checks.ping(path.getOrDefault("key", ""), path.getOrDefault("suffix", ""), request.body()));
                return ApiResponses.json(200, new PingAnswer(true, check.name(), check.state().id()));
            });
        }
        return SafeResponses.json(LOG, "checks", "the checks could not be read or written; see the function's logs", () -> {
            HttpRequest request = ApiGatewayRequests.from(event, publicBaseUrl);
            tokens.get().authorise(request.alertToken());
            String method = request.method().toUpperCase(java.util.Locale.ROOT);
            if (!path.containsKey("name")) {
                return ApiResponses.json(200, Map.of("checks", checks.list().stream().map(c -> view(c, request.baseUrl())).toList()));
            }
            String name = path.get("name");
            if (!CheckSpec.isName(name)) {
                throw Refusal.invalid("invalid_check_name", "a check's name is 1-64 of A-Z a-z 0-9 . _ -");
            }
            return switch (method) {
                case "PUT" -> {
                    CheckService.Saved saved = checks.put(spec(name, request.body(), wiring.settings()));
                    yield ApiResponses.json(saved.created() ? 201 : 200, view(saved.check(), request.baseUrl()));
                }
                case "DELETE" -> {
                    checks.delete(name);
                    yield ApiResponses.json(200, Map.of("deleted", true, "name", name));
                }
                default -> {
                    Map<String, Object> view = view(checks.get(name), request.baseUrl());
                    view.put("pings", checks.recentPings(name, RECENT_PINGS).stream().map(ChecksHandler::pingView).toList());
                    yield ApiResponses.json(200, view);
                }
            };
        });
    }

    /** What a ping is answered with: {@code {"ok": true, "check": "<name>", "state": "up"}}. */
    record PingAnswer(boolean ok, String check, String state) {
    }

    private static CheckSpec spec(String name, String body, Settings settings) {
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
            return CheckRequests.spec(name, fields, settings.checkMinPeriod());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("invalid_check", e.getMessage());
        }
    }

    /** A check as the API shows it (docs/integrations.md, "Check-ins"): absent fields are null, never left out. */
    static Map<String, Object> view(Check check, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", check.name());
        view.put("state", check.state().id());
        switch (check.spec().schedule()) {
            case Schedule.Every every -> view.put("periodSeconds", every.period().toSeconds());
            case Schedule.Cron cron -> {
                view.put("cron", cron.expression());
                view.put("tz", cron.zone().getId());
            }
        }
        view.put("graceSeconds", check.spec().grace().toSeconds());
        view.put("team", check.spec().team().orElse(null));
        view.put("to", check.spec().to().isEmpty() ? null : check.spec().to());
        view.put("lastPing", check.lastPing().map(p -> pingView(new CheckStore.PingRecord(p, ""))).orElse(null));
        view.put("lastSuccess", check.lastSuccess().map(Object::toString).orElse(null));
        view.put("since", check.since().toString());
        view.put("nextDeadline", check.deadline().filter(d -> check.state() != alertbridge.checks.CheckState.DOWN)
                .map(Object::toString).orElse(null));
        view.put("pingUrl", baseUrl + "/ping/" + check.pingKey());
        view.put("incidentId", check.incidentId().orElse(null));
        return view;
    }

    private static Map<String, Object> pingView(CheckStore.PingRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", record.ping().kind().id());
        view.put("at", record.ping().at().toString());
        record.ping().exitStatus().ifPresent(status -> view.put("exitStatus", status));
        if (!record.body().isEmpty()) {
            view.put("body", record.body());
        }
        return view;
    }
}
