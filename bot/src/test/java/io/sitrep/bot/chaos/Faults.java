package io.sitrep.bot.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults of a run, drawn from its seed before it starts and injected on schedule, several
 * at once when their windows overlap: replicas killed with SIGKILL and started again, replicas
 * frozen with SIGSTOP, the Redis master killed (a Sentinel failover) or frozen, Slack and
 * Discord failing, hanging or rate-limiting, and bursts of hostile requests. Every replica
 * starts with its clock up to 2 s off.
 */
final class Faults {

    enum Kind { REPLICA_KILL, REPLICA_FREEZE, REDIS_FAILOVER, REDIS_FREEZE, SLACK, DISCORD, HOSTILE_BURST, ALERT_STORM,
        HEALTH_FLAP, BUTTON_PRESSES }

    /** One planned fault: when (from the start of the load), what, for how long, on which replica or in which way. */
    record Planned(Duration at, Kind kind, Duration lasting, int replica, FaultProxy.Fault platformFault) {
    }

    /** One fault as it happened; {@code skipped} says why it was not injected (another fault made it unsafe). */
    record Injected(Kind kind, String what, Instant from, Instant to, String skipped) {
    }

    /** A time when Redis could not be expected to answer, for the invariants that excuse 503s and late reminders. */
    record StoreAway(Instant from, Instant to) {
    }

    /** When a replica stopped mid-work (killed or frozen): an alert it was recording stays in flight a while. */
    private final List<Instant> replicasStopped = new CopyOnWriteArrayList<>();

    List<Instant> replicasStopped() {
        return List.copyOf(replicasStopped);
    }

    static final long MAX_SKEW_MILLIS = 2000;

    private final Fleet fleet;
    private final SentinelGroup redis;
    private final FaultProxy slack;
    private final FaultProxy discord;
    private final Hostile hostile;
    private final Storms storms;
    private final Buttons buttons;
    private final HealthTarget target;
    private final SplittableRandom random;
    private final List<Injected> injected = new CopyOnWriteArrayList<>();
    private final List<StoreAway> storeAway = new CopyOnWriteArrayList<>();
    private final List<Thread> recoveries = new CopyOnWriteArrayList<>();
    /** Recoveries that threw or never ended: a run with one has not shown what it claims. */
    private final List<String> failedRecoveries = new CopyOnWriteArrayList<>();
    /** Which fault of a platform or the probed service is the current one: an older one's end heals nothing. */
    private final java.util.Map<Object, Planned> current = new java.util.concurrent.ConcurrentHashMap<>();
    /** Clock skews of their own, so the seed fixes them whatever the threads do. */
    private final SplittableRandom skews;
    private volatile Instant lastFaultEnded = Instant.now();
    private volatile boolean redisBusy;
    /** Until when a fault that was unsafe at its time may still be injected a little later. */
    private volatile Instant injectUntil = Instant.MAX;
    private static final Duration DEFER_BY = Duration.ofSeconds(5);

    Faults(Fleet fleet, SentinelGroup redis, FaultProxy slack, FaultProxy discord, Hostile hostile, Storms storms,
           Buttons buttons, HealthTarget target, long seed) {
        this.buttons = buttons;
        this.storms = storms;
        this.target = target;
        this.fleet = fleet;
        this.redis = redis;
        this.slack = slack;
        this.discord = discord;
        this.hostile = hostile;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.skews = new SplittableRandom(seed * 7919);
    }

    /** A clock skew for a replica's next start: up to two seconds either way. */
    long skew() {
        synchronized (skews) {
            return skews.nextLong(-MAX_SKEW_MILLIS, MAX_SKEW_MILLIS + 1);
        }
    }

    List<String> failedRecoveries() {
        return List.copyOf(failedRecoveries);
    }

    /**
     * The run's faults: one every 2–6 s until {@code seconds} minus the last ten, each lasting a few
     * seconds, every kind once before any kind comes again.
     */
    static List<Planned> plan(long seed, int seconds, int replicas) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Planned> plan = new ArrayList<>();
        long at = 3_000;
        // A storm first: its incidents then live long enough for their reminders and escalations to fall due.
        plan.add(new Planned(Duration.ofMillis(1_000), Kind.ALERT_STORM, Duration.ZERO, 0, FaultProxy.Fault.ERRORS));
        List<Kind> deck = new ArrayList<>();
        while (at < (seconds - 10) * 1000L) {
            // Dealt from a shuffled deck of every kind, so even a short run meets each of them.
            if (deck.isEmpty()) {
                deck.addAll(List.of(Kind.values()));
                java.util.Collections.shuffle(deck, new java.util.Random(random.nextLong()));
            }
            Kind kind = deck.remove(deck.size() - 1);
            if (!plan.isEmpty() && plan.get(plan.size() - 1).kind() == kind && !deck.isEmpty()) {
                // Not the same kind twice in a row (a new deck may start with the last one's card).
                Kind other = deck.remove(deck.size() - 1);
                deck.add(kind);
                kind = other;
            }
            Duration lasting = switch (kind) {
                case REPLICA_KILL -> Duration.ofMillis(random.nextLong(500, 4_000)); // until it is started again
                case REPLICA_FREEZE -> Duration.ofMillis(random.nextLong(1_000, 6_000));
                case REDIS_FAILOVER -> Duration.ofSeconds(10); // until the old master comes back as a replica
                // Shorter than the sentinels' down-after (2 s): a hung master that comes back. Longer
                // freezes fail over and, woken before it is demoted, the old master takes writes that
                // are then lost — Sentinel's split-brain window (docs/chaos.md, "What it found").
                case REDIS_FREEZE -> Duration.ofMillis(random.nextLong(500, 1_800));
                case SLACK, DISCORD -> Duration.ofMillis(random.nextLong(2_000, 10_000));
                case HOSTILE_BURST, ALERT_STORM, BUTTON_PRESSES -> Duration.ZERO;
                case HEALTH_FLAP -> Duration.ofMillis(random.nextLong(4_000, 12_000));
            };
            FaultProxy.Fault platformFault = FaultProxy.Fault.values()[random.nextInt(FaultProxy.Fault.values().length)];
            plan.add(new Planned(Duration.ofMillis(at), kind, lasting, random.nextInt(replicas), platformFault));
            at += random.nextLong(2_000, 6_000);
        }
        return plan;
    }

    /** Injects {@code plan} from now on; returns once the last fault has been injected (recoveries may still run). */
    void run(List<Planned> plan, Instant start, Instant injectUntil) throws InterruptedException {
        this.injectUntil = injectUntil;
        for (Planned planned : plan) {
            Duration wait = Duration.between(Instant.now(), start.plus(planned.at()));
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis());
            }
            inject(planned);
        }
    }

    /**
     * Waits for every recovery (restarts, thaws, heals) to finish, three minutes at most in all;
     * one still running then is recorded as failed. After this no fault is on.
     */
    void awaitRecovered() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (Thread thread : recoveries) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                failedRecoveries.add(thread.getName() + " still running after 3 minutes");
            }
        }
        slack.heal();
        discord.heal();
        target.mode(HealthTarget.Mode.HEALTHY);
        redis.thaw();
        for (Replica replica : fleet.all()) {
            replica.thaw();
        }
    }

    Instant lastFaultEnded() {
        return lastFaultEnded;
    }

    List<Injected> injected() {
        return List.copyOf(injected);
    }

    List<StoreAway> storeAway() {
        return List.copyOf(storeAway);
    }

    /** Faults injected, by kind (skipped ones apart). */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Injected fault : injected) {
            counts.merge(fault.kind() + (fault.skipped() == null ? "" : " (skipped)"), 1L, Long::sum);
        }
        return counts;
    }

    private synchronized void inject(Planned planned) {
        Replica replica = fleet.get(planned.replica());
        switch (planned.kind()) {
            case REPLICA_KILL -> {
                if (!replica.running() || fleet.impaired() >= fleet.size() - 1) {
                    skip(planned, replica + " is not running, or it is the last one running");
                    return;
                }
                Instant from = Instant.now();
                replicasStopped.add(from);
                replica.kill();
                recover(planned, () -> {
                    boolean ready = replica.startUntilReady(this::skew, 5, Duration.ofSeconds(120));
                    done(planned, replica + " killed; started again with clock skew " + replica.skewMillis() + " ms"
                            + (ready ? "" : ", NOT READY within 120 s"), from);
                });
            }
            case REPLICA_FREEZE -> {
                if (!replica.running() || fleet.impaired() >= fleet.size() - 1) {
                    skip(planned, replica + " is not running, or it is the last one running");
                    return;
                }
                Instant from = Instant.now();
                replicasStopped.add(from);
                replica.freeze();
                recover(planned, () -> {
                    replica.thaw();
                    done(planned, replica + " frozen (SIGSTOP)", from);
                });
            }
            case REDIS_FAILOVER -> {
                if (redisBusy || !redis.healthy()) {
                    skip(planned, "Redis is still recovering from the last fault");
                    return;
                }
                redisBusy = true;
                Instant from = Instant.now();
                int port = redis.killMaster();
                recover(planned, () -> {
                    redis.restart(port);
                    Instant to = Instant.now();
                    storeAway.add(new StoreAway(from, to));
                    done(planned, "Redis master on " + port + " killed (SIGKILL); brought back as a replica", from);
                    awaitRedisHealthy();
                });
            }
            case REDIS_FREEZE -> {
                if (redisBusy || !redis.healthy()) {
                    skip(planned, "Redis is still recovering from the last fault");
                    return;
                }
                redisBusy = true;
                Instant from = Instant.now();
                redis.freezeMaster();
                recover(planned, () -> {
                    redis.thaw();
                    storeAway.add(new StoreAway(from, Instant.now()));
                    done(planned, "Redis master frozen (SIGSTOP)", from);
                    awaitRedisHealthy();
                });
            }
            case SLACK, DISCORD -> {
                FaultProxy proxy = planned.kind() == Kind.SLACK ? slack : discord;
                Instant from = Instant.now();
                current.put(proxy, planned);
                proxy.fault(planned.platformFault());
                recover(planned, () -> {
                    if (current.remove(proxy, planned)) {
                        proxy.heal();
                    }
                    done(planned, proxy.name() + " " + planned.platformFault(), from);
                });
            }
            // Responders accept what a storm opened, as they would: accepted incidents owe
            // stakeholder updates, so their reminders and escalations come due during the run.
            case ALERT_STORM -> meanwhile(planned, own -> "alert storm: " + storms.storm(fleet, own) + " of "
                    + Storms.SERVICES + " notifications taken, then " + buttons.pressAccept(fleet, own)
                    + " presses of Accept");
            case BUTTON_PRESSES -> meanwhile(planned, own -> buttons.pressAccept(fleet, own)
                    + " presses of Accept, two at once on each incident in TRIAGE");
            case HEALTH_FLAP -> {
                Instant from = Instant.now();
                HealthTarget.Mode mode = planned.replica() % 2 == 0 ? HealthTarget.Mode.DOWN : HealthTarget.Mode.HUNG;
                current.put(target, planned);
                target.mode(mode);
                recover(planned, () -> {
                    if (current.remove(target, planned)) {
                        target.mode(HealthTarget.Mode.HEALTHY);
                    }
                    done(planned, "the probed service " + mode, from);
                });
            }
            case HOSTILE_BURST -> meanwhile(planned, own -> hostile.burst(fleet, own) + " hostile requests");
        }
    }

    /** Load that takes a while (a storm, button presses, a burst): on a thread of its own, with a random of its own. */
    private interface Load {
        String run(SplittableRandom random) throws InterruptedException;
    }

    private void meanwhile(Planned planned, Load load) {
        Instant from = Instant.now();
        SplittableRandom own;
        synchronized (random) {
            own = random.split();
        }
        recover(planned, () -> {
            try {
                done(planned, load.run(own), from);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Once the old master is back in sync and the sentinels know both replicas, Redis may fail again. */
    private void awaitRedisHealthy() {
        try {
            redis.awaitTwoReplicas(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            // It stays busy: no more Redis faults this run.
            return;
        }
        redisBusy = false;
    }

    private void recover(Planned planned, Runnable recovery) {
        Thread thread = new Thread(() -> {
            Platforms.pause(planned.lasting().toMillis());
            try {
                recovery.run();
            } catch (RuntimeException e) {
                failedRecoveries.add(planned.kind() + " at " + planned.at() + ": " + e);
            }
        }, "recover-" + planned.kind() + "-" + planned.at().toMillis());
        thread.setDaemon(true);
        recoveries.add(thread);
        thread.start();
    }

    private void done(Planned planned, String what, Instant from) {
        Instant to = Instant.now();
        injected.add(new Injected(planned.kind(), what, from, to, null));
        if (to.isAfter(lastFaultEnded)) {
            lastFaultEnded = to;
        }
    }

    /**
     * A fault unsafe at its time (Redis still recovering, the other replicas down) is tried again
     * 5 s later while the run lasts, so a short run still meets every kind; then it is skipped.
     */
    private void skip(Planned planned, String why) {
        if (Instant.now().plus(DEFER_BY).isBefore(injectUntil)) {
            Thread later = new Thread(() -> {
                Platforms.pause(DEFER_BY.toMillis());
                inject(planned);
            }, "deferred-" + planned.kind());
            later.setDaemon(true);
            recoveries.add(later);
            later.start();
            return;
        }
        injected.add(new Injected(planned.kind(), planned.kind().name(), Instant.now(), Instant.now(), why));
    }
}
