package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Slack: the Web API ({@code /api/<method>}) and {@code response_url}s
 * ({@code /respond/<n>}). It records every request with the time it came, answers as Slack
 * would ({@code conversations.create} returns a new channel, {@code chat.postMessage} a
 * message ts), and plays scripted failures first where a test queued them.
 */
public final class FakeSlackApi implements AutoCloseable {

    /** One request Slack got. */
    public record Call(String path, String body, Instant at) {

        /** The form fields of a Web API call. */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return fields;
        }

        public String field(String name) {
            return form().get(name);
        }

        /** A form field that holds JSON ({@code blocks}, {@code view}), or the body itself when it is JSON. */
        public JsonNode json(String name) {
            try {
                return new ObjectMapper().readTree(name == null ? body : field(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public static Answer error(String slackError) {
            return new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"" + slackError + "\"}");
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
                    "{\"ok\":false,\"error\":\"ratelimited\"}");
        }

        public static Answer serverError() {
            return new Answer(503, Map.of(), "Service Unavailable");
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(4);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger channels = new AtomicInteger();
    /** Channels made through conversations.create, by name: a second create of one is name_taken. */
    private final Map<String, String> created = new ConcurrentHashMap<>();
    private volatile boolean loseNextCreateAnswer;
    /** Methods that answer only after a delay, as a Slack that hangs for a while. */
    private final Map<String, java.time.Duration> slow = new ConcurrentHashMap<>();
    /** Methods answering 503 to every call until the outage ends. */
    private final java.util.Set<String> down = ConcurrentHashMap.newKeySet();
    /** Calls Slack carried out (answered 200 with ok), as opposed to the ones it failed or refused. */
    private final List<Call> succeeded = new CopyOnWriteArrayList<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong responses = new java.util.concurrent.atomic.AtomicLong();
    private volatile String socketModeUrl = "ws://127.0.0.1:1/none";
    /** The bot user Sitrep is in this fake workspace. */
    public static final String BOT_USER = "U0BOT";

    public FakeSlackApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Web API base URL, as {@code sitrep.slack.api-url} takes it. */
    public String apiUrl() {
        return baseUrl() + "/api/";
    }

    /** Calls of one Web API method ({@code chat.postMessage}) or to one path ({@code /respond/1}). */
    public List<Call> calls(String methodOrPath) {
        String path = methodOrPath.startsWith("/") ? methodOrPath : "/api/" + methodOrPath;
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    /** How many {@code response_url} answers came since this fake started; never reset. */
    public long responsesEver() {
        return responses.get();
    }

    /** Messages posted to one channel. */
    public List<Call> posts(String channel) {
        return calls("chat.postMessage").stream().filter(c -> channel.equals(c.field("channel"))).toList();
    }

    /** Where {@code apps.connections.open} sends a Socket Mode app. */
    public void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** The next calls of {@code method} get these answers, in order, before the normal ones. */
    public void script(String method, Answer... answers) {
        Queue<Answer> queue = scripted.computeIfAbsent("/api/" + method, k -> new ConcurrentLinkedQueue<>());
        queue.addAll(List.of(answers));
    }

    /** Every call of {@code method} answers 503 until {@link #endOutage()}. */
    public void outage(String method) {
        down.add("/api/" + method);
    }

    public void endOutage() {
        down.clear();
    }

    /** Every call of {@code method} is held for {@code delay} before it is answered. */
    public void slow(String method, java.time.Duration delay) {
        slow.put("/api/" + method, delay);
    }

    /** Calls of one method (or path) that Slack carried out: answered 200 and ok. */
    public List<Call> succeeded(String methodOrPath) {
        String path = methodOrPath.startsWith("/") ? methodOrPath : "/api/" + methodOrPath;
        return succeeded.stream().filter(c -> c.path().equals(path)).toList();
    }

    /** Forgets calls and scripts; channel ids and message timestamps start again at 1. */
    public void reset() {
        calls.clear();
        succeeded.clear();
        down.clear();
        slow.clear();
        scripted.clear();
        channels.set(0);
        messages.set(0);
        created.clear();
        loseNextCreateAnswer = false;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Call call = new Call(path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                Instant.now());
        calls.add(call);
        if (path.startsWith("/respond/")) {
            responses.incrementAndGet();
        }
        Queue<Answer> queue = scripted.get(path);
        Answer answer = down.contains(path) ? Answer.serverError() : queue == null ? null : queue.poll();
        if (answer == null) {
            answer = new Answer(200, Map.of(), normalAnswer(call));
            if (path.equals("/api/conversations.create") && loseNextCreateAnswer) {
                loseNextCreateAnswer = false;
                answer = Answer.serverError(); // made, but the answer never arrives
            }
        }
        java.time.Duration delay = slow.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis()); // the hang being simulated, not a wait for something
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.status() == 200 && !answer.body().startsWith("{\"ok\":false")) {
            succeeded.add(call);
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The next conversations.create makes the channel but answers 503, as an answer lost on the way. */
    public void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** The channels conversations.create made, by name. */
    public Map<String, String> createdChannels() {
        return Map.copyOf(created);
    }

    private String normalAnswer(Call call) {
        return switch (call.path()) {
            case "/api/conversations.create" -> create(call.field("name"));
            case "/api/auth.test" -> "{\"ok\":true,\"user_id\":\"" + BOT_USER + "\",\"team_id\":\"T0TEAM\"}";
            case "/api/conversations.list" -> "{\"ok\":true,\"channels\":[" + created.entrySet().stream()
                    .map(c -> "{\"id\":\"" + c.getValue() + "\",\"name\":\"" + c.getKey() + "\",\"creator\":\""
                            + BOT_USER + "\",\"is_archived\":false}")
                    .collect(java.util.stream.Collectors.joining(",")) + "],\"response_metadata\":{\"next_cursor\":\"\"}}";
            case "/api/chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + call.field("channel")
                    + "\",\"ts\":\"1700000000." + String.format("%06d", messages.incrementAndGet()) + "\"}";
            case "/api/files.getUploadURLExternal" -> "{\"ok\":true,\"upload_url\":\"" + baseUrl()
                    + "/upload/F0FILE1\",\"file_id\":\"F0FILE1\"}";
            case "/upload/F0FILE1" -> "OK - " + call.body().length();
            case "/api/files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F0FILE1\",\"title\":\"export\"}]}";
            case "/api/apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            default -> "{\"ok\":true}";
        };
    }

    private String create(String name) {
        if (created.containsKey(name)) {
            return "{\"ok\":false,\"error\":\"name_taken\"}";
        }
        String id = "C0INC" + channels.incrementAndGet();
        created.put(name, id);
        return "{\"ok\":true,\"channel\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
