package io.sitrep.bot.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A platform's API as the replicas reach it: every request passes through here to the local
 * fake, except while a fault is on, when some are answered as a platform in trouble answers —
 * a 5xx without doing anything, a 5xx after doing it (the answer lost on the way back), a
 * hang, or a 429 with {@code Retry-After}. Which requests fail is drawn from the run's seed.
 */
final class FaultProxy implements AutoCloseable {

    /** What the platform does while a fault is on. */
    enum Fault {
        /** 503 to half the calls; one in four of those after the call was carried out. */
        ERRORS,
        /** Every call hangs until the fault ends (or 20 s), then 503; one in four carried out first. */
        HANGING,
        /** 429 with Retry-After 1–3 s to half the calls. */
        RATE_LIMITED
    }

    private static final Set<String> UNCOPIED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "keep-alive");
    private static final Duration LONGEST_HANG = Duration.ofSeconds(20);

    private final String name;
    private final String target;
    private final Map<String, String> rateLimitBody;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final SplittableRandom random;
    private volatile Fault fault;
    private final Object faultEnded = new Object();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * @param target        a URL of the fake, which this one stands for (same paths, any path given is ignored)
     * @param rateLimitBody the platform's 429 body and headers (Discord wants JSON with {@code retry_after})
     */
    FaultProxy(String name, String target, long seed, Map<String, String> rateLimitBody) throws IOException {
        this.name = name;
        URI fake = URI.create(target);
        this.target = fake.getScheme() + "://" + fake.getHost() + ":" + fake.getPort();
        this.random = new SplittableRandom(seed);
        this.rateLimitBody = Map.copyOf(rateLimitBody);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** This proxy's address with the same path as {@code fakeUrl} (the fake's own base URL and path). */
    String url(String fakeUrl) {
        URI uri = URI.create(fakeUrl);
        return "http://127.0.0.1:" + server.getAddress().getPort() + uri.getRawPath();
    }

    String name() {
        return name;
    }

    void fault(Fault next) {
        fault = next;
        synchronized (faultEnded) {
            faultEnded.notifyAll(); // calls held by a hang end when the fault changes, not only when it heals
        }
    }

    void heal() {
        fault = null;
        synchronized (faultEnded) {
            faultEnded.notifyAll();
        }
    }

    /** How many calls ended each way: passed, failed, lost-answer, hung, rate-limited. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault now = fault;
            double draw;
            synchronized (random) {
                draw = random.nextDouble();
            }
            if (now == Fault.RATE_LIMITED && draw < 0.5) {
                count("rate-limited");
                int seconds = 1 + (int) (draw * 6);
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(seconds));
                rateLimitBody.forEach((k, v) -> {
                    if (!"body".equals(k)) {
                        exchange.getResponseHeaders().add(k, v);
                    }
                });
                answer(exchange, 429, rateLimitBody.getOrDefault("body", "{}").replace("{seconds}", Integer.toString(seconds)));
                return;
            }
            if (now == Fault.ERRORS && draw < 0.375) {
                count("failed");
                answer(exchange, 503, "Service Unavailable");
                return;
            }
            if (now == Fault.HANGING && draw < 0.75) {
                count("hung");
                hangWhile(Fault.HANGING);
                answer(exchange, 503, "Service Unavailable");
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (response == null) {
                answer(exchange, 502, "Bad Gateway");
                return;
            }
            if (now == Fault.ERRORS && draw < 0.5 || now == Fault.HANGING) {
                // Carried out, but the caller never learns it: the case that must not turn into a second post.
                count("lost-answer");
                if (now == Fault.HANGING) {
                    hangWhile(Fault.HANGING);
                }
                answer(exchange, 503, "Service Unavailable");
                return;
            }
            count("passed");
            response.headers().map().forEach((header, values) -> {
                if (!UNCOPIED.contains(header.toLowerCase(java.util.Locale.ROOT)) && !header.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(header, v));
                }
            });
            answer(exchange, response.statusCode(), response.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((header, values) -> {
            if (!UNCOPIED.contains(header.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(header, v));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void hangWhile(Fault hanging) {
        long until = System.nanoTime() + LONGEST_HANG.toNanos();
        synchronized (faultEnded) {
            while (fault == hanging && System.nanoTime() < until) {
                try {
                    faultEnded.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        answer(exchange, status, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        try {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException gone) {
            // The caller gave up (its read timeout): nothing to tell it.
        }
    }

    @Override
    public void close() {
        heal();
        server.stop(0);
        executor.shutdownNow();
    }
}
