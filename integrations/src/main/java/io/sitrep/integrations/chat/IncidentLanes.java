package io.sitrep.integrations.chat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.IncidentId;

/**
 * A gateway's posting threads. Work for one incident runs in order on one thread, chosen by
 * incident id, so a card never shows an older state after a newer one; a rate-limited incident
 * waits without holding up the incidents on the other threads.
 */
public final class IncidentLanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IncidentLanes.class);

    private final String platform;
    private final ExecutorService[] lanes;
    private final AtomicInteger pending = new AtomicInteger();

    public IncidentLanes(String platform, int laneCount) {
        this.platform = platform;
        this.lanes = new ExecutorService[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, platform + "-gateway");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Runs {@code work} after everything already taken for {@code incident}; never throws. */
    public void submit(IncidentId incident, Runnable work) {
        pending.incrementAndGet();
        try {
            lanes[Math.floorMod(incident.hashCode(), lanes.length)].execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Posting {} to {} failed", incident, platform, e);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            pending.decrementAndGet();
            log.warn("Sitrep is stopping; the {} posts for this {} change were not sent", platform, incident);
        }
    }

    /** Work taken but not yet done, retries included. */
    public int pending() {
        return pending.get();
    }

    /** Lets queued work finish for a few seconds, then stops. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
