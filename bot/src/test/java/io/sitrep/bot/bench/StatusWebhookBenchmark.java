package io.sitrep.bot.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sitrep.bot.paging.ScriptedReceiver;
import io.sitrep.bot.paging.VerifyingWebhookReceiver;
import io.sitrep.bot.status.webhook.FanOutWorker;
import io.sitrep.bot.status.webhook.StatusWebhooks;
import io.sitrep.bot.status.webhook.Subscribers;
import io.sitrep.config.StatusWebhookSettings;
import io.sitrep.integrations.redis.RedisStatusWebhooks;
import io.sitrep.integrations.redis.TestRedis;

/**
 * One public post to {@code bench.subscribers} (1,000) webhook subscribers: the time to make
 * its fan-out records, and to drain them — every subscriber's signed POST taken by a local
 * receiver (the JDK's HttpServer, checking each signature) — with one replica's fan-out worker
 * and with two on the same Redis. {@code bench.trials} (3) trials of each, on the embedded Redis.
 */
public final class StatusWebhookBenchmark {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String BODY = "{\"type\":\"incident.updated\",\"incident\":{\"id\":\"INC-1\",\"title\":"
            + "\"Logins fail\",\"status\":\"Investigating\",\"components\":[\"API\"],\"url\":"
            + "\"https://status.example.com/status/incidents/INC-1\"},\"post\":{\"status\":\"Investigating\","
            + "\"text\":\"We are investigating failed logins.\",\"posted_at\":\"2026-12-07T08:00:00Z\"}}";

    private StatusWebhookBenchmark() {
    }

    public static void main(String[] args) {
        int subscribers = Integer.getInteger("bench.subscribers", 1000);
        int trials = Integer.getInteger("bench.trials", 3);
        for (int replicas = 1; replicas <= 2; replicas++) {
            for (int trial = 1; trial <= trials; trial++) {
                run(subscribers, replicas, trial);
            }
        }
    }

    private static void run(int subscribers, int replicas, int trial) {
        VerifyingWebhookReceiver checks = new VerifyingWebhookReceiver(SECRET);
        RedisStatusWebhooks webhooks = new RedisStatusWebhooks(TestRedis.flushed());
        List<FanOutWorker> workers = new ArrayList<>();
        try (ScriptedReceiver receiver = new ScriptedReceiver(checks)) {
            List<RedisStatusWebhooks.Owed> owed = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                webhooks.add(new RedisStatusWebhooks.Webhook("wh_" + i, receiver.url("/hooks/" + i), SECRET, List.of(),
                        Instant.now()));
                owed.add(new RedisStatusWebhooks.Owed("wh_" + i, "msg_bench_0_wh_" + i, "INC-1", BODY));
            }
            for (int r = 0; r < replicas; r++) {
                FanOutWorker worker = StatusWebhooks.worker(webhooks, new Subscribers(webhooks), new StatusWebhookSettings(Duration.ofHours(24),
                        Duration.ofSeconds(10)), delivery -> { }, null, "", Duration.ofSeconds(5), Clock.systemUTC());
                worker.start();
                workers.add(worker);
            }
            long start = System.nanoTime();
            int made = webhooks.fanOut("msg_bench_0", owed, Instant.now());
            long fannedOut = System.nanoTime();
            workers.forEach(FanOutWorker::wake);
            BenchWait.until(() -> receiver.taken().size() == subscribers && webhooks.owed() == 0,
                    Duration.ofMinutes(5));
            long drained = System.nanoTime();
            double drainSeconds = (drained - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d subscriber(s), %d replica(s), trial %d: %d records made in %.1f ms; "
                            + "all taken after %.2f s (%,.0f posts/s); %d requests, %d repeats, %d bad signatures%n",
                    subscribers, replicas, trial, made, (fannedOut - start) / 1e6, drainSeconds,
                    subscribers / drainSeconds, receiver.requests().size(), checks.repeats().size(),
                    checks.problems().size());
        } finally {
            workers.forEach(FanOutWorker::close);
        }
    }
}
