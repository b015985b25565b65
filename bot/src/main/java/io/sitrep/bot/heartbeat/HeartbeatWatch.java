package io.sitrep.bot.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.selfcheck.LoopProgress;
import io.sitrep.incident.Incident;
import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.redis.RedisHeartbeats;

/**
 * Who watches the watchers: every replica reads the heartbeats once a round (one read, which
 * also keeps its metrics current); when one is overdue — past its last beat, or Sitrep's first
 * start on this Redis when it never beat, plus its period and grace — the holder of the
 * heartbeat lease opens one incident for the silence, paging the heartbeat's policy.
 *
 * <p>Once per silence, across replicas and restarts: the silence is claimed with a marker in
 * Redis, in the same script that checks it is still overdue, before the incident is opened;
 * the marker then holds the incident's id until the heartbeat beats again. A claimant that
 * stops half-way leaves a pending marker, which is taken over once stale, after looking for the
 * incident it may already have opened.
 */
public final class HeartbeatWatch implements AutoCloseable {

    static final String LEASE = "heartbeats";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatWatch.class);

    private final ExpectedHeartbeats expected;
    private final RedisHeartbeats store;
    private final HeartbeatIncidents incidents;
    private final LeaderLease lease;
    private final HeartbeatMetrics metrics;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    /** Sitrep's first start on this Redis, read once. */
    private volatile Instant since;
    private volatile LoopProgress progress = LoopProgress.unwatched("heartbeat-watch");
    private ScheduledExecutorService timer;

    public HeartbeatWatch(ExpectedHeartbeats expected, RedisHeartbeats store, HeartbeatIncidents incidents,
                          LeaderLease lease, HeartbeatMetrics metrics, Clock clock) {
        this.expected = expected;
        this.store = store;
        this.incidents = incidents;
        this.lease = lease;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Each round is reported to the self-check (set at wiring, before {@code start}). */
    public void reportTo(LoopProgress loop) {
        this.progress = loop;
    }

    /** Looks every {@link ExpectedHeartbeats#lookEvery()} from now, on a thread of its own; nothing without heartbeats. */
    public synchronized void start() {
        if (timer != null || expected.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> progress.run(this::tickSafely), 0, expected.lookEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A scheduled task that throws is never run again: nothing may end the watch. */
    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Heartbeats not checked this round; trying again next round: {}", e.getMessage());
        }
    }

    /**
     * One round.
     *
     * @return the incidents this round opened
     */
    public List<Incident> tick() {
        if (expected.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        if (since == null) {
            since = store.since(now);
        }
        RedisHeartbeats.Reading reading = store.read();
        metrics.seen(reading.lastBeats());
        List<ExpectedHeartbeats.Expected> silent = expected.overdue(reading.lastBeats(), since, now).stream()
                .filter(h -> needsIncident(reading.silences().get(h.name()), now)).toList();
        if (silent.isEmpty() || !holdLease()) {
            return List.of();
        }
        List<Incident> opened = new ArrayList<>();
        for (ExpectedHeartbeats.Expected heartbeat : silent) {
            try {
                silence(heartbeat, reading.lastBeats().get(heartbeat.name()), now).ifPresent(opened::add);
            } catch (RuntimeException e) {
                log.warn("Heartbeat {} is overdue, but its incident could not be opened this round: {}",
                        heartbeat.name(), e.getMessage());
            }
        }
        return opened;
    }

    /** No marker yet, or one whose claimant stopped before it settled it. */
    private static boolean needsIncident(String marker, Instant now) {
        return marker == null || SilenceMarker.stale(marker, now);
    }

    private boolean holdLease() {
        try {
            return lease.holdOrTake(LEASE, holder, expected.lookEvery().multipliedBy(3));
        } catch (RuntimeException e) {
            log.warn("Could not check the heartbeat lease; skipping this round: {}", e.getMessage());
            return false;
        }
    }

    /** Claims the silence and opens its incident; empty when it beat meanwhile or another replica has it. */
    private Optional<Incident> silence(ExpectedHeartbeats.Expected heartbeat, Instant lastBeat, Instant now) {
        String name = heartbeat.name();
        String mine = SilenceMarker.pending(now, holder);
        Optional<String> held = store.claim(name, now.minus(heartbeat.every()).minus(heartbeat.grace()), since, mine);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        if (!held.get().equals(mine)) {
            if (!SilenceMarker.stale(held.get(), now) || !store.swap(name, held.get(), mine)) {
                return Optional.empty();
            }
            Optional<Incident> already = incidents.openedSince(name, SilenceMarker.claimedAt(held.get()));
            if (already.isPresent()) {
                settle(heartbeat, mine, already.get(), lastBeat);
                return Optional.empty();
            }
        }
        Incident incident = incidents.open(heartbeat, lastBeat, since, now);
        log.info("{} opened: heartbeat {} missed (last beat {}), paging {}", incident.id(), name,
                lastBeat == null ? "never" : lastBeat, heartbeat.policy());
        settle(heartbeat, mine, incident, lastBeat);
        return Optional.of(incident);
    }

    /** The marker names the incident now; if a beat took it away meanwhile, the incident is told at once. */
    private void settle(ExpectedHeartbeats.Expected heartbeat, String mine, Incident incident, Instant lastBeat) {
        if (!store.swap(heartbeat.name(), mine, incident.id().toString())) {
            Instant now = clock.instant();
            incidents.recovered(incident.id(), heartbeat.name(),
                    Duration.between(lastBeat == null ? since : lastBeat, now), now);
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
