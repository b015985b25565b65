package io.sitrep.bot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.redis.TestRedis;

/**
 * {@code GET /status} with {@code bench.incidents} (100) public incidents, each with three posts,
 * and {@code bench.closed} (10,000) closed incidents stored besides, each public in its time but
 * over for longer than the page's 90 days: {@code bench.clients} (8) clients ask as fast as they
 * are answered for {@code bench.seconds} (10 s) with plain requests, then as long again with
 * conditional ones (If-None-Match, answered 304). Then {@code bench.posts} (20) stakeholder
 * updates, one at a time: how long until each is on the page of the replica that took it, and
 * of a second replica on the same Redis. Everything — two replicas, the embedded Redis and the
 * clients — shares the machine.
 */
public final class StatusPageBenchmark {

    private StatusPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("bench.incidents", 100);
        int closed = Integer.getInteger("bench.closed", 10_000);
        int clients = Integer.getInteger("bench.clients", 8);
        int posts = Integer.getInteger("bench.posts", 20);
        Duration window = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
        TestRedis.flushed();
        try (ConfigurableApplicationContext app = replica("a");
             ConfigurableApplicationContext other = replica("b")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            CommandDispatcher commands = app.getBean(CommandDispatcher.class);
            for (int i = 1; i <= incidents; i++) {
                run(commands, "declare \"Incident " + i + " <checkout>\" --sev " + (1 + i % 4) + " --service svc-" + (i % 7)
                        + " --region eu-west");
                run(commands, "update INC-" + i + " \"We are investigating errors & timeouts.\"");
                run(commands, "identified INC-" + i + " \"A bad deploy\"");
                if (i % 2 == 0) {
                    run(commands, "monitoring INC-" + i + " \"Rolled back\"");
                }
            }
            long seeding = System.nanoTime();
            ClosedIncidents.store(app.getBean(IncidentStore.class), closed, Instant.now());
            System.out.printf(Locale.ROOT, "%nStored %,d closed incidents in %.1f s%n", closed,
                    (System.nanoTime() - seeding) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/status");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            System.out.printf(Locale.ROOT, "/status with %d public incidents (%,d bytes) and %,d closed ones stored, "
                    + "%d clients, %d s each%n", incidents, first.body().length(), closed, clients, window.toSeconds());
            measure("warm-up", http, HttpRequest.newBuilder(uri).build(), clients, Duration.ofSeconds(3), 200);
            measure("full page (200)", http, HttpRequest.newBuilder(uri).build(), clients, window, 200);
            measure("gzipped (200)", http, HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(), clients,
                    window, 200);
            measure("conditional (304)", http, HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(), clients,
                    window, 304);
            URI otherUri = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) other).getWebServer().getPort()
                    + "/status");
            postToPage(commands, http, uri, otherUri, posts);
        }
    }

    /** A replica on the shared embedded Redis, database 3. */
    private static ConfigurableApplicationContext replica(String name) {
        return new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=bench",
                "--sitrep.data-dir=" + TestRedis.tempDir("status-bench-" + name),
                "--sitrep.redis.url=" + TestRedis.server().url() + "/3", "--logging.level.root=WARN");
    }

    /** Each post typed on the first replica, then both pages asked every 2 ms until they carry it. */
    private static void postToPage(CommandDispatcher commands, HttpClient http, URI writer, URI other, int posts)
            throws Exception {
        List<Long> here = new ArrayList<>();
        List<Long> there = new ArrayList<>();
        for (int n = 1; n <= posts; n++) {
            String text = "Post " + n + " of the benchmark";
            run(commands, "update INC-1 \"" + text + "\"");
            long posted = System.nanoTime();
            here.add(untilVisible(http, writer, text, posted));
            there.add(untilVisible(http, other, text, posted));
        }
        here.sort(null);
        there.sort(null);
        System.out.printf(Locale.ROOT, "post → on the page (%d posts): writing replica p50 %.1f ms · max %.1f ms; "
                + "other replica p50 %.0f ms · max %.0f ms%n", posts, here.get(posts / 2) / 1e6,
                here.get(posts - 1) / 1e6, there.get(posts / 2) / 1e6, there.get(posts - 1) / 1e6);
    }

    private static long untilVisible(HttpClient http, URI uri, String text, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(30).toNanos();
        while (!http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(text + " not on " + uri + " after 30 s");
            }
            Thread.sleep(2);
        }
        return System.nanoTime() - since;
    }

    private static void measure(String name, HttpClient http, HttpRequest request, int clients, Duration window,
                                int expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + window.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    latencies[n++] = System.nanoTime() - start;
                    if (response.statusCode() != expected) {
                        throw new IllegalStateException("answered " + response.statusCode());
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long l : result.get()) {
                all.add(l);
            }
        }
        pool.shutdown();
        all.sort(null);
        if (name.equals("warm-up")) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-18s %,8.0f requests/s · p50 %.2f ms · p99 %.2f ms · max %.2f ms%n", name,
                all.size() / (double) window.toSeconds(), all.get(all.size() / 2) / 1e6,
                all.get((int) (all.size() * 0.99)) / 1e6, all.get(all.size() - 1) / 1e6);
    }

    private static void run(CommandDispatcher commands, String line) {
        var outcome = commands.handle(new ChatCommand(line, new Actor("bench"), new ChannelRef("console", "ops")));
        if (!outcome.ok()) {
            throw new IllegalStateException(line + ": " + outcome.error().orElse(""));
        }
    }
}
