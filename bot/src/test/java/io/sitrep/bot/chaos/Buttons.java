package io.sitrep.bot.chaos;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.sitrep.bot.slack.SlackRequests;

/**
 * Two responders pressing the same card button at once, each request reaching another replica:
 * "Accept" on every incident still in TRIAGE (the ones alerts and the health watch opened).
 * Exactly one press may take effect.
 */
final class Buttons {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platforms platforms;

    Buttons(Platforms platforms) {
        this.platforms = platforms;
    }

    /** Returns how many presses were sent. */
    int pressAccept(Fleet fleet, SplittableRandom random) throws InterruptedException {
        var lister = fleet.pick(random);
        if (lister.isEmpty()) {
            return 0;
        }
        JsonNode triage = platforms.getJson(lister.get(), "/api/incidents?state=TRIAGE&limit=100");
        if (triage == null) {
            return 0;
        }
        List<Thread> presses = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (JsonNode incident : triage) {
            String id = incident.path("id").asText();
            List<Replica> two = twoRunning(fleet, random);
            for (int press = 0; press < two.size(); press++) {
                Replica replica = two.get(press);
                String trigger = "press-" + id + "-" + press + "-" + random.nextLong(Long.MAX_VALUE);
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    platforms.send(replica, "slack button", request(replica, id, trigger));
                }, "press-" + id);
                thread.setDaemon(true);
                presses.add(thread);
                thread.start();
            }
        }
        go.countDown(); // every press at once
        for (Thread thread : presses) {
            thread.join(); // each is bounded by its request's timeout
        }
        return presses.size();
    }

    /** Two different running replicas, or as many as run. */
    private static List<Replica> twoRunning(Fleet fleet, SplittableRandom random) {
        List<Replica> running = new ArrayList<>(fleet.all().stream().filter(Replica::running).toList());
        java.util.Collections.shuffle(running, new java.util.Random(random.nextLong()));
        return running.subList(0, Math.min(2, running.size()));
    }

    /** A signed block-actions payload: alice pressed the card's Accept button of {@code incident}. */
    private static HttpRequest request(Replica replica, String incident, String trigger) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("trigger_id", trigger)
                .put("response_url", "http://127.0.0.1:9/respond");
        payload.putObject("user").put("id", "U0ALICE").put("username", "alice").put("name", "alice").put("team_id", "T0TEAM");
        payload.putObject("team").put("id", "T0TEAM");
        payload.putObject("channel").put("id", Platforms.SLACK_OPS_CHANNEL).put("name", "ops");
        payload.putObject("container").put("type", "message").put("channel_id", Platforms.SLACK_OPS_CHANNEL)
                .put("message_ts", "1.2");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "sitrep.card.accept")
                .put("block_id", "sitrep.card.actions").put("value", incident).put("action_ts", "1700000000.1");
        String body = SlackRequests.form(Map.of("payload", payload.toString()));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", SlackRequests.sign(Platforms.SLACK_SECRET, timestamp, body))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
