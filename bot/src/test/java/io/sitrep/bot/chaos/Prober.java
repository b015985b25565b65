package io.sitrep.bot.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kubernetes' view of the replicas: liveness and readiness of every running replica, four times
 * a second each, timed. A probe of a replica that was frozen, killed or starting at any moment of
 * the probe is not counted — nothing could answer it.
 */
final class Prober implements AutoCloseable {

    /** One probe's answer: the status (0 for none) and how long it took. */
    record Sample(Instant at, int replica, String probe, int status, long millis) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Fleet fleet;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Prober(Fleet fleet) {
        this.fleet = fleet;
        this.thread = new Thread(this::run, "prober");
        thread.setDaemon(true);
        thread.start();
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void run() {
        while (running) {
            for (Replica replica : fleet.all()) {
                probe(replica, "liveness");
                probe(replica, "readiness");
            }
            Platforms.pause(250);
        }
    }

    private void probe(Replica replica, String probe) {
        if (!replica.running()) {
            return;
        }
        Instant runningSince = replica.since();
        long start = System.nanoTime();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(replica.probeUrl(probe))).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Counted only if the replica ran, untouched, from before the probe to after it.
        if (replica.running() && replica.since().equals(runningSince)) {
            samples.add(new Sample(Instant.now(), replica.index(), probe, status, millis));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
