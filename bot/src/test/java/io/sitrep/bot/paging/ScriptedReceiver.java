package io.sitrep.bot.paging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that receives pages: it answers each request as its own
 * receiver logic says (which checks what it is sent), unless answers were scripted for the
 * next requests or it is down; it keeps every request and whether it was taken (a 2xx).
 */
public final class ScriptedReceiver implements AutoCloseable {

    /** One request, its headers by lower-case name, and the status it was answered with. */
    public record Request(String path, Map<String, String> headers, String body, Instant at, int answered) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean taken() {
            return answered >= 200 && answered < 300;
        }
    }

    /** An answer; {@link #HANG} never comes (until the receiver is reset or closed). */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static final Answer HANG = new Answer(-1, Map.of(), "");

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "");
        }

        public static Answer retryAfter(int status, String retryAfter) {
            return new Answer(status, Map.of("Retry-After", retryAfter), "");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Function<Request, Answer> receiver;
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile CountDownLatch hung = new CountDownLatch(1);

    /** @param receiver the receiver's own answer to a request (given with {@code answered} 0) */
    public ScriptedReceiver(Function<Request, Answer> receiver) {
        this.receiver = receiver;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these answers, in order, before the receiver's own. */
    public void script(Answer... answers) {
        scripted.addAll(List.of(answers));
    }

    /** Every request is answered 503 until {@link #up()}. */
    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests it took (answered 2xx). */
    public List<Request> taken() {
        return requests.stream().filter(Request::taken).toList();
    }

    /** Forgets requests and scripts, comes up, and ends every answer held back. */
    public void reset() {
        scripted.clear();
        requests.clear();
        down = false;
        hung.countDown();
        hung = new CountDownLatch(1);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        Request request = new Request(exchange.getRequestURI().getPath(), headers, body, Instant.now(), 0);
        Answer next = scripted.poll();
        Answer answer = down ? Answer.status(503) : next != null ? next : receiver.apply(request);
        if (answer == Answer.HANG) {
            requests.add(request);
            try {
                hung.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        requests.add(new Request(request.path(), headers, body, request.at(), answer.status()));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        hung.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
