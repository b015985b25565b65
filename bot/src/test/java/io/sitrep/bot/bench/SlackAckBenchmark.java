package io.sitrep.bot.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.EmbeddedRedis;

/**
 * Ack latency of {@code /incident status INC-1} in Slack HTTP mode: Sitrep (Bolt's signature
 * check, the repeat check in Redis, hand-off to the command executor, ack) against a bare Bolt
 * app that only acks, on the same servlet container, in the same run, alternating between the
 * two so that drift of the machine hits both alike. Sitrep's commands really run after each ack
 * and answer a local fake {@code response_url}.
 *
 * <p>Two loads: bursts of {@code bench.clients} requests sent at once (the target's measure:
 * how fast 50 responders hitting the command together are acknowledged), and a sustained
 * closed loop that saturates the cores, where Sitrep's real work after each ack competes with
 * the acks (reported, not a target).
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify -Dbench.skip.commands=true};
 * arguments (system properties): {@code bench.clients} (50), {@code bench.bursts} (200 per side),
 * {@code bench.rounds} (3 sustained rounds per side), {@code bench.requests} (40 per client per round).
 */
public final class SlackAckBenchmark {

    private static final String SECRET = "bench-signing-secret";
    private static final AtomicLong triggers = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 50);
        int bursts = Integer.getInteger("bench.bursts", 200);
        int warmupBursts = Integer.getInteger("bench.warmup.bursts", 100);
        int sustainedRounds = Integer.getInteger("bench.rounds", 3);
        int perClient = Integer.getInteger("bench.requests", 40);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("sitrep-ack-bench");
        try (FakeSlackApi slack = new FakeSlackApi();
             EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class)
                     .properties("server.port=0", "sitrep.console.enabled=false", "sitrep.api.token=bench-token",
                             "sitrep.data-dir=" + dataDir, "sitrep.redis.url=" + redis.url(),
                             "sitrep.slack.bot-token=xoxb-bench", "sitrep.slack.signing-secret=" + SECRET,
                             "sitrep.slack.api-url=" + slack.apiUrl(), "logging.level.root=WARN")
                     .run();
             BareBoltServer bare = BareBoltServer.start(SECRET, slack.apiUrl())) {
            int sitrepPort = ((WebServerApplicationContext) sitrep).getWebServer().getPort();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            // The client keeps its own executor: sharing the clients' pool, whose threads all block in send, deadlocks.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Target sitrepSide = new Target("Sitrep", sitrepPort);
            Target bareSide = new Target("bare Bolt app", bare.port());

            send(http, sitrepSide, "declare \"Benchmark incident\"", slack);
            IncidentStore store = sitrep.getBean(IncidentStore.class);
            BenchWait.until(() -> store.find(new IncidentId(1)).isPresent(), Duration.ofSeconds(10));

            // Warm-up: JIT, connection pools, Bolt's cached auth.test, on both sides.
            for (int i = 0; i < warmupBursts; i++) {
                burst(http, pool, bareSide, clients, slack, false);
                burst(http, pool, sitrepSide, clients, slack, true);
            }
            sitrepSide.reset();
            bareSide.reset();
            for (int i = 0; i < bursts; i++) {
                burst(http, pool, bareSide, clients, slack, false);
                burst(http, pool, sitrepSide, clients, slack, true);
            }
            Target sitrepSustained = new Target("Sitrep", sitrepPort);
            Target bareSustained = new Target("bare Bolt app", bare.port());
            for (int i = 0; i < sustainedRounds; i++) {
                sustained(http, pool, bareSustained, clients, perClient, slack);
                sustained(http, pool, sitrepSustained, clients, perClient, slack);
            }
            pool.shutdownNow();
            // Let the last commands finish before the context closes under them.
            ThreadPoolExecutor commands = (ThreadPoolExecutor) sitrep.getBean("slackCommandExecutor", ExecutorService.class);
            BenchWait.within(() -> commands.getActiveCount() == 0 && commands.getQueue().isEmpty(), Duration.ofSeconds(30));

            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%nSlack ack latency of /incident status over HTTP mode (%d cores)%n", cores);
            System.out.printf(Locale.ROOT, "%nBursts: %d signed requests sent at once, %d bursts per side, alternating; "
                    + "the next burst once Sitrep has answered the last one%n%n", clients, bursts);
            table(bareSide, sitrepSide);
            System.out.printf(Locale.ROOT, "%nSustained: %d clients sending back to back, %d × %d requests per side "
                    + "(the cores saturated; informational)%n%n", clients, sustainedRounds, clients * perClient);
            table(bareSustained, sitrepSustained);
        }
    }

    private static void table(Target bare, Target sitrep) {
        System.out.println("| side | acks | non-200 | p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|---|");
        for (Target side : new Target[] {bare, sitrep}) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f ms | %.2f ms | %.2f ms |%n", side.name,
                    side.count(), side.failures.get(), side.percentile(50), side.percentile(99), side.percentile(100));
        }
        System.out.printf(Locale.ROOT, "p99 Sitrep / bare Bolt: %.2f× (target ≤ 1.25×); Sitrep p99 %.2f ms (target < 100 ms)%n",
                sitrep.percentile(99) / bare.percentile(99), sitrep.percentile(99));
    }

    /** One side's server and the latencies measured against it. */
    private static final class Target {
        final String name;
        final int port;
        final AtomicInteger failures = new AtomicInteger();
        private long[] nanos = new long[1 << 16];
        private int size;

        Target(String name, int port) {
            this.name = name;
            this.port = port;
        }

        synchronized void record(long latency) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
        }

        synchronized int count() {
            return size;
        }

        synchronized void reset() {
            size = 0;
            failures.set(0);
        }

        synchronized double percentile(double p) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    /**
     * {@code clients} requests released together. For Sitrep, the burst ends when every command
     * has answered its {@code response_url}: the next burst meets an idle server, as Slack's
     * bursts of real use do.
     */
    private static void burst(HttpClient http, ExecutorService pool, Target target, int clients, FakeSlackApi slack,
                              boolean awaitAnswers) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        long answered = slack.responsesEver();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    gate.await();
                    send(http, target, "status INC-1", slack);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        gate.countDown();
        done.await();
        if (awaitAnswers && !BenchWait.within(() -> slack.responsesEver() >= answered + clients, Duration.ofSeconds(10))) {
            System.out.printf("warning: only %d of %d commands answered within 10 s%n",
                    slack.responsesEver() - answered, clients);
        }
        slack.reset(); // the recorded calls would otherwise grow without bound
    }

    private static void sustained(HttpClient http, ExecutorService pool, Target target, int clients, int perClient,
                                  FakeSlackApi slack) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    for (int i = 0; i < perClient; i++) {
                        send(http, target, "status INC-1", slack);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    private static void send(HttpClient http, Target target, String text, FakeSlackApi slack) {
        String trigger = "bench-" + triggers.incrementAndGet();
        String body = "token=t&team_id=T0BENCH&channel_id=C0BENCH&channel_name=bench&user_id=U0BENCH&user_name=bench"
                + "&command=%2Fincident&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(slack.baseUrl() + "/respond/" + trigger, StandardCharsets.UTF_8)
                + "&trigger_id=" + trigger;
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            target.record(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                target.failures.incrementAndGet();
            }
        } catch (Exception e) {
            target.failures.incrementAndGet();
        }
    }

    private static String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
