package io.sitrep.bot.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.selfcheck.LoopProgress;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.health.HealthBoard;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.SourceReport;
import io.sitrep.integrations.health.Target;

/**
 * The health watch's loop, on the replica that holds the health-watch lease: each interval it
 * polls every source ({@link HealthPoller}), confirms what changed ({@link HealthJudge}) — asking
 * again at once about a target seen in a new state rather than waiting an interval — writes the
 * result to the health board every replica reads ({@link SharedHealth}), and records confirmed
 * changes on incidents ({@link HealthRecorder}).
 *
 * <p>Each source answers on its own threads under its own deadline, so a hanging source or
 * target costs one deadline and never stalls the watch — the failure the founding incident's
 * probe had.
 */
public final class HealthWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);

    private final List<HealthSource> sources;
    private final HealthSettings settings;
    private final Clock clock;
    private final HealthBoard board;
    private final LeaderLease lease;
    private final HealthRecorder recorder;
    private final HealthPoller poller;
    private final HealthJudge judge;
    private final String holder = UUID.randomUUID().toString();
    private volatile LoopProgress progress = LoopProgress.unwatched("health-watch");
    /** The judge's picture matches the board: false until loaded, and again after a lost lease or failed write. */
    private volatile boolean inStep;
    /** Whether this replica held the lease at its last try. */
    private volatile boolean polling;
    private final ExecutorService results = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-results");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledExecutorService timer;

    public HealthWatch(List<HealthSource> sources, HealthSettings settings, Clock clock, HealthBoard board,
                       LeaderLease lease, HealthRecorder recorder) {
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
        this.board = board;
        this.lease = lease;
        this.recorder = recorder;
        this.poller = new HealthPoller(settings.probeTimeout());
        this.judge = new HealthJudge(settings.consecutive());
    }

    /** The lease outlives three intervals, so a replica that stops is replaced within them. */
    static Duration leaseTtl(HealthSettings settings) {
        return settings.interval().multipliedBy(3);
    }

    /** The longest one round can take: a poll and each recheck, every one to its deadline, plus an interval. */
    static Duration longestRound(HealthSettings settings) {
        return settings.interval().plus(settings.probeTimeout().plus(HealthPoller.GRACE)
                .multipliedBy(settings.consecutive()));
    }

    public synchronized void start() {
        if (timer != null || sources.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "health-watch");
            thread.setDaemon(true);
            return thread;
        });
        // At a fixed rate, not a fixed delay: a hanging target must not stretch the interval.
        // The timer thread only starts rounds; it never waits for a source.
        timer.scheduleAtFixedRate(() -> progress.run(this::tick), 0, settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Each interval is reported to the self-check (set at wiring, before {@code start}). */
    public void reportTo(LoopProgress loop) {
        this.progress = loop;
    }

    /**
     * One interval's work, on the lease holder only: with several replicas on one Redis, each
     * change is recorded (and each TRIAGE incident opened) once.
     *
     * @return whether this replica polled
     */
    public boolean tick() {
        if (!holdLease()) {
            return false;
        }
        round().exceptionally(failure -> {
            log.warn("Health round failed; trying again next interval: {}", failure.getMessage());
            return List.of();
        });
        return true;
    }

    /** One round if this replica holds the lease, waited for; the changes it confirmed, already recorded. */
    public List<HealthChange> pollOnce() {
        return holdLease() ? round().join() : List.of();
    }

    private boolean holdLease() {
        try {
            if (lease.holdOrTake(HealthBoard.LEASE, holder, leaseTtl(settings))) {
                polling = true;
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the health-watch lease; skipping this interval: {}", e.getMessage());
        }
        polling = false;
        inStep = false;
        return false;
    }

    /** Whether this replica is the one polling (it held the health-watch lease at its last try). */
    public boolean pollsHere() {
        return polling;
    }

    /** Polls every source, rechecks what moved, publishes and records; judged on the results thread. */
    private CompletableFuture<List<HealthChange>> round() {
        return CompletableFuture.runAsync(this::loadIfNeeded, results)
                .thenCompose(loaded -> poller.pollAll(sources))
                .thenComposeAsync(reports -> settle(reports, true, settings.consecutive() - 1), results);
    }

    /** Taking the watch over (start-up, or from another replica): begin from the board's picture. */
    private void loadIfNeeded() {
        if (!inStep) {
            judge.load(board.targets(), board.sources(), sources, clock.instant());
            inStep = true;
        }
    }

    private CompletableFuture<List<HealthChange>> settle(Map<HealthSource, SourceReport> reports, boolean complete,
                                                         int rechecksLeft) {
        List<HealthChange> changes = publishAndRecord(judge.judge(reports, clock.instant(), complete));
        Map<HealthSource, List<Target>> pending = judge.pending(sources);
        if (pending.isEmpty() || rechecksLeft <= 0) {
            return CompletableFuture.completedFuture(changes);
        }
        // A target seen in a new state is asked again at once: a hang is confirmed in two probe
        // timeouts instead of an interval and two.
        return poller.recheck(pending)
                .thenComposeAsync(again -> settle(again, false, rechecksLeft - 1), results)
                .thenApply(more -> {
                    List<HealthChange> all = new ArrayList<>(changes);
                    all.addAll(more);
                    return all;
                });
    }

    /**
     * The board first, fenced by the lease, then the incidents: a replica that lost the lease
     * records nothing, and a failed write makes the next round start again from the board, so
     * the change is seen again rather than lost.
     */
    private List<HealthChange> publishAndRecord(List<HealthChange> changes) {
        HealthJudge.Unpublished unpublished = judge.unpublished();
        boolean written;
        try {
            written = board.record(holder, unpublished.changed(), unpublished.removed(), unpublished.sources());
        } catch (RuntimeException e) {
            inStep = false;
            throw e;
        }
        if (!written) {
            inStep = false;
            log.info("Health: the lease passed to another replica; its picture stands");
            return List.of();
        }
        judge.published(unpublished);
        for (HealthChange change : changes) {
            try {
                recorder.record(change);
            } catch (RuntimeException e) {
                log.warn("Could not record {}: {}", change.text(), e.getMessage());
            }
        }
        return changes;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        results.shutdownNow();
    }
}
