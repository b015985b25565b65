package io.sitrep.bot.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.bot.slack.SlackRequests;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Change → post: three replicas on one Redis, Slack incidents, {@code bench.rate} updates a
 * second typed to the replicas in turn (signed slash commands); each update's stakeholder post
 * is timed from the moment its command was sent to the moment the local fake Slack received the
 * post — so the figure includes the command itself, the queueing, a worker (on any replica)
 * claiming the lane and Slack's call. Also counts Redis round trips per change on every
 * replica, and what the same replicas spend idle (their workers polling), so the difference is
 * what a change costs.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify} with the other
 * benchmarks skipped ({@code -Dbench.skip.commands=true}, {@code .slack}, {@code .discord}, {@code .reminders},
 * {@code .export}, {@code .health});
 * arguments: {@code bench.rate} (100/s), {@code bench.seconds} (20), {@code bench.incidents} (10),
 * {@code bench.delivery.warmup} (seconds of the same load first, unmeasured; 40 from the build, 5
 * when run by hand). Three replicas' code in one JVM keeps the JIT compiling for about 30 s; a run
 * measured before that times the compiler as much as the delivery.
 */
public final class DeliveryBenchmark {

    private static final String SECRET = "bench-delivery-secret";
    /** How long the replicas are watched with nothing to do, for the idle baseline. */
    private static final Duration IDLE = Duration.ofSeconds(5);
    /** The fake Slack answers {@code response_url} posts too, so commands don't wait on a refused one. */
    private static String respondUrl;
    private static final Pattern UPDATE = Pattern.compile("Bench update (\\d+)");

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int incidents = Integer.getInteger("bench.incidents", 10);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("sitrep-delivery-bench");
        List<ConfigurableApplicationContext> replicas = new ArrayList<>();
        try (FakeSlackApi slack = new FakeSlackApi(); EmbeddedRedis redis = EmbeddedRedis.start(dataDir)) {
            try {
                run(slack, redis, replicas, dataDir, rate, seconds, incidents);
            } finally {
                replicas.forEach(ConfigurableApplicationContext::close); // before Redis goes away under them
            }
        }
    }

    private static void run(FakeSlackApi slack, EmbeddedRedis redis, List<ConfigurableApplicationContext> replicas,
                            Path dataDir, int rate, int seconds, int incidents) throws Exception {
        respondUrl = slack.baseUrl();
        for (int n = 0; n < 3; n++) {
            replicas.add(new SpringApplicationBuilder(SitrepApplication.class).run("--server.port=0",
                    "--sitrep.console.enabled=false", "--sitrep.api.token=bench-token",
                    "--sitrep.data-dir=" + dataDir.resolve("replica-" + n), "--sitrep.redis.url=" + redis.url(),
                    "--sitrep.slack.bot-token=xoxb-bench", "--sitrep.slack.signing-secret=" + SECRET,
                    "--sitrep.slack.api-url=" + slack.apiUrl(), "--sitrep.slack.stakeholder-channel=C0STAKE",
                    "--logging.level.root=WARN"));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<Integer> ports = replicas.stream()
                .map(r -> ((WebServerApplicationContext) r).getWebServer().getPort()).toList();
        for (int i = 1; i <= incidents; i++) {
            send(http, ports.get(0), "C0OPS", "declare \"Bench incident " + i + "\"");
        }
        BenchWait.until(() -> slack.succeeded("chat.postMessage").stream()
                .filter(c -> "C0STAKE".equals(c.field("channel"))).count() >= incidents, Duration.ofSeconds(60));

        Map<Integer, Instant> sent = new ConcurrentHashMap<>();
        drive(http, ports, sent, incidents, rate, Integer.getInteger("bench.delivery.warmup", 5), 0); // warm-up, not measured
        DeliveryQueue queue = replicas.get(0).getBean(DeliveryQueue.class);
        BenchWait.until(() -> queue.lanesOwed().isEmpty(), Duration.ofSeconds(120));
        // The baseline of the same run: what the replicas spend on Redis with nothing to do (workers polling).
        long idleFrom = roundTrips(replicas);
        long idleStart = System.nanoTime();
        BenchWait.within(() -> false, IDLE);
        double idlePerSecond = (roundTrips(replicas) - idleFrom) / ((System.nanoTime() - idleStart) / 1e9);
        long tripsBefore = roundTrips(replicas);
        long answersBefore = slack.responsesEver();
        long loadStart = System.nanoTime();
        int first = sent.size();
        drive(http, ports, sent, incidents, rate, seconds, first);
        // Every command answered (the last ones were still in flight), then every lane empty. The
        // answers are counted, not looked up one by one: a wait that scanned every call each time
        // took CPU from the very deliveries it was waiting for.
        int last = sent.size();
        BenchWait.until(() -> slack.responsesEver() - answersBefore >= last - first, Duration.ofSeconds(60));
        BenchWait.until(() -> queue.lanesOwed().isEmpty(), Duration.ofSeconds(120));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long trips = roundTrips(replicas) - tripsBefore;

        Map<Integer, Integer> posts = new LinkedHashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (FakeSlackApi.Call call : slack.succeeded("chat.postMessage")) {
            Matcher update = UPDATE.matcher(String.valueOf(call.field("text")));
            if ("C0STAKE".equals(call.field("channel")) && update.find()) {
                int n = Integer.parseInt(update.group(1));
                if (n >= first && posts.merge(n, 1, Integer::sum) == 1) {
                    latencies.add(Duration.between(sent.get(n), call.at()).toNanos());
                }
            }
        }
        // The command's own answer (response_url), in the same run: what the delivery adds is the difference.
        Map<String, List<FakeSlackApi.Call>> answers = new java.util.HashMap<>();
        for (int n = first; n < sent.size(); n++) {
            answers.put("/respond/bench-" + n, new ArrayList<>());
        }
        for (FakeSlackApi.Call call : slack.calls()) {
            List<FakeSlackApi.Call> answer = answers.get(call.path());
            if (answer != null) {
                answer.add(call);
            }
        }
        List<Long> answered = new ArrayList<>();
        for (int n = first; n < sent.size(); n++) {
            List<FakeSlackApi.Call> answer = answers.get("/respond/bench-" + n);
            if (!answer.isEmpty()) {
                answered.add(Duration.between(sent.get(n), answer.get(0).at()).toNanos());
            }
        }
        // Where the time goes after the answer: to the card's redraw (chat.update in the incident's
        // channel), then from it to the stakeholder post.
        Map<String, List<FakeSlackApi.Call>> cardUpdates = new java.util.HashMap<>();
        for (FakeSlackApi.Call call : slack.succeeded("chat.update")) {
            cardUpdates.computeIfAbsent(call.field("channel"), c -> new ArrayList<>()).add(call);
        }
        List<Long> toCard = new ArrayList<>();
        List<Long> cardToPost = new ArrayList<>();
        for (FakeSlackApi.Call post : slack.succeeded("chat.postMessage")) {
            Matcher update = UPDATE.matcher(String.valueOf(post.field("text")));
            if (!"C0STAKE".equals(post.field("channel")) || !update.find()) {
                continue;
            }
            int n = Integer.parseInt(update.group(1));
            List<FakeSlackApi.Call> answer = answers.getOrDefault("/respond/bench-" + n, List.of());
            if (n < first || answer.isEmpty()) {
                continue;
            }
            Instant answeredAt = answer.get(0).at();
            cardUpdates.getOrDefault("C0INC" + (1 + n % incidents), List.of()).stream()
                    .filter(card -> !card.at().isBefore(answeredAt) && !card.at().isAfter(post.at())).findFirst()
                    .ifPresent(card -> {
                        toCard.add(Duration.between(answeredAt, card.at()).toNanos());
                        cardToPost.add(Duration.between(card.at(), post.at()).toNanos());
                    });
        }
        Collections.sort(toCard);
        Collections.sort(cardToPost);
        int measured = sent.size() - first;
        Collections.sort(latencies);
        Collections.sort(answered);
        System.out.printf(Locale.ROOT, "%nChange → stakeholder post, 3 replicas, %d incidents, %d updates/s for %d s%n",
                incidents, rate, seconds);
        System.out.printf(Locale.ROOT, "updates sent %d · posted %d · missing %d · posted more than once %d%n",
                measured, latencies.size(), measured - latencies.size(),
                posts.values().stream().filter(c -> c > 1).count());
        System.out.printf(Locale.ROOT, "latency p50 %.1f ms · p99 %.1f ms · max %.1f ms%n", ms(latencies, 0.50),
                ms(latencies, 0.99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6);
        System.out.printf(Locale.ROOT, "the command's own answer (baseline, same run): p50 %.1f ms · p99 %.1f ms%n",
                ms(answered, 0.50), ms(answered, 0.99));
        System.out.printf(Locale.ROOT, "after the answer: to the card's redraw p50 %.1f ms · p99 %.1f ms; from it to the post "
                + "p50 %.1f ms · p99 %.1f ms (%d posts preceded by a redraw)%n", ms(toCard, 0.50), ms(toCard, 0.99),
                ms(cardToPost, 0.50), ms(cardToPost, 0.99), toCard.size());
        System.out.printf(Locale.ROOT, "Redis round trips per update, counted on all replicas: %.1f in all; %.1f after "
                + "the idle polling of the same run (%.0f/s with no load)%n", trips / (double) measured,
                (trips - idlePerSecond * loadSeconds) / measured, idlePerSecond);
    }

    /**
     * Sends {@code rate} updates a second for {@code seconds}, numbered from {@code from}, to the
     * replicas in turn: an open loop on a fixed-rate schedule, so a slow answer never slows the load.
     */
    private static void drive(HttpClient http, List<Integer> ports, Map<Integer, Instant> sent, int incidents,
                              int rate, int seconds, int from) throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            int n = from + i;
            int incident = 1 + n % incidents;
            sent.put(n, Instant.now());
            sendAsync(http, ports.get(n % ports.size()), "C0INC" + incident, "update INC-" + incident + " Bench update " + n,
                    "/respond/bench-" + n);
            done.countDown();
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        done.await();
        pacer.shutdownNow();
    }

    private static void send(HttpClient http, int port, String channel, String text) throws Exception {
        http.send(request(port, channel, text, "/respond/declare"), HttpResponse.BodyHandlers.discarding());
    }

    private static void sendAsync(HttpClient http, int port, String channel, String text, String respondPath) {
        http.sendAsync(request(port, channel, text, respondPath), HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest request(int port, String channel, String text, String respondPath) {
        return SlackRequests.slashCommandRequest(port, SECRET, respondUrl + respondPath, channel, text);
    }

    /** Every replica's Redis round trips so far, from its {@code sitrep.redis.round.trips} counter. */
    private static long roundTrips(List<ConfigurableApplicationContext> replicas) {
        return replicas.stream().mapToLong(replica -> (long) replica.getBean(MeterRegistry.class)
                .get("sitrep.redis.round.trips").functionCounter().count()).sum();
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
