package io.sitrep.bot.chaos;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import io.sitrep.bot.slack.SlackRequests;

/**
 * Requests nobody should send: no token, a wrong signature, a stale Slack timestamp, broken or
 * huge JSON, unknown commands, markup and control characters, paths that lead nowhere. Each must
 * get a 4xx with a human answer and change nothing.
 */
final class Hostile {

    private final Platforms platforms;

    Hostile(Platforms platforms) {
        this.platforms = platforms;
    }

    /** Sends one burst to running replicas; returns how many requests were sent. */
    int burst(Fleet fleet, SplittableRandom random) {
        int sent = 0;
        for (int i = 0; i < 30; i++) {
            var replica = fleet.pick(random);
            if (replica.isEmpty()) {
                return sent;
            }
            HttpRequest request = request(replica.get(), random);
            platforms.send(replica.get(), "hostile " + request.method() + " " + request.uri().getPath(), request);
            sent++;
        }
        return sent;
    }

    private static HttpRequest request(Replica replica, SplittableRandom random) {
        String base = replica.baseUrl();
        String json = "application/json";
        return switch (random.nextInt(12)) {
            case 0 -> post(base + "/api/commands", null, json, "{\"text\":\"/incident list\",\"user\":\"x\"}");
            case 1 -> post(base + "/api/commands", "Bearer wrong-token", json, "{\"text\":\"list\",\"user\":\"x\"}");
            case 2 -> post(base + "/api/commands", bearer(), json, "{\"text\": \"update INC-1 \\\"unterminated");
            case 3 -> post(base + "/api/commands", bearer(), json, "{\"text\":\"" + "A".repeat(300_000) + "\",\"user\":\"x\"}");
            case 4 -> post(base + "/api/commands", bearer(), json,
                    "{\"text\":\"frobnicate <script>alert(1)</script> \\u0000\\u001b[31m\",\"user\":\"x\"}");
            case 5 -> post(base + "/api/commands", bearer(), json,
                    "{\"text\":\"update INC-99999999999999999999 \\\"overflow\\\"\",\"user\":\"x\"}");
            case 6 -> SlackRequests.slashCommandRequest(replica.port(), "not-the-secret", "http://127.0.0.1:9/respond",
                    Platforms.SLACK_OPS_CHANNEL, "list");
            case 7 -> SlackRequests.slashCommandRequest(replica.port(), Platforms.SLACK_SECRET, "http://127.0.0.1:9/respond",
                    Platforms.SLACK_OPS_CHANNEL, "list", Instant.now().minus(Duration.ofMinutes(20)));
            case 8 -> post(base + "/hooks/alertmanager", bearer(), json, "{\"alerts\": [{\"labels\": ");
            case 9 -> post(base + "/hooks/alertmanager", null, json, "{\"alerts\":[]}");
            case 10 -> get(base + "/api/incidents/..%2F..%2Fetc%2Fpasswd");
            default -> get(base + "/status/incidents/" + List.of("INC-0", "INC-%00", "%3Cimg%3E", "INC-1%22").get(random.nextInt(4)));
        };
    }

    private static String bearer() {
        return "Bearer " + Platforms.API_TOKEN;
    }

    private static HttpRequest post(String url, String authorization, String type, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer()).timeout(Duration.ofSeconds(10))
                .GET().build();
    }
}
