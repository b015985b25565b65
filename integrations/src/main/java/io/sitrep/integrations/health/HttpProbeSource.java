package io.sitrep.integrations.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP probes, all in flight at once, each with its own deadline: a target that accepts the
 * connection and never answers — the deadlocked node of the founding incident — is DOWN after
 * the timeout, and never delays the others. The reason tells apart no answer, a refused
 * connection, a name that does not resolve, a non-2xx status, and a slow answer.
 */
public final class HttpProbeSource implements HealthSource, AutoCloseable {

    /** A probe, by target. */
    public record Probe(Target target, URI url) {
    }

    private final List<Probe> probes;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient http;

    public HttpProbeSource(List<Probe> probes, Duration timeout) {
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "health-probe");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "http-probes";
    }

    @Override
    public List<Target> targets() {
        return probes.stream().map(Probe::target).toList();
    }

    @Override
    public CompletableFuture<List<Observation>> poll() {
        List<CompletableFuture<Observation>> results = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            results.add(probe(probe));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Observation> probe(Probe probe) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(probe.url()).timeout(timeout).GET().header("User-Agent", "sitrep-health")
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Observation(probe.target(), HealthState.UNKNOWN,
                    "not a probe URL: " + probe.url()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                // A second deadline, in case the client's own never fires: nothing waits past it.
                .orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? judge(probe.target(), response.statusCode(), Duration.ofNanos(System.nanoTime() - start))
                        : failed(probe.target(), unwrap(failure)));
    }

    private Observation judge(Target target, int status, Duration took) {
        String timing = String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
        if (status < 200 || status >= 300) {
            return new Observation(target, status >= 500 ? HealthState.DOWN : HealthState.DEGRADED,
                    "HTTP " + status + " in " + timing);
        }
        if (took.compareTo(timeout.dividedBy(2)) > 0) {
            return new Observation(target, HealthState.DEGRADED, "slow: HTTP " + status + " took " + timing);
        }
        return new Observation(target, HealthState.HEALTHY, "HTTP " + status + " in " + timing);
    }

    private Observation failed(Target target, Throwable failure) {
        String seconds = String.format(Locale.ROOT, "%.1f s", timeout.toMillis() / 1000.0);
        String reason;
        if (failure instanceof HttpConnectTimeoutException) {
            reason = "no connection within " + seconds;
        } else if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            reason = "connected, but no answer within " + seconds + " (hung?)";
        } else if (failure instanceof ConnectException && failure.getCause() instanceof UnresolvedAddressException
                || failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException) {
            reason = "the host name does not resolve (DNS)";
        } else if (failure instanceof ConnectException) {
            reason = "connection refused";
        } else if (failure instanceof IOException) {
            reason = "connection failed: " + failure.getMessage();
        } else {
            reason = "probe failed: " + failure;
        }
        return new Observation(target, HealthState.DOWN, reason);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
