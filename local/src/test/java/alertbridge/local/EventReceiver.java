package alertbridge.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

/** A local webhook receiver for the events tests: records every POST by path and answers as each path is told. */
final class EventReceiver implements AutoCloseable {
    /** One POST and what it was answered. */
    record Post(String path, String signature, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, ToIntFunction<String>> answers = new ConcurrentHashMap<>();

    EventReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param answer the status to answer a body with (it may also block, as a hanging receiver does) */
    EventReceiver answer(String path, ToIntFunction<String> answer) {
        answers.put(path, answer);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        int status = answers.getOrDefault(path, b -> 200).applyAsInt(body);
        posts.add(new Post(path, exchange.getRequestHeaders().getFirst("X-Alertbridge-Signature"), body, status));
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException gone) {
            // the sender gave up waiting (its timeout): nothing to answer
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
