package io.sitrep.bot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.redis.TestRedis;

/**
 * {@code GET /status} with {@code bench.incidents} (100) public incidents, each with three posts:
 * {@code bench.clients} (8) clients ask as fast as they are answered for {@code bench.seconds}
 * (10 s) with plain requests, then as long again with conditional ones (If-None-Match, answered
 * 304). Everything — the app, the embedded Redis and the clients — shares the machine.
 */
public final class StatusPageBenchmark {

    private StatusPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("bench.incidents", 100);
        int clients = Integer.getInteger("bench.clients", 8);
        Duration window = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitrepApplication.class).run(
                "--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=bench",
                "--sitrep.data-dir=" + TestRedis.tempDir("status-bench"), "--logging.level.root=WARN")) {
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
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/status");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            System.out.printf(Locale.ROOT, "%n/status with %d public incidents (%,d bytes), %d clients, %d s each%n",
                    incidents, first.body().length(), clients, window.toSeconds());
            measure("warm-up", http, HttpRequest.newBuilder(uri).build(), clients, Duration.ofSeconds(3), 200);
            measure("full page (200)", http, HttpRequest.newBuilder(uri).build(), clients, window, 200);
            measure("gzipped (200)", http, HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").build(), clients,
                    window, 200);
            measure("conditional (304)", http, HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(), clients,
                    window, 304);
        }
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
