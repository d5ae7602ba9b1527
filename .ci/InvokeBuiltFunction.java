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
 * sample. A tiny Twilio Calls API answers on the port given, so the alert function can place its calls.
 *
 * usage: java -cp ... .ci/InvokeBuiltFunction.java <handler class> <event.json> <twilio port>
 */
public class InvokeBuiltFunction {
    public static void main(String[] args) throws Exception {
        HttpServer twilio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[2])), 0);
        twilio.createContext("/", exchange -> {
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
        try {
            Class<?> handlerClass = Class.forName(args[0]);
            Object handler = handlerClass.getConstructor().newInstance();
            Class<?> eventClass = Class.forName("com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
            Object event = new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(Files.readString(Path.of(args[1])), eventClass);
            Method handle = handlerClass.getMethod("handleRequest", eventClass, Class.forName("com.amazonaws.services.lambda.runtime.Context"));
            Object response = handle.invoke(handler, event, null);
            System.out.println("RESPONSE " + new ObjectMapper().writeValueAsString(response));
        } finally {
            twilio.stop(0);
        }
    }
}
