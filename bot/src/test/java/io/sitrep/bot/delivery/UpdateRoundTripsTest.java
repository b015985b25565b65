package io.sitrep.bot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.SitrepApplication;
import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisServers;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.TestRedis;

/**
 * What one {@code update} through the HTTP API costs Redis, command and delivery together, on
 * one replica with a Slack incident: the replica's round trips over a run of sequential updates,
 * each one waited on until its lanes are empty again, less what the replica spends over the same
 * time with nothing to do (measured over a quiet window of the same run). The waiting is done
 * on a connection of the test's own, which the replica's counter does not see.
 */
@Timeout(180)
class UpdateRoundTripsTest {

    private static final String SECRET = "round-trips-secret";
    private static final String API_TOKEN = "round-trips-token";
    private static final String API_USER = "round-trips-api";
    private static final int WARM_UP = 3;
    private static final int UPDATES = 20;
    private static final Duration QUIET = Duration.ofSeconds(4);
    /** Room for what a worker does after its lane is released (one more look for work), before the next update. */
    private static final Duration SETTLE = Duration.ofMillis(150);
    /**
     * What an update may cost: 8 with Slack, 9 with Discord too. An update costs 7 by count (the
     * command's read and write; the worker's wake-up, claim with the lane's head, incident and
     * room read, begun mark with the card's record, and completion with the lane's release and
     * the next claim); the idle cost subtracted varies by a few tenths between runs.
     */
    private static final double SLACK_AT_MOST = 8.0;
    private static final double SLACK_AND_DISCORD_AT_MOST = 9.0;
    /**
     * On a cluster, where a script reaches only its own slot: the command's read and write, then
     * the incident's indexes (a pipeline), the reminder time and the lanes' due mark, each a call
     * (5); the wake-up, the claim and the lane's first read, the incident and room, the begun
     * mark, the completion and the release (about 7). Measured 12.8.
     */
    private static final double CLUSTER_AT_MOST = 14.0;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anUpdateWithSlackStaysWithinItsRoundTrips() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi()) {
            Cost cost = measure(slack, 11, List.of());
            assertThat(cost.perUpdate()).as(cost.toString()).isLessThanOrEqualTo(SLACK_AT_MOST);
        }
    }

    @Test
    void anUpdateWithSlackAndDiscordStaysWithinItsRoundTrips() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); FakeDiscord discord = new FakeDiscord()) {
            Cost cost = measure(slack, 12, List.of("--sitrep.discord.token=discord-test-token",
                    "--sitrep.discord.guild-id=" + FakeDiscord.GUILD_ID, "--sitrep.discord.stakeholder-channel=#status",
                    "--sitrep.discord.api-url=" + discord.apiUrl(), "--sitrep.discord.gateway-url=" + discord.gatewayUrl()),
                    discord);
            assertThat(cost.perUpdate()).as(cost.toString()).isLessThanOrEqualTo(SLACK_AND_DISCORD_AT_MOST);
        }
    }

    /**
     * On a Redis Cluster the change's script cannot reach the indexes, the lanes' due mark or the
     * reminder time (they live in slots of their own), so those stay separate calls.
     */
    @Test
    void anUpdateOnARedisClusterStaysWithinItsRoundTrips() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); RedisServers servers = new RedisServers("sitrep-round-trips")) {
            String nodes = RedisServers.addresses(servers.cluster(3).subList(0, 1));
            try (RedisConnection observer = RedisConnection.openCluster(nodes, "redis://localhost", 0)) {
                Cost cost = measure(slack, "Slack on a Redis Cluster", observer,
                        List.of("--sitrep.redis.cluster.nodes=" + nodes), null);
                assertThat(cost.perUpdate()).as(cost.toString()).isLessThanOrEqualTo(CLUSTER_AT_MOST);
            }
        }
    }

    private Cost measure(FakeSlackApi slack, int database, List<String> more) throws Exception {
        return measure(slack, database, more, null);
    }

    private Cost measure(FakeSlackApi slack, int database, List<String> more, FakeDiscord discord) throws Exception {
        String url = TestRedis.server().url() + "/" + database;
        try (RedisConnection observer = RedisConnection.open(url)) {
            observer.jedis().flushDB();
            List<String> args = new ArrayList<>(List.of("--sitrep.redis.url=" + url));
            args.addAll(more);
            return measure(slack, discord == null ? "Slack" : "Slack and Discord", observer, args, discord);
        }
    }

    private Cost measure(FakeSlackApi slack, String platforms, RedisConnection observer, List<String> more,
                         FakeDiscord discord) throws Exception {
        RedisDeliveryQueue queue = new RedisDeliveryQueue(observer);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sitrep.console.enabled=false",
                "--sitrep.api.token=" + API_TOKEN,
                "--sitrep.data-dir=" + TestRedis.tempDir("sitrep-round-trips"),
                "--sitrep.permissions.admins=U0ALICE," + API_USER,
                "--sitrep.slack.bot-token=xoxb-test", "--sitrep.slack.signing-secret=" + SECRET,
                "--sitrep.slack.api-url=" + slack.apiUrl(), "--sitrep.slack.stakeholder-channel=C0STAKE",
                "--logging.level.root=WARN"));
        args.addAll(more);
        try (ConfigurableApplicationContext replica = new SpringApplicationBuilder(SitrepApplication.class)
                .run(args.toArray(String[]::new))) {
            if (discord != null) {
                await().atMost(Duration.ofSeconds(30)).until(discord::commandsRegistered);
            }
            int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
            MeterRegistry metrics = replica.getBean(MeterRegistry.class);
            SlackRequests.slashCommand(port, SECRET, slack.baseUrl() + "/respond/declare", "C0OPS",
                    "declare \"Round trips\"");
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.posts("C0STAKE").isEmpty()
                    && queue.lanesOwed().isEmpty());
            for (int n = 0; n < WARM_UP; n++) {
                update(port, slack, queue, "Warm-up " + n);
            }

            long quietFrom = roundTrips(metrics);
            long quietStart = System.nanoTime();
            Thread.sleep(QUIET.toMillis());
            double idlePerSecond = (roundTrips(metrics) - quietFrom) / seconds(quietStart);

            long from = roundTrips(metrics);
            long start = System.nanoTime();
            long command = 0;
            for (int n = 0; n < UPDATES; n++) {
                long before = roundTrips(metrics);
                send(port, "Measured " + n);
                command += roundTrips(metrics) - before;
                drained(slack, queue, "Measured " + n);
            }
            double elapsed = seconds(start);
            long total = roundTrips(metrics) - from;
            Cost cost = new Cost(platforms, UPDATES, total, command, idlePerSecond, elapsed);
            System.out.println(cost);
            return cost;
        }
    }

    private void update(int port, FakeSlackApi slack, RedisDeliveryQueue queue, String text) throws Exception {
        send(port, text);
        drained(slack, queue, text);
    }

    /** The update's stakeholder post is out and no lane owes anything, then a moment for the worker's last look. */
    private static void drained(FakeSlackApi slack, RedisDeliveryQueue queue, String text) throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() ->
                slack.posts("C0STAKE").stream().anyMatch(post -> String.valueOf(post.field("text")).contains(text))
                        && queue.lanesOwed().isEmpty());
        Thread.sleep(SETTLE.toMillis());
    }

    private void send(int port, String text) throws Exception {
        String body = json.writeValueAsString(Map.of("text", "update INC-1 " + text, "user", API_USER, "channel", "api"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands"))
                .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).path("ok").asBoolean()).as(answer.body()).isTrue();
    }

    private static long roundTrips(MeterRegistry metrics) {
        return (long) metrics.get("sitrep.redis.round.trips").functionCounter().count();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A run's round trips: all of them, those made before the command's answer, and the idle cost of the same time. */
    private record Cost(String platforms, int updates, long total, long command, double idlePerSecond, double seconds) {

        double idle() {
            return idlePerSecond * seconds;
        }

        double perUpdate() {
            return (total - idle()) / updates;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %.1f Redis round trips per update (%d updates in %.1f s: %d in all, "
                    + "%.1f of them idle at %.1f/s; %.1f per update before the command's answer, %.1f after it)",
                    platforms, perUpdate(), updates, seconds, total, idle(), idlePerSecond, command / (double) updates,
                    (total - command - idle()) / updates);
        }
    }
}
