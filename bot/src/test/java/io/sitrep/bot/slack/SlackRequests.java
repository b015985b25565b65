package io.sitrep.bot.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signed requests to a running app's {@code POST /slack/events}, as Slack sends them. */
public final class SlackRequests {

    private SlackRequests() {
    }

    /** Slack's v0 scheme: HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** {@code /incident <text>} typed by alice in {@code channel}, signed with {@code secret}; returns the ack. */
    public static HttpResponse<String> slashCommand(int port, String secret, String responseUrl, String channel,
                                                    String text) throws Exception {
        return HttpClient.newHttpClient().send(slashCommandRequest(port, secret, responseUrl, channel, text),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The signed request of {@code /incident <text>} typed by alice in {@code channel}, to send with any client. */
    public static HttpRequest slashCommandRequest(int port, String secret, String responseUrl, String channel,
                                                  String text) {
        return slashCommandRequest(port, secret, responseUrl, channel, text, Instant.now());
    }

    /** The same, sent at {@code at} by the app's clock (Sitrep refuses requests more than 5 minutes off it). */
    public static HttpRequest slashCommandRequest(int port, String secret, String responseUrl, String channel,
                                                  String text, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", "T0TEAM");
        fields.put("channel_id", channel);
        fields.put("user_id", "U0ALICE");
        fields.put("user_name", "alice");
        fields.put("command", "/incident");
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", "trigger-" + System.nanoTime());
        String body = form(fields);
        String timestamp = Long.toString(at.getEpochSecond());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
