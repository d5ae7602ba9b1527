import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a function exactly as `sam build` laid it out (run with -cp "<build dir>:<build dir>/lib/*" and nothing
 * else), constructs its handler with the public no-arg constructor Lambda uses, and invokes it with an events/
 * sample (an API Gateway proxy event, or an SNS event for the topic function). A tiny Twilio Calls API answers on the port given, so the alert function can place its calls.
 *
 * With a repeat count it also times the handler: construction (the init phase of a cold start, with its SSM
 * read and client set-up), the first invocation, and warm invocations; the Twilio stand-in can answer each
 * create request after a delay, like the real API's round trip.
 *
 * With {@code PRIME=1} in the environment and a handler that implements {@code org.crac.Resource}, it calls
 * {@code beforeCheckpoint(null)} then {@code afterRestore(null)} after construction (what SnapStart runs before the
 * snapshot and after a restore), so the first request is the one a restored container serves.
 *
 * usage: java -cp ... .ci/InvokeBuiltFunction.java <handler class> <event.json> <twilio port> [repeat] [twilio delay ms]
 * A twilio port of the form {@code external:<port>} starts no stand-in: one is already listening there (the cold
 * benchmark, .ci/bench/cold_start.py, so this process does no work the floor program does not).
 */
public class InvokeBuiltFunction {
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"Timestamp", "timestamp"})
    abstract static class IgnoreTimestamp {
    }

    public static void main(String[] args) throws Exception {
        int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        long delayMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
        boolean external = args[2].startsWith("external:");
        HttpServer twilio = external ? null
                : HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[2])), 0);
        if (twilio != null) {
            startTwilio(twilio, delayMs);
        }
        try {
            run(args, repeat);
        } finally {
            if (twilio != null) {
                twilio.stop(0);
            }
        }
    }

    private static void startTwilio(HttpServer twilio, long delayMs) {
        twilio.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        twilio.createContext("/", exchange -> {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String to = body.replaceAll(".*(?:^|&)To=([^&]*).*", "$1");
            byte[] json = ("{\"sid\":\"CA" + "f".repeat(32) + "\",\"status\":\"queued\",\"to\":\""
                    + java.net.URLDecoder.decode(to, StandardCharsets.UTF_8) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, json.length);
            exchange.getResponseBody().write(json);
            exchange.close();
        });
        twilio.start();
    }

    private static void run(String[] args, int repeat) throws Exception {
        long t0 = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler = handlerClass.getConstructor().newInstance();
        long initNanos = System.nanoTime() - t0;
        long primeNanos = "1".equals(System.getenv("PRIME")) ? prime(handler) : -1;
        // the event type the handler declares (RequestHandler<E, R>): API Gateway's proxy event or SNS's
        Method handle = java.util.Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge())
                .findFirst().orElseThrow();
        Class<?> eventClass = handle.getParameterTypes()[0];
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        if (!eventClass.getSimpleName().startsWith("APIGateway")) {
            // SNS events use capitalised keys ("Records", "Sns") and a Joda timestamp, which the Lambda runtime's
            // own serializer handles; plain Jackson needs to be told (the handler does not read the timestamp)
            json.configure(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
            for (Class<?> nested : eventClass.getClasses()) {
                json.addMixIn(nested, IgnoreTimestamp.class);
            }
        }
        String eventJson = Files.readString(Path.of(args[1]));
        long[] nanos = new long[repeat];
        Object response = null;
        for (int i = 0; i < repeat; i++) {
            Object event = json.readValue(eventJson, eventClass);
            long start = System.nanoTime();
            response = handle.invoke(handler, event, null);
            nanos[i] = System.nanoTime() - start;
        }
        System.out.println("RESPONSE " + new ObjectMapper().writeValueAsString(response));
        long[] warm = java.util.Arrays.copyOfRange(nanos, 1, nanos.length);
        java.util.Arrays.sort(warm);
        System.out.printf("TIMING init_ms=%.0f first_ms=%.0f warm_p50_ms=%.1f warm_max_ms=%.1f warm_n=%d prime_ms=%.0f%n",
                initNanos / 1e6, nanos[0] / 1e6,
                warm.length == 0 ? Double.NaN : warm[warm.length / 2] / 1e6,
                warm.length == 0 ? Double.NaN : warm[warm.length - 1] / 1e6, warm.length,
                primeNanos < 0 ? Double.NaN : primeNanos / 1e6);
    }

    /** SnapStart's hooks, if the handler has them (org.crac.Resource): @return their time, or -1 when it has none */
    private static long prime(Object handler) throws Exception {
        Class<?> resource;
        try {
            resource = Class.forName("org.crac.Resource", false, handler.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return -1;
        }
        if (!resource.isInstance(handler)) {
            return -1;
        }
        long start = System.nanoTime();
        Class<?> context = Class.forName("org.crac.Context", false, handler.getClass().getClassLoader());
        resource.getMethod("beforeCheckpoint", context).invoke(handler, (Object) null);
        resource.getMethod("afterRestore", context).invoke(handler, (Object) null);
        return System.nanoTime() - start;
    }
}
