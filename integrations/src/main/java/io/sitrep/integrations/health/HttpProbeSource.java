package io.sitrep.integrations.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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

    private static final String HUNG = "connected, but no answer within ";

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

    /** Every probe at once; the probes' own failures are their targets' states, so the source always answers. */
    @Override
    public CompletableFuture<SourceReport> poll() {
        return probeAll(probes);
    }

    @Override
    public CompletableFuture<SourceReport> recheck(Collection<Target> targets) {
        Set<String> names = targets.stream().map(Target::name).collect(Collectors.toSet());
        return probeAll(probes.stream().filter(p -> names.contains(p.target().name())).toList());
    }

    private CompletableFuture<SourceReport> probeAll(List<Probe> selected) {
        List<CompletableFuture<List<Observation>>> results = new ArrayList<>(selected.size());
        for (Probe probe : selected) {
            results.add(probe(probe));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> SourceReport.answered(results.stream().flatMap(r -> r.join().stream()).toList()));
    }

    /**
     * One probe, hedged: when it has not answered by half its timeout — already too slow to be
     * HEALTHY — a second request goes out on a fresh connection with the time left until the
     * first's deadline. When the first gets no answer, the second's result is a second
     * observation beside it: two silent connections confirm a hang at the first's deadline, a
     * prompt answer on the second shows it was one lost request. Fast targets cost one request.
     */
    private CompletableFuture<List<Observation>> probe(Probe probe) {
        CompletableFuture<Observation> first = send(probe, timeout);
        Duration hedgeAfter = timeout.dividedBy(2);
        CompletableFuture<Observation> second = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            if (first.isDone()) {
                second.complete(null);
            } else {
                send(probe, timeout.minus(hedgeAfter)).whenComplete((o, failure) -> second.complete(o));
            }
        }, CompletableFuture.delayedExecutor(hedgeAfter.toMillis(), TimeUnit.MILLISECONDS, executor));
        return first.thenCompose(answer -> answer.state() == HealthState.DOWN && answer.reason().startsWith(HUNG)
                ? second.thenApply(hedge -> hedge == null ? List.of(answer) : inOrder(answer, hedge))
                : CompletableFuture.completedFuture(List.of(answer)));
    }

    /**
     * The newest truth last: a hedge that was answered shows the target is back; a hedge that was
     * not goes first, so the confirmed hang reads with the probe's own timeout.
     */
    private static List<Observation> inOrder(Observation first, Observation hedge) {
        return hedge.state() == HealthState.DOWN ? List.of(hedge, first) : List.of(first, hedge);
    }

    private CompletableFuture<Observation> send(Probe probe, Duration deadline) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(probe.url()).timeout(deadline).GET().header("User-Agent", "sitrep-health")
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Observation(probe.target(), HealthState.UNKNOWN,
                    "not a probe URL: " + probe.url()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                // A second deadline, in case the client's own never fires: nothing waits past it.
                .orTimeout(deadline.toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? judge(probe.target(), response.statusCode(), Duration.ofNanos(System.nanoTime() - start))
                        : failed(probe.target(), failure, deadline));
    }

    private Observation judge(Target target, int status, Duration took) {
        String timing = FailureWords.seconds(took);
        if (status < 200 || status >= 300) {
            return new Observation(target, status >= 500 ? HealthState.DOWN : HealthState.DEGRADED,
                    "HTTP " + status + " in " + timing);
        }
        if (took.compareTo(timeout.dividedBy(2)) > 0) {
            return new Observation(target, HealthState.DEGRADED, "slow: HTTP " + status + " took " + timing);
        }
        return new Observation(target, HealthState.HEALTHY, "HTTP " + status + " in " + timing);
    }

    /** Every failure of a probe is DOWN; one that connected and heard nothing is the deadlock the watch is for. */
    private static Observation failed(Target target, Throwable failure, Duration deadline) {
        String reason = FailureWords.describe(failure, deadline);
        if (reason.startsWith("connected, but no answer") || reason.startsWith("no answer")) {
            reason = HUNG + FailureWords.seconds(deadline) + " (hung?)";
        }
        return new Observation(target, HealthState.DOWN, reason);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
