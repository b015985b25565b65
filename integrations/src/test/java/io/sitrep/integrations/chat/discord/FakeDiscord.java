package io.sitrep.integrations.chat.discord;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local Discord for an unmodified JDA to talk to: REST at {@link #apiUrl()} (users/@me,
 * guild channels, messages, pins, topics, interaction callbacks and webhook edits, command
 * registration) and a gateway WebSocket at {@link #gatewayUrl()} that identifies the bot, sends
 * one guild and then whatever interactions a test dispatches. Guild members and their roles are
 * listed, given and taken as Discord does it over REST. Every REST request is recorded;
 * a test may script failures (a 429 with Retry-After, a 5xx, a refusal) for the next matching calls.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String BOT_ID = "111";
    public static final String GUILD_ID = "900";
    public static final String BOT_ROLE_ID = "901";
    /** A role below Sitrep's own, for on-call mentions. */
    public static final String ONCALL_ROLE_ID = "902";
    /** A role above Sitrep's own: Sitrep may not give or take it. */
    public static final String ADMIN_ROLE_ID = "903";
    public static final long MANAGE_ROLES = 1L << 28;
    public static final String GENERAL_CHANNEL_ID = "301";
    public static final String STATUS_CHANNEL_ID = "302";
    private static final long DISCORD_EPOCH = 1420070400000L;
    /** View, manage channels, send, embed links, read history, pin: what Sitrep asks for. */
    public static final long SITREP_PERMISSIONS = 1024L | 16L | 2048L | 16384L | 65536L | 32768L | (1L << 51);

    /** One REST call as JDA made it; {@code nanos} is {@link System#nanoTime()} on arrival. */
    public record Call(String method, String path, String body, Instant at, long nanos) {
        /** The JSON body; for a multipart upload, its {@code payload_json} part. */
        public JsonNode json() {
            try {
                return JSON.readTree(body.startsWith("--") ? part("payload_json") : body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        /** One part of a multipart body by its form name (a file's is {@code files[0]}). */
        public String part(String name) {
            int header = body.indexOf("name=\"" + name + "\"");
            if (header < 0) {
                throw new IllegalStateException("no part " + name + " in " + body);
            }
            int start = body.indexOf("\r\n\r\n", header) + 4;
            String boundary = body.substring(0, body.indexOf("\r\n"));
            return body.substring(start, body.indexOf("\r\n" + boundary, start));
        }
    }

    /** A scripted answer for the next calls matching {@code method} and {@code pathPattern}. */
    private record Failure(String method, Pattern pathPattern, int status, String body, Map<String, String> headers,
                           AtomicInteger remaining) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final Gateway gateway;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, ObjectNode> channels = new ConcurrentHashMap<>();
    /** Direct message channels by the id of the user at the other end; not the guild's. */
    private final Map<String, ObjectNode> directChannels = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<String, String> interactionChannels = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(5000);
    private volatile long botPermissions = SITREP_PERMISSIONS;
    private volatile boolean inGuild = true;
    private final AtomicInteger lostChannelAnswers = new AtomicInteger();
    private final AtomicInteger lostMessageAnswers = new AtomicInteger();
    /** Message ids by channel and nonce, for posts sent with {@code enforce_nonce}: Discord keeps one. */
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    /** Member id → the ids of the roles they hold, ordered by member id as Discord lists them. */
    private final Map<String, java.util.Set<String>> members = new java.util.concurrent.ConcurrentSkipListMap<>(
            java.util.Comparator.comparingLong(Long::parseLong));
    private volatile JsonNode registeredCommands = JSON.createArrayNode();
    private final java.util.Set<String> baseChannels;

    public FakeDiscord() throws IOException {
        channels.put("300", channel("300", 4, "Incidents", null, null));
        channels.put(GENERAL_CHANNEL_ID, channel(GENERAL_CHANNEL_ID, 0, "general", null, null));
        channels.put(STATUS_CHANNEL_ID, channel(STATUS_CHANNEL_ID, 0, "status", null, null));
        baseChannels = java.util.Set.copyOf(channels.keySet());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.createContext("/api/v10/", this::serve);
        http.start();
        gateway = new Gateway();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort() + "/";
    }

    /** Starts without the incidents category, so Sitrep must create it. */
    public FakeDiscord withoutCategory() {
        channels.remove("300");
        return this;
    }

    /** Starts with the bot in no guild at all: not invited yet. */
    public FakeDiscord withoutGuild() {
        inGuild = false;
        return this;
    }

    /** Sitrep's role lacks {@code permissionBit} from the next connection on. */
    public FakeDiscord withoutPermission(long permissionBit) {
        botPermissions &= ~permissionBit;
        return this;
    }

    /** Sitrep's role also has {@code permissionBit} from the next connection on. */
    public FakeDiscord withPermission(long permissionBit) {
        botPermissions |= permissionBit;
        return this;
    }

    /** A member of the guild holding {@code roleIds}. */
    public FakeDiscord withMember(String userId, String... roleIds) {
        members.put(userId, java.util.concurrent.ConcurrentHashMap.newKeySet());
        members.get(userId).addAll(List.of(roleIds));
        return this;
    }

    /** The ids of the members holding {@code roleId} now, in id order. */
    public List<String> holders(String roleId) {
        return members.entrySet().stream().filter(e -> e.getValue().contains(roleId)).map(Map.Entry::getKey).toList();
    }

    // ---- what tests read ----

    /** Forgets the calls recorded so far, and nothing else; for long runs. */
    public void forgetCalls() {
        calls.clear();
    }

    /** Forgets calls, scripted failures and messages; deletes the channels Sitrep created, as an admin would. */
    public void reset() {
        calls.clear();
        failures.clear();
        messages.clear();
        nonces.clear();
        directChannels.clear();
        lostMessageAnswers.set(0);
        for (String id : List.copyOf(channels.keySet())) {
            if (!baseChannels.contains(id)) {
                deleteChannel(id);
            }
        }
    }

    /** Whether the bot has registered its guild commands, which it does once its session is ready. */
    public boolean commandsRegistered() {
        return !registeredCommands.isEmpty();
    }

    /** The guild commands as the bot registered them. */
    public JsonNode registeredCommands() {
        return registeredCommands;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return calls.stream().filter(c -> c.method().equals(method) && pattern.matcher(c.path()).matches()).toList();
    }

    /** Messages posted (not edits) to a channel, in order. */
    public List<Call> posts(String channelId) {
        return calls("POST", "channels/" + channelId + "/messages");
    }

    /** Channels Sitrep created, by name. */
    public Optional<String> channelId(String name) {
        return channels.values().stream().filter(c -> c.path("name").asText().equals(name))
                .map(c -> c.path("id").asText()).findFirst();
    }

    public JsonNode channel(String id) {
        return channels.get(id);
    }

    /** The id of the direct message channel Sitrep opened with {@code userId}, once it did. */
    public Optional<String> directChannel(String userId) {
        return Optional.ofNullable(directChannels.get(userId)).map(c -> c.path("id").asText());
    }

    /** The edits of one interaction's deferred reply, in order. */
    public List<Call> replies(String interactionToken) {
        return calls("PATCH", "webhooks/" + BOT_ID + "/" + Pattern.quote(interactionToken) + "/messages/@original");
    }

    public List<Call> callbacks(String interactionId) {
        return calls("POST", "interactions/" + interactionId + "/[^/]+/callback");
    }

    /** Answers the next {@code times} calls of {@code method} on paths matching {@code pathRegex} so. */
    public void failNext(String method, String pathRegex, int times, int status, String body, Map<String, String> headers) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status, body, headers, new AtomicInteger(times)));
    }

    /** The next channel creation is carried out, but its answer is a 500: the caller can't know it worked. */
    /** The next message post is made, but its answer is a 500, as an answer lost on the way. */
    public void loseNextMessageAnswer() {
        lostMessageAnswers.incrementAndGet();
    }

    public void loseNextChannelCreationAnswer() {
        lostChannelAnswers.incrementAndGet();
    }

    /** Discord's rate limit: wait {@code seconds}, then it works. */
    public void rateLimitNext(String method, String pathRegex, int seconds) {
        failNext(method, pathRegex, 1, 429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":" + seconds + ".0,\"global\":false}",
                Map.of("Retry-After", Integer.toString(seconds), "Via", "1.1 google", "X-RateLimit-Scope", "user"));
    }

    // ---- changes in the guild, as Discord announces them ----

    /** An admin changes Sitrep's role to exactly {@code permissions}. */
    public void setBotPermissions(long permissions) {
        botPermissions = permissions;
        ObjectNode update = JSON.createObjectNode().put("guild_id", GUILD_ID);
        role(update.putObject("role"), BOT_ROLE_ID, "Sitrep", 2, permissions).put("managed", true);
        gateway.dispatch("GUILD_ROLE_UPDATE", update);
    }

    /** Someone deletes a channel (or category). */
    public void deleteChannel(String id) {
        ObjectNode channel = channels.remove(id);
        if (channel != null && !gateway.sessions.isEmpty()) {
            gateway.dispatch("CHANNEL_DELETE", channel);
        }
    }

    /** The channels the fake started with are back, and only they. */
    public void restoreChannels() {
        for (String id : List.copyOf(channels.keySet())) {
            if (!baseChannels.contains(id)) {
                deleteChannel(id);
            }
        }
        if (!channels.containsKey("300")) {
            ObjectNode category = channel("300", 4, "Incidents", null, null);
            channels.put("300", category);
            gateway.dispatch("CHANNEL_CREATE", category);
        }
    }

    /** Private follow-ups sent to whoever ran an interaction. */
    public List<Call> followUps(String interactionToken) {
        return calls("POST", "webhooks/" + BOT_ID + "/" + Pattern.quote(interactionToken));
    }

    // ---- interactions ----

    /** Sends {@code /incident …}; returns the interaction's token. Options are name, value pairs. */
    public Interaction slash(String user, String channelId, String group, String subcommand, String... options) {
        ObjectNode data = JSON.createObjectNode().put("id", "4000").put("name", "incident").put("type", 1)
                .put("guild_id", GUILD_ID);
        ArrayNode leaf = JSON.createArrayNode();
        for (int i = 0; i < options.length; i += 2) {
            int type = optionType(group, subcommand, options[i]);
            ObjectNode option = leaf.addObject().put("name", options[i]).put("type", type);
            switch (type) {
                case 4 -> option.put("value", Long.parseLong(options[i + 1]));
                case 6 -> {
                    // A user option carries the id; the user comes in the interaction's resolved data.
                    String userId = userId(options[i + 1]);
                    option.put("value", userId);
                    ObjectNode resolved = data.has("resolved") ? (ObjectNode) data.get("resolved") : data.putObject("resolved");
                    ObjectNode users = resolved.has("users") ? (ObjectNode) resolved.get("users") : resolved.putObject("users");
                    users.putObject(userId).put("id", userId).put("username", options[i + 1]).put("discriminator", "0");
                }
                default -> option.put("value", options[i + 1]);
            }
        }
        ObjectNode sub = JSON.createObjectNode().put("type", 1).put("name", subcommand);
        sub.set("options", leaf);
        if (group == null) {
            data.putArray("options").add(sub);
        } else {
            ObjectNode grouped = data.putArray("options").addObject().put("type", 2).put("name", group);
            grouped.putArray("options").add(sub);
        }
        return dispatchInteraction(2, user, channelId, data, null);
    }

    /** The type the bot registered for an option (3, a string, when it registered none such). */
    private int optionType(String group, String subcommand, String option) {
        for (JsonNode command : registeredCommands) {
            for (JsonNode first : command.path("options")) {
                JsonNode sub = first;
                if (group != null) {
                    if (!first.path("name").asText().equals(group)) {
                        continue;
                    }
                    sub = null;
                    for (JsonNode inGroup : first.path("options")) {
                        if (inGroup.path("name").asText().equals(subcommand)) {
                            sub = inGroup;
                        }
                    }
                    if (sub == null) {
                        continue;
                    }
                } else if (!first.path("name").asText().equals(subcommand)) {
                    continue;
                }
                for (JsonNode candidate : sub.path("options")) {
                    if (candidate.path("name").asText().equals(option)) {
                        return candidate.path("type").asInt(3);
                    }
                }
            }
        }
        return 3;
    }

    /** The same interaction delivered a second time, as a gateway replay would. */
    public void redeliver(Interaction interaction) {
        gateway.dispatch("INTERACTION_CREATE", interaction.payload());
    }

    public Interaction click(String user, String channelId, String messageId, String customId) {
        ObjectNode data = JSON.createObjectNode().put("custom_id", customId).put("component_type", 2);
        ObjectNode message = JSON.createObjectNode().put("id", messageId);
        return dispatchInteraction(3, user, channelId, data, message);
    }

    /** A click on a button of a message in {@code user}'s direct message with Sitrep: no guild, no member. */
    public Interaction clickInDirectMessage(String user, String messageId, String customId) {
        String channelId = directChannel(userId(user)).orElseThrow(
                () -> new IllegalStateException("Sitrep never opened a direct message with " + user));
        ObjectNode data = JSON.createObjectNode().put("custom_id", customId).put("component_type", 2);
        ObjectNode message = JSON.createObjectNode().put("id", messageId);
        return dispatchInteraction(3, user, channelId, data, message, true);
    }

    public Interaction submitModal(String user, String channelId, String modalId, String text) {
        ObjectNode data = JSON.createObjectNode().put("custom_id", modalId);
        ObjectNode label = data.putArray("components").addObject().put("type", 18).put("id", 1);
        label.putObject("component").put("type", 4).put("id", 2).put("custom_id", DiscordModals.TEXT_INPUT)
                .put("value", text);
        return dispatchInteraction(5, user, channelId, data, null);
    }

    /** One interaction sent to the bot: its id and token, the payload (for a redelivery), and when it was sent. */
    public record Interaction(String id, String token, ObjectNode payload, long sentNanos) {
    }

    private Interaction dispatchInteraction(int type, String user, String channelId, ObjectNode data, ObjectNode message) {
        return dispatchInteraction(type, user, channelId, data, message, false);
    }

    /** @param direct in a direct message with Sitrep (context 1): the user alone, no guild nor member */
    private Interaction dispatchInteraction(int type, String user, String channelId, ObjectNode data, ObjectNode message,
                                            boolean direct) {
        String id = Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) + ids.incrementAndGet());
        String token = "tok-" + id;
        interactionChannels.put(token, channelId);
        ObjectNode d = JSON.createObjectNode().put("id", id).put("application_id", BOT_ID).put("token", token)
                .put("version", 1).put("type", type).put("channel_id", channelId)
                .put("app_permissions", Long.toString(botPermissions)).put("context", direct ? 1 : 0)
                .put("locale", "en-US");
        if (direct) {
            d.putObject("channel").put("id", channelId).put("type", 1);
            d.putObject("user").put("id", userId(user)).put("username", user).put("discriminator", "0");
        } else {
            d.put("guild_id", GUILD_ID).put("guild_locale", "en-US");
            d.putObject("guild").put("id", GUILD_ID).put("locale", "en-US").putArray("features");
            ObjectNode channel = channels.get(channelId);
            d.putObject("channel").put("id", channelId).put("type", 0).put("guild_id", GUILD_ID)
                    .put("name", channel == null ? "unknown" : channel.path("name").asText());
            ObjectNode member = d.putObject("member");
            member.putObject("user").put("id", userId(user)).put("username", user).put("discriminator", "0");
            member.putArray("roles");
            member.put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("permissions", "2251799813685247")
                    .put("deaf", false).put("mute", false).put("flags", 0);
        }
        d.putArray("entitlements");
        d.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        d.set("data", data);
        if (message != null) {
            d.set("message", message);
        }
        long sent = System.nanoTime();
        gateway.dispatch("INTERACTION_CREATE", d);
        return new Interaction(id, token, d, sent);
    }

    /** A stable id per user name. */
    public static String userId(String user) {
        return Long.toString(200_000 + Math.abs((long) user.hashCode() % 100_000));
    }

    // ---- REST ----

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring("/api/v10/".length());
            String method = exchange.getRequestMethod();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            calls.add(new Call(method, path, body, Instant.now(), arrived));
            for (Failure failure : failures) {
                if (failure.method().equals(method) && failure.pathPattern().matcher(path).matches()
                        && failure.remaining().getAndDecrement() > 0) {
                    failure.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                    respond(exchange, failure.status(), failure.body());
                    return;
                }
            }
            String query = exchange.getRequestURI().getRawQuery();
            route(exchange, method, path, query == null ? "" : query, body);
        } catch (RuntimeException e) {
            e.printStackTrace();
            respond(exchange, 500, "{\"message\":\"fake failed: " + e + "\",\"code\":0}");
        }
    }

    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("channels/(\\d+)/messages/(\\d+)");
    private static final Pattern PIN = Pattern.compile("channels/(\\d+)/messages/pins/(\\d+)");
    private static final Pattern CHANNEL = Pattern.compile("channels/(\\d+)");
    private static final Pattern MEMBER_ROLE = Pattern.compile("guilds/" + GUILD_ID + "/members/(\\d+)/roles/(\\d+)");
    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern ORIGINAL = Pattern.compile("webhooks/\\d+/([^/]+)/messages/@original");
    private static final Pattern FOLLOW_UP = Pattern.compile("webhooks/\\d+/([^/]+)");

    private void route(HttpExchange exchange, String method, String path, String query, String body)
            throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("guilds/" + GUILD_ID + "/members")) {
            respond(exchange, 200, memberList(query).toString());
        } else if ((m = MEMBER_ROLE.matcher(path)).matches() && (method.equals("PUT") || method.equals("DELETE"))) {
            java.util.Set<String> roles = members.get(m.group(1));
            if (roles == null) {
                respond(exchange, 404, "{\"message\":\"Unknown Member\",\"code\":10007}");
                return;
            }
            if (method.equals("PUT")) {
                roles.add(m.group(2));
            } else {
                roles.remove(m.group(2));
            }
            respond(exchange, 204, "");
        } else if (method.equals("POST") && path.equals("users/@me/channels")) {
            String user = JSON.readTree(body).path("recipient_id").asText();
            ObjectNode dm = directChannels.computeIfAbsent(user, u -> {
                ObjectNode channel = JSON.createObjectNode().put("id", Long.toString(ids.incrementAndGet())).put("type", 1);
                channel.putNull("last_message_id");
                channel.putArray("recipients").addObject().put("id", u).put("username", "user" + u)
                        .put("discriminator", "0");
                return channel;
            });
            respond(exchange, 200, dm.toString());
        } else if (method.equals("GET") && path.equals("users/@me")) {
            respond(exchange, 200, "{\"id\":\"" + BOT_ID + "\",\"username\":\"sitrep\",\"discriminator\":\"0\",\"bot\":true}");
        } else if (method.equals("PUT") && path.matches("applications/\\d+/guilds/\\d+/commands")) {
            ArrayNode commands = (ArrayNode) JSON.readTree(body);
            commands.forEach(c -> ((ObjectNode) c).put("id", Long.toString(ids.incrementAndGet()))
                    .put("application_id", BOT_ID).put("version", "1"));
            registeredCommands = commands;
            respond(exchange, 200, commands.toString());
        } else if (method.equals("POST") && path.equals("guilds/" + GUILD_ID + "/channels")) {
            JsonNode request = JSON.readTree(body);
            String id = Long.toString(ids.incrementAndGet());
            ObjectNode created = channel(id, request.path("type").asInt(), request.path("name").asText(),
                    request.path("parent_id").isMissingNode() || request.path("parent_id").isNull() ? null
                            : request.path("parent_id").asText(),
                    request.path("topic").isTextual() ? request.path("topic").asText() : null);
            channels.put(id, created);
            if (!gateway.sessions.isEmpty()) {
                gateway.dispatch("CHANNEL_CREATE", created); // as Discord announces every new channel
            }
            if (lostChannelAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 500, "{\"message\":\"500: Internal Server Error\",\"code\":0}");
                return;
            }
            respond(exchange, 201, created.toString());
        } else if ((m = PIN.matcher(path)).matches() && method.equals("PUT")) {
            respond(exchange, messages.containsKey(m.group(2)) ? 204 : 404, messages.containsKey(m.group(2)) ? ""
                    : "{\"message\":\"Unknown Message\",\"code\":10008}");
        } else if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            String target = m.group(1);
            if (!channels.containsKey(target) && directChannels.values().stream()
                    .noneMatch(dm -> dm.path("id").asText().equals(target))) {
                respond(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
                return;
            }
            JsonNode request = body.startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
            String nonceKey = request.path("enforce_nonce").asBoolean() && request.hasNonNull("nonce")
                    ? m.group(1) + "/" + request.path("nonce").asText() : null;
            String earlier = nonceKey == null ? null : nonces.get(nonceKey);
            if (earlier != null && messages.containsKey(earlier)) {
                respond(exchange, 200, messages.get(earlier).toString()); // the same nonce again: the first post
                return;
            }
            ObjectNode stored = storeMessage(Long.toString(ids.incrementAndGet()), m.group(1), body);
            if (nonceKey != null) {
                nonces.put(nonceKey, stored.path("id").asText());
            }
            if (lostMessageAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 500, "{\"message\":\"500: Internal Server Error\",\"code\":0}");
                return;
            }
            respond(exchange, 200, stored.toString());
        } else if ((m = CHANNEL_MESSAGE.matcher(path)).matches() && method.equals("PATCH")) {
            if (!messages.containsKey(m.group(2))) {
                respond(exchange, 404, "{\"message\":\"Unknown Message\",\"code\":10008}");
                return;
            }
            respond(exchange, 200, storeMessage(m.group(2), m.group(1), body).toString());
        } else if ((m = CHANNEL.matcher(path)).matches() && method.equals("PATCH")) {
            ObjectNode channel = channels.get(m.group(1));
            if (channel == null) {
                respond(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
                return;
            }
            JsonNode request = JSON.readTree(body);
            if (request.has("topic")) {
                channel.put("topic", request.path("topic").asText());
            }
            if (request.has("parent_id")) {
                channel.put("parent_id", request.path("parent_id").asText());
            }
            respond(exchange, 200, channel.toString());
        } else if ((m = CALLBACK.matcher(path)).matches() && method.equals("POST")) {
            if (acknowledged.putIfAbsent(m.group(1), true) != null) {
                respond(exchange, 400, "{\"message\":\"Interaction has already been acknowledged.\",\"code\":40060}");
                return;
            }
            respond(exchange, 204, "");
        } else if ((m = ORIGINAL.matcher(path)).matches() && method.equals("PATCH")) {
            String channel = interactionChannels.getOrDefault(m.group(1), GENERAL_CHANNEL_ID);
            respond(exchange, 200, messageFrom(Long.toString(ids.incrementAndGet()), channel, body).toString());
        } else if ((m = FOLLOW_UP.matcher(path)).matches() && method.equals("POST")) {
            String channel = interactionChannels.getOrDefault(m.group(1), GENERAL_CHANNEL_ID);
            respond(exchange, 200, messageFrom(Long.toString(ids.incrementAndGet()), channel, body).toString());
        } else {
            respond(exchange, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    /** One page of members with ids after {@code after}, at most {@code limit} (1 to 1000). */
    private ArrayNode memberList(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        long after = Long.parseLong(params.getOrDefault("after", "0"));
        int limit = Integer.parseInt(params.getOrDefault("limit", "1"));
        ArrayNode list = JSON.createArrayNode();
        members.entrySet().stream().filter(e -> Long.parseLong(e.getKey()) > after).limit(limit).forEach(e -> {
            ObjectNode member = list.addObject();
            member.putObject("user").put("id", e.getKey()).put("username", "user" + e.getKey()).put("discriminator", "0");
            ArrayNode roles = member.putArray("roles");
            e.getValue().forEach(roles::add);
            member.put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false)
                    .put("flags", 0);
        });
        return list;
    }

    private ObjectNode storeMessage(String id, String channelId, String body) throws IOException {
        ObjectNode message = messageFrom(id, channelId, body);
        messages.put(id, message);
        return message;
    }

    /** The request echoed as Discord's message object, with what JDA needs to read it. */
    private static ObjectNode messageFrom(String id, String channelId, String body) throws IOException {
        ObjectNode message = JSON.createObjectNode();
        JsonNode request = body.startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
        message.put("id", id).put("type", 0).put("channel_id", channelId)
                .put("content", request.path("content").asText(""))
                .put("pinned", false).put("tts", false).put("mention_everyone", false).put("flags", 0)
                .put("timestamp", "2026-01-01T00:00:00.000000+00:00").putNull("edited_timestamp");
        message.putObject("author").put("id", BOT_ID).put("username", "sitrep").put("discriminator", "0").put("bot", true);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        ArrayNode embeds = message.putArray("embeds");
        request.path("embeds").forEach(e -> embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich")));
        ArrayNode components = message.putArray("components");
        int[] n = {1};
        request.path("components").forEach(row -> {
            ObjectNode r = ((ObjectNode) row.deepCopy()).put("id", n[0]++);
            r.path("components").forEach(c -> ((ObjectNode) c).put("id", n[0]++));
            components.add(r);
        });
        return message;
    }

    private static ObjectNode channel(String id, int type, String name, String parentId, String topic) {
        ObjectNode channel = JSON.createObjectNode().put("id", id).put("type", type).put("guild_id", GUILD_ID)
                .put("name", name).put("position", 0).put("nsfw", false);
        if (parentId != null) {
            channel.put("parent_id", parentId);
        }
        if (topic != null) {
            channel.put("topic", topic);
        }
        channel.putArray("permission_overwrites");
        return channel;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // A chunked empty body would be read as broken JSON: always a length, none for 204.
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- gateway ----

    private ObjectNode guildCreate() {
        ObjectNode guild = JSON.createObjectNode().put("id", GUILD_ID).put("name", "Ops").put("owner_id", "222")
                .put("member_count", 2).put("unavailable", false).put("afk_timeout", 300).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("nsfw_level", 0).put("premium_tier", 0).put("system_channel_flags", 0)
                .put("preferred_locale", "en-US");
        for (String empty : List.of("features", "threads", "guild_scheduled_events", "emojis", "stickers",
                "voice_states", "presences", "stage_instances")) {
            guild.putArray(empty);
        }
        ArrayNode roles = guild.putArray("roles");
        role(roles.addObject(), GUILD_ID, "@everyone", 0, 0);
        role(roles.addObject(), BOT_ROLE_ID, "Sitrep", 2, botPermissions).put("managed", true);
        role(roles.addObject(), ONCALL_ROLE_ID, "platform-oncall", 1, 0);
        role(roles.addObject(), ADMIN_ROLE_ID, "admins", 3, 0);
        ArrayNode list = guild.putArray("channels");
        channels.values().forEach(list::add);
        ObjectNode self = guild.putArray("members").addObject();
        self.putObject("user").put("id", BOT_ID).put("username", "sitrep").put("discriminator", "0").put("bot", true);
        self.putArray("roles").add(BOT_ROLE_ID);
        self.put("joined_at", "2025-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false).put("flags", 0);
        return guild;
    }

    private static ObjectNode role(ObjectNode role, String id, String name, int position, long permissions) {
        role.put("id", id).put("name", name).put("position", position).put("permissions", Long.toString(permissions))
                .put("managed", false).put("hoist", false).put("mentionable", false);
        role.putObject("colors").put("primary_color", 0);
        return role;
    }

    /** The gateway: hello, identify, ready, one guild, heartbeats acknowledged, then dispatches. */
    private final class Gateway extends WebSocketServer {

        private final CountDownLatch started = new CountDownLatch(1);
        /** Every bot session connected, oldest first: several Sitrep replicas may share one bot. */
        private final List<WebSocket> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Which session gets interactions (Discord picks one): an index into {@link #sessions}, or -1 for the newest. */
        private volatile int interactionSession = -1;

        Gateway() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
            start();
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the fake Discord gateway did not start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** An interaction goes to one session; everything else (channels, roles) to every session. */
        void dispatch(String type, JsonNode data) {
            if (sessions.isEmpty()) {
                throw new IllegalStateException("no bot is connected to the fake gateway");
            }
            if (type.equals("INTERACTION_CREATE")) {
                int chosen = interactionSession;
                dispatchTo(sessions.get(chosen < 0 ? sessions.size() - 1 : Math.min(chosen, sessions.size() - 1)),
                        type, data);
            } else {
                sessions.forEach(session -> dispatchTo(session, type, data));
            }
        }

        private void dispatchTo(WebSocket session, String type, JsonNode data) {
            AtomicInteger sequence = session.getAttachment();
            ObjectNode event = JSON.createObjectNode().put("op", 0).put("s", sequence.incrementAndGet()).put("t", type);
            event.set("d", data);
            session.send(event.toString());
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connection.setAttachment(new AtomicInteger());
            sessions.add(connection);
            connection.send("{\"op\":10,\"s\":null,\"t\":null,\"d\":{\"heartbeat_interval\":41250}}");
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            JsonNode frame;
            try {
                frame = JSON.readTree(message);
            } catch (IOException e) {
                return;
            }
            switch (frame.path("op").asInt()) {
                case 1 -> connection.send("{\"op\":11}");
                case 2 -> {
                    ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", "session-1");
                    ready.putObject("user").put("id", BOT_ID).put("username", "sitrep").put("discriminator", "0")
                            .put("bot", true);
                    ready.putObject("application").put("id", BOT_ID).put("flags", 0);
                    ArrayNode guilds = ready.putArray("guilds");
                    if (inGuild) {
                        guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
                    }
                    ready.putArray("private_channels");
                    dispatchTo(connection, "READY", ready);
                    if (inGuild) {
                        dispatchTo(connection, "GUILD_CREATE", guildCreate());
                    }
                }
                case 6 -> connection.send("{\"op\":9,\"d\":false}"); // no resuming: identify again
                default -> {
                }
            }
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            sessions.remove(connection);
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** The messages a channel holds now (posted and accepted, edits included), oldest first. */
    public List<JsonNode> messagesIn(String channelId) {
        return messages.values().stream().filter(m -> channelId.equals(m.path("channel_id").asText()))
                .sorted(java.util.Comparator.comparingLong(m -> Long.parseLong(m.path("id").asText())))
                .map(JsonNode.class::cast).toList();
    }

    /** Interactions from now on go to the {@code n}th bot session connected (0 is the first), as to one replica. */
    public void interactionsToSession(int n) {
        gateway.interactionSession = n;
    }

    /** How many bot sessions are connected now. */
    public int sessions() {
        return gateway.sessions.size();
    }

    /** Lists all channel names, for failure messages. */
    public List<String> channelNames() {
        List<String> names = new ArrayList<>();
        channels.values().forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Override
    public void close() throws Exception {
        gateway.stop(1000);
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
