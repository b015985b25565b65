package io.sitrep.bot.selfcheck;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.config.SelfCheckSettings;

/**
 * Sitrep watching its own loops (the command executors, the reminder clock, the health watch,
 * the delivery workers), so that it cannot deadlock unnoticed as the node of its founding
 * incident did. A loop is stalled when a unit of its work has waited on a lock — not a timer,
 * not the network: those are slow, not stuck — for {@code stall-after}, when one of its threads
 * is in a deadlock the JVM can see, or when a loop that comes round on a timer stopped doing so.
 * The stalled threads are dumped to the log first (the evidence a restart would destroy), then
 * liveness goes DOWN.
 */
public final class SelfCheck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SelfCheck.class);
    private static final int DUMP_FRAMES = 40;

    /** A loop that stopped: why, and the threads concerned. */
    public record Stall(String loop, String reason, List<Thread> threads) {
    }

    private final SelfCheckSettings settings;
    /** Elapsed time, not the time of day: a stall is measured on the monotonic clock. */
    private final LongSupplier nanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<LoopProgress> loops = new CopyOnWriteArrayList<>();
    private volatile Map<String, Stall> stalled = Map.of();
    /** Threads seen waiting on a lock at the last look: on which, and since when they were first seen so. */
    private final Map<Long, Waiting> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    private record Waiting(String lock, long since) {
    }
    private ScheduledExecutorService timer;

    public SelfCheck(SelfCheckSettings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime()}; tests step their own) */
    public SelfCheck(SelfCheckSettings settings, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
    }

    /** A loop that comes round every {@code period} (a timer, a poll), watched from its first round. */
    public LoopProgress loop(String name, Duration period) {
        LoopProgress loop = new LoopProgress(name, period, nanos);
        loops.add(loop);
        return loop;
    }

    /** A loop that only works when given work (an executor): watched while it works. */
    public LoopProgress loop(String name) {
        return loop(name, null);
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "self-check");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("Self-check failed to look at the loops: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** One look at every loop; logs each newly stalled loop's threads, and each that moves again. */
    public List<Stall> check() {
        long now = nanos.getAsLong();
        Set<Long> deadlocked = deadlockedThreadIds();
        Map<String, Stall> found = new LinkedHashMap<>();
        for (LoopProgress loop : loops) {
            judge(loop, now, deadlocked).ifPresent(stall -> found.put(loop.name(), stall));
        }
        Map<String, Stall> before = stalled;
        found.values().stream().filter(s -> !before.containsKey(s.loop())).forEach(this::report);
        before.keySet().stream().filter(name -> !found.containsKey(name))
                .forEach(name -> log.warn("Self-check: the {} loop is moving again", name));
        stalled = Map.copyOf(found);
        return List.copyOf(found.values());
    }

    /** The loops stalled at the last look. */
    public Map<String, Stall> stalled() {
        return stalled;
    }

    private java.util.Optional<Stall> judge(LoopProgress loop, long now, Set<Long> deadlocked) {
        Map<Thread, Long> working = loop.working();
        List<Thread> stuck = new ArrayList<>();
        String reason = null;
        for (Map.Entry<Thread, Long> unit : working.entrySet()) {
            Thread thread = unit.getKey();
            if (deadlocked.contains(thread.getId())) {
                stuck.add(thread);
                reason = "thread " + thread.getName() + " is in a deadlock";
                continue;
            }
            // How long it has waited on this same lock, seen at every look since: a thread that
            // only happens to be blocked for a moment when looked at is not stuck.
            String lock = lockOf(thread);
            if (!waitsOnALock(thread, lock)) {
                waiting.remove(thread.getId());
                continue;
            }
            Waiting seen = waiting.merge(thread.getId(), new Waiting(lock, now),
                    (before, fresh) -> before.lock().equals(fresh.lock()) ? before : fresh);
            Duration waited = Duration.ofNanos(now - seen.since());
            if (waited.compareTo(settings.stallAfter()) >= 0) {
                stuck.add(thread);
                reason = "thread " + thread.getName() + " has waited on " + lock + " for " + waited.toSeconds() + " s";
            }
        }
        if (!stuck.isEmpty()) {
            return java.util.Optional.of(new Stall(loop.name(), reason, stuck));
        }
        Long last = loop.lastRound();
        if (loop.period() != null && last != null && working.isEmpty()) {
            Duration quiet = Duration.ofNanos(now - last);
            if (quiet.compareTo(settings.stallAfter().plus(loop.period())) >= 0) {
                return java.util.Optional.of(new Stall(loop.name(), "it has not come round for " + quiet.toSeconds()
                        + " s (every " + loop.period().toMillis() + " ms expected)", List.of()));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Blocked on a monitor, or waiting without a timeout on a lock, a latch or a condition:
     * stuck. A sleep, a timed wait and a socket read are only slow; so is waiting for another
     * thread's answer (a {@code CompletableFuture}: JDA's {@code complete()} waits so for
     * Discord, which may ask for a minute's patience; a {@code FutureTask}: the reminder clock
     * waits so for its workers).
     */
    private static boolean waitsOnALock(Thread thread, String lock) {
        Thread.State state = thread.getState();
        return state == Thread.State.BLOCKED || state == Thread.State.WAITING
                && !lock.startsWith("java.util.concurrent.CompletableFuture") && !lock.startsWith("java.util.concurrent.FutureTask");
    }

    private String lockOf(Thread thread) {
        ThreadInfo info = threads.getThreadInfo(thread.getId());
        return info == null || info.getLockName() == null ? "a lock" : info.getLockName();
    }

    private Set<Long> deadlockedThreadIds() {
        long[] ids = threads.findDeadlockedThreads();
        Set<Long> set = new HashSet<>();
        if (ids != null) {
            for (long id : ids) {
                set.add(id);
            }
        }
        return set;
    }

    /** The evidence first: the stalled threads and whoever holds what they wait for. */
    private void report(Stall stall) {
        Set<Long> ids = new HashSet<>();
        stall.threads().forEach(t -> ids.add(t.getId()));
        StringBuilder dump = new StringBuilder();
        List<ThreadInfo> infos = new ArrayList<>();
        for (long id : ids) {
            ThreadInfo info = threads.getThreadInfo(new long[] {id}, true, true)[0];
            if (info != null) {
                infos.add(info);
                if (info.getLockOwnerId() >= 0 && !ids.contains(info.getLockOwnerId())) {
                    ThreadInfo owner = threads.getThreadInfo(new long[] {info.getLockOwnerId()}, true, true)[0];
                    if (owner != null) {
                        infos.add(owner);
                    }
                }
            }
        }
        infos.forEach(info -> dump.append(format(info)));
        log.error("Self-check: the {} loop is stalled ({}); liveness is DOWN so the process is restarted. "
                + "Threads:\n{}", stall.loop(), stall.reason(), dump.length() == 0 ? "(no thread known)" : dump);
    }

    /** Like a jstack entry, with every frame up to {@value #DUMP_FRAMES} and the locks held. */
    static String format(ThreadInfo info) {
        StringBuilder s = new StringBuilder("\"").append(info.getThreadName()).append("\" #")
                .append(info.getThreadId()).append(' ').append(info.getThreadState());
        if (info.getLockName() != null) {
            s.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            s.append(" owned by \"").append(info.getLockOwnerName()).append("\" #").append(info.getLockOwnerId());
        }
        s.append('\n');
        StackTraceElement[] frames = info.getStackTrace();
        MonitorInfo[] monitors = info.getLockedMonitors();
        for (int i = 0; i < frames.length && i < DUMP_FRAMES; i++) {
            s.append("\tat ").append(frames[i]).append('\n');
            for (MonitorInfo monitor : monitors) {
                if (monitor.getLockedStackDepth() == i) {
                    s.append("\t- locked ").append(monitor).append('\n');
                }
            }
        }
        if (frames.length > DUMP_FRAMES) {
            s.append("\t... ").append(frames.length - DUMP_FRAMES).append(" more\n");
        }
        for (LockInfo sync : info.getLockedSynchronizers()) {
            s.append("\t- holds ").append(sync).append('\n');
        }
        return s.append('\n').toString();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
