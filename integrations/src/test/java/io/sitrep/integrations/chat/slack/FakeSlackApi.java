package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Slack: the Web API ({@code /api/<method>}) and {@code response_url}s
 * ({@code /respond/<n>}). It records every request with the time it came, answers as Slack
 * would ({@code conversations.create} returns a new channel, {@code chat.postMessage} keeps the
 * message in its channel with its metadata and answers its ts, {@code conversations.history}
 * pages through a channel's messages newest first), and plays scripted failures first where a
 * test queued them.
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

    /** A message in a channel: its ts (Slack's id of it), text, and metadata (null when posted without). */
    public record Posted(String ts, String text, JsonNode metadata) {

        /** A field of the metadata's {@code event_payload}, null when absent. */
        public String payload(String field) {
            return metadata == null ? null : metadata.path("event_payload").path(field).asText(null);
        }
    }

    /** How the answer to a post Slack carried out goes missing. */
    public enum LostAnswer {
        /** A 503, as from a proxy that did not get Slack's own answer. */
        SERVER_ERROR,
        /** The connection closes without an answer. */
        CONNECTION_CLOSED,
        /** No answer until this fake closes or resets: the caller's read timeout, or its death, comes first. */
        NEVER
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HISTORY_LIMIT = 999;
    private static final int DEFAULT_HISTORY_LIMIT = 100;

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(4);
    /** Queues, not copy-on-write lists: a benchmark makes tens of thousands of calls, and each add copied them all. */
    private final java.util.Queue<Call> calls = new java.util.concurrent.ConcurrentLinkedQueue<>();
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
    private final java.util.Queue<Call> succeeded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Each channel's messages, oldest first. */
    private final Map<String, List<Posted>> channelMessages = new ConcurrentHashMap<>();
    /** The newest ts handed out, in microseconds: each message's is later than the last, and near now. */
    private final AtomicLong lastTs = new AtomicLong();
    /** Channels whose next post fails with this answer, not carried out. */
    private final Map<String, Answer> failNextPost = new ConcurrentHashMap<>();
    /** Channels whose next post is carried out but its answer lost, and how. */
    private final Map<String, LostAnswer> loseNextAnswer = new ConcurrentHashMap<>();
    /** Opened when the fake closes or resets: answers held back ({@link LostAnswer#NEVER}) end then. */
    private volatile CountDownLatch heldAnswers = new CountDownLatch(1);
    private final AtomicLong responses = new AtomicLong();
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

    /** Every call since the last reset, in the order they came. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many {@code response_url} answers came since this fake started; never reset. */
    public long responsesEver() {
        return responses.get();
    }

    /** Messages posted to one channel. */
    public List<Call> posts(String channel) {
        return calls("chat.postMessage").stream().filter(c -> channel.equals(c.field("channel"))).toList();
    }

    /** The messages in one channel, oldest first: what people there see, whatever the poster was answered. */
    public List<Posted> messages(String channel) {
        return List.copyOf(channelMessages.getOrDefault(channel, List.of()));
    }

    /**
     * The next post to {@code channel} is carried out (the message is in the channel) but its
     * answer is lost as {@code how} says: the poster cannot tell it from a post that failed.
     */
    public void loseAnswerToNextPost(String channel, LostAnswer how) {
        loseNextAnswer.put(channel, how);
    }

    /** The next post to {@code channel} gets {@code answer} and is not carried out. */
    public void failNextPost(String channel, Answer answer) {
        failNextPost.put(channel, answer);
    }

    /** {@code count} messages from people in {@code channel}, without metadata, as if posted now. */
    public void postedByOthers(String channel, int count) {
        for (int n = 1; n <= count; n++) {
            channelMessages.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>())
                    .add(new Posted(nextTs(), "message " + n + " from someone", null));
        }
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

    /** Forgets calls, messages and scripts; channel ids start again at 1; answers held back end. */
    public void reset() {
        calls.clear();
        succeeded.clear();
        down.clear();
        slow.clear();
        scripted.clear();
        channels.set(0);
        channelMessages.clear();
        loseNextAnswer.clear();
        failNextPost.clear();
        releaseHeldAnswers();
        created.clear();
        loseNextCreateAnswer = false;
    }

    private void releaseHeldAnswers() {
        CountDownLatch held = heldAnswers;
        heldAnswers = new CountDownLatch(1);
        held.countDown();
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
        if (answer == null && path.equals("/api/chat.postMessage")) {
            answer = failNextPost.remove(String.valueOf(call.field("channel")));
        }
        if (answer == null) {
            answer = new Answer(200, Map.of(), normalAnswer(call));
            if (path.equals("/api/conversations.create") && loseNextCreateAnswer) {
                loseNextCreateAnswer = false;
                answer = Answer.serverError(); // made, but the answer never arrives
            }
            LostAnswer lost = path.equals("/api/chat.postMessage")
                    ? loseNextAnswer.remove(String.valueOf(call.field("channel"))) : null;
            if (lost != null) {
                loseAnswer(exchange, lost); // posted by normalAnswer: only the answer goes missing
                return;
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

    /** The post was carried out already (its answer made it so); only the answer goes missing. */
    private void loseAnswer(HttpExchange exchange, LostAnswer how) throws IOException {
        switch (how) {
            case SERVER_ERROR -> {
                byte[] body = "Service Unavailable".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            }
            case CONNECTION_CLOSED -> {
                // Closed before any answer: the JDK server drops the connection.
            }
            case NEVER -> {
                try {
                    heldAnswers.await(5, TimeUnit.MINUTES); // the hang being simulated
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        exchange.close();
    }

    /** The next conversations.create makes the channel but answers 503, as an answer lost on the way. */
    public void loseNextCreateAnswer() {
        loseNextCreateAnswer = true;
    }

    /** The id of the direct message conversations.open gives for {@code user} ({@code U0BOB} → {@code D0BOB}). */
    public static String directChannel(String user) {
        return "D" + user.substring(1);
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
            case "/api/chat.postMessage" -> post(call);
            case "/api/conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"" + directChannel(call.field("users"))
                    + "\"}}";
            case "/api/conversations.history" -> history(call);
            case "/api/files.getUploadURLExternal" -> "{\"ok\":true,\"upload_url\":\"" + baseUrl()
                    + "/upload/F0FILE1\",\"file_id\":\"F0FILE1\"}";
            case "/upload/F0FILE1" -> "OK - " + call.body().length();
            case "/api/files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F0FILE1\",\"title\":\"export\"}]}";
            case "/api/apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            default -> "{\"ok\":true}";
        };
    }

    private String post(Call call) {
        String channel = call.field("channel");
        String metadata = call.field("metadata");
        Posted posted = new Posted(nextTs(), call.field("text"), metadata == null ? null : call.json("metadata"));
        channelMessages.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(posted);
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + posted.ts() + "\"}";
    }

    /** Slack's form: seconds, a dot, six digits of microseconds; later than every one before. */
    private String nextTs() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = lastTs.updateAndGet(last -> Math.max(last + 1, now));
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    private static BigDecimal tsValue(String ts) {
        return new BigDecimal(ts);
    }

    /**
     * As Slack answers it: newest first, after {@code oldest} (or at it, when {@code inclusive}),
     * before {@code latest}, {@code limit} at a time, with {@code has_more} and a
     * {@code next_cursor} for the next page; metadata only with {@code include_all_metadata}.
     */
    private String history(Call call) {
        BigDecimal oldest = tsValue(call.form().getOrDefault("oldest", "0"));
        boolean inclusive = "true".equals(call.field("inclusive")) || "1".equals(call.field("inclusive"));
        String latestField = call.field("latest");
        BigDecimal latest = latestField == null || latestField.isEmpty() ? null : tsValue(latestField);
        String cursor = call.field("cursor");
        BigDecimal from = cursor == null || cursor.isEmpty() ? null : tsValue(new String(
                Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).substring("next_ts:".length()));
        int limit = Math.min(MAX_HISTORY_LIMIT, Integer.parseInt(call.form().getOrDefault("limit", "" + DEFAULT_HISTORY_LIMIT)));
        boolean withMetadata = "true".equals(call.field("include_all_metadata")) || "1".equals(call.field("include_all_metadata"));

        List<Posted> newestFirst = new ArrayList<>(messages(call.field("channel")));
        Collections.reverse(newestFirst);
        List<Posted> matching = newestFirst.stream().filter(m -> {
            int sinceOldest = tsValue(m.ts()).compareTo(oldest);
            return (inclusive ? sinceOldest >= 0 : sinceOldest > 0)
                    && (latest == null || tsValue(m.ts()).compareTo(latest) < 0)
                    && (from == null || tsValue(m.ts()).compareTo(from) <= 0);
        }).toList();
        List<Posted> page = matching.subList(0, Math.min(limit, matching.size()));
        boolean more = matching.size() > page.size();

        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        ArrayNode list = answer.putArray("messages");
        for (Posted m : page) {
            ObjectNode message = list.addObject().put("type", "message")
                    .put("user", BOT_USER).put("bot_id", "B0BOT").put("text", m.text()).put("ts", m.ts());
            if (withMetadata && m.metadata() != null) {
                message.set("metadata", m.metadata());
            }
        }
        answer.put("has_more", more);
        String next = more ? Base64.getEncoder().encodeToString(("next_ts:" + matching.get(page.size()).ts())
                .getBytes(StandardCharsets.UTF_8)) : "";
        answer.putObject("response_metadata").put("next_cursor", next);
        return answer.toString();
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
        releaseHeldAnswers();
        server.stop(0);
        executor.shutdownNow();
    }
}
