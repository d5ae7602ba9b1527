package alertbridge.local;

import alertbridge.testkit.aws.BlackHole;
import alertbridge.testkit.twilio.TwilioApiStandIn;
import alertbridge.testkit.twilio.TwilioSimulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Outages to rehearse, switched on and off while the local stack runs ({@code POST /_local/faults}), injected between
 * the handlers and the stand-ins: the handlers' AWS clients pass every request through {@link #interceptor()}, and
 * Twilio's REST API stand-in plays the Twilio outage. Per component:
 * <ul>
 *   <li>{@code dynamodb}, {@code ssm}, {@code sqs}: {@code unavailable} (the request fails as a refused connection
 *       does), {@code throttle} (the service answers 400 ThrottlingException), {@code slow} (each request waits
 *       {@value #SLOW_SECONDS} s first, then goes through, unless the client's own timeout ends it),
 *       {@code blackhole} (each request goes to a {@link BlackHole}: the connection is accepted and never answered,
 *       so only the client's own timeouts end the call), {@code off};</li>
 *   <li>{@code twilio}: {@code 5xx} (every REST request gets 503), {@code timeout} (every request hangs for 30 s),
 *       {@code off}.</li>
 * </ul>
 * The test code's own clients are not affected: a test can look at the table while DynamoDB is "down".
 */
public final class Faults implements AutoCloseable {
    static final int SLOW_SECONDS = 1;
    static final List<String> AWS = List.of("dynamodb", "ssm", "sqs");
    static final List<String> AWS_MODES = List.of("unavailable", "throttle", "slow", "blackhole", "off");
    static final List<String> TWILIO_MODES = List.of("5xx", "timeout", "off");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> modes = new ConcurrentHashMap<>();
    private final Optional<TwilioSimulator> twilio;
    private volatile BlackHole blackHole;

    Faults(Optional<TwilioSimulator> twilio) {
        this.twilio = twilio;
        AWS.forEach(c -> modes.put(c, "off"));
        modes.put("twilio", "off");
    }

    /** Switches one component's fault; {@code off} ends it. */
    public void set(String component, String mode) {
        String c = component.toLowerCase(Locale.ROOT);
        String m = mode.toLowerCase(Locale.ROOT);
        if (AWS.contains(c) && AWS_MODES.contains(m)) {
            if (m.equals("blackhole")) {
                openBlackHole();
            }
            modes.put(c, m);
        } else if (c.equals("twilio") && TWILIO_MODES.contains(m) && twilio.isPresent()) {
            modes.put(c, m);
            twilio.get().outage(switch (m) {
                case "5xx" -> TwilioApiStandIn.Outage.FIVE_XX;
                case "timeout" -> TwilioApiStandIn.Outage.TIMEOUT;
                default -> TwilioApiStandIn.Outage.OFF;
            });
        } else {
            throw new IllegalArgumentException("faults: dynamodb, ssm, sqs = " + AWS_MODES + "; twilio = " + TWILIO_MODES
                    + (twilio.isEmpty() ? " (only with the Twilio simulator)" : "") + "; got " + component + "=" + mode);
        }
    }

    private synchronized void openBlackHole() {
        if (blackHole == null) {
            blackHole = new BlackHole();
        }
    }

    /**
     * Closes the black hole, if one was opened, and its held connections (the stack stops); the faults' modes stay as
     * they are set ({@link #clear()} ends them).
     */
    @Override
    public synchronized void close() {
        if (blackHole != null) {
            blackHole.close();
        }
    }

    /** Ends every fault. */
    public void clear() {
        modes.keySet().forEach(c -> set(c, "off"));
    }

    public Map<String, String> current() {
        Map<String, String> now = new LinkedHashMap<>();
        AWS.forEach(c -> now.put(c, modes.get(c)));
        now.put("twilio", modes.get("twilio"));
        return now;
    }

    /** What the handlers' AWS clients run every request through. */
    ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                BlackHole hole = blackHole;
                if (hole != null && "blackhole".equals(modes.getOrDefault(service(attributes), "off"))) {
                    return context.httpRequest().toBuilder().protocol("http").host("127.0.0.1").port(hole.port()).build();
                }
                return context.httpRequest();
            }

            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String service = service(attributes);
                switch (modes.getOrDefault(service, "off")) {
                    case "unavailable" -> throw SdkClientException.create("Unable to execute HTTP request: Connect to "
                            + service + " failed: Connection refused (injected fault: " + service + "=unavailable)");
                    case "throttle" -> throw AwsServiceException.builder().statusCode(400)
                            .message("Rate exceeded (injected fault: " + service + "=throttle)")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                                    .errorMessage("Rate exceeded").serviceName(service).build())
                            .build();
                    case "slow" -> {
                        try {
                            Thread.sleep(Duration.ofSeconds(SLOW_SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    default -> {
                    }
                }
            }
        };
    }

    private static String service(ExecutionAttributes attributes) {
        return String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)).toLowerCase(Locale.ROOT);
    }

    /** {@code POST /_local/faults} with form fields {@code dynamodb=unavailable&twilio=5xx}; {@code GET}: what is on. */
    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            Object body;
            try {
                if ("POST".equals(exchange.getRequestMethod())) {
                    String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    alertbridge.formats.FormEncoding.firstValues(alertbridge.formats.FormEncoding.parse(form)).forEach(this::set);
                }
                body = current();
            } catch (IllegalArgumentException e) {
                status = 400;
                body = Map.of("error", "invalid_fault", "detail", e.getMessage());
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
