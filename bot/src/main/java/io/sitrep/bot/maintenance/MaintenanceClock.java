package io.sitrep.bot.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.selfcheck.LoopProgress;

/**
 * Moves maintenance windows at their edges, on every replica: each look claims the windows
 * whose edge has come (a Lua script hides a claimed one from other replicas for a lease), and
 * the move itself is a compare-and-set on the window, so two replicas — or one restarted
 * after the edge — record each move once. A replica that dies holding a claim leaves it to
 * the lease's end, when another takes it. Each look also tells the posts still owed to their
 * listeners (a replica died before telling one, or a listener failed).
 */
public final class MaintenanceClock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceClock.class);
    private static final int BATCH = 100;
    /** Long enough to write a move; if this replica dies, another takes over after it. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MaintenanceDesk desk;
    private volatile LoopProgress progress = LoopProgress.unwatched("maintenance");
    private ScheduledExecutorService timer;

    public MaintenanceClock(MaintenanceDesk desk) {
        this.desk = desk;
    }

    /** Looks at once and then every {@code lookEvery}: one Redis read when nothing is due. */
    public synchronized void start(Duration lookEvery) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "maintenance-clock");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> progress.run(this::look), 0, lookEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Each look is reported to the self-check (set at wiring, before {@code start}): a stuck clock is seen. */
    public void reportTo(LoopProgress loop) {
        this.progress = loop;
    }

    private void look() {
        try {
            Optional<Instant> earliest = desk.store().earliestDue();
            if (earliest.isPresent() && !earliest.get().isAfter(desk.clock().instant())) {
                runDue();
            }
            desk.tellPosts();
        } catch (RuntimeException e) {
            log.warn("Maintenance pass failed; trying again shortly: {}", e.getMessage());
        }
    }

    /**
     * One pass: every window due now is claimed and moved.
     *
     * @return how many moves this replica wrote
     */
    public int runDue() {
        int moved = 0;
        while (true) {
            List<String> claimed = desk.store().claimDue(desk.clock().instant(), BATCH, LEASE);
            for (String id : claimed) {
                try {
                    moved += desk.advance(id);
                    desk.store().requeue(id);
                } catch (RuntimeException e) {
                    // Left claimed: the lease brings it back.
                    log.warn("Maintenance {} could not move; it will be tried again: {}", id, e.getMessage());
                }
            }
            if (claimed.size() < BATCH) {
                return moved;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
