package io.sitrep.bot.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.selfcheck.LoopProgress;
import io.sitrep.config.StoreCheckSettings;
import io.sitrep.incident.store.StoreAvailability;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.redis.RedisCallOutcomes;

/**
 * What this replica knows of its incident store, kept current off every request thread so that
 * readiness and the doors commands come in by read it without waiting on the store. Redis is
 * sent a PING every {@code check.every} on a thread of its own and called away once an answer
 * has been awaited for {@code check.timeout} (a hung Redis holds a call far longer); every
 * command sent to Redis reports too, so a call that found it unavailable calls it away at once.
 * Only a PING sent after the last such call brings it back, as soon as it is answered: a hung
 * Redis that wakes answers the PING already waiting on it at once; otherwise the next one goes
 * within {@code check.every} of the last giving up (its client's timeouts bound each).
 *
 * <p>On a Redis Cluster the PING goes to every master: one that does not answer makes the
 * store away, as readiness always had it.
 */
public final class StoreWatch implements StoreAvailability, RedisCallOutcomes, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);

    /** What is known of the store: available or not, since when, and why not. */
    public record Seen(boolean available, Instant since, String trouble) {
    }

    private final BooleanSupplier ping;
    private final StoreCheckSettings settings;
    private final Clock clock;
    /** Elapsed time, not the time of day: how long a PING has been awaited. */
    private final LongSupplier nanos;
    private final Executor pinger;
    private volatile Seen seen;
    /** When the PING being awaited was sent, or null when none is; guarded by this. */
    private Long pingSentAt;
    /** Calls that found the store unavailable, so far; guarded by this. */
    private long failedCalls;
    private ScheduledExecutorService timer;

    /** @param ping whether the store answers a PING now (it may take as long as its client lets it) */
    public StoreWatch(BooleanSupplier ping, StoreCheckSettings settings, Clock clock) {
        this(ping, settings, clock, System::nanoTime, Executors.newSingleThreadExecutor(daemon("store-ping")));
    }

    StoreWatch(BooleanSupplier ping, StoreCheckSettings settings, Clock clock, LongSupplier nanos, Executor pinger) {
        this.ping = ping;
        this.settings = settings;
        this.clock = clock;
        this.nanos = nanos;
        this.pinger = pinger;
        // It was just used to start up (indexes rebuilt); the first check follows at once.
        this.seen = new Seen(true, clock.instant(), null);
    }

    /** Checks every {@code check.every}, the first at once; each round is reported to the self-check. */
    public synchronized void start(LoopProgress progress) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemon("store-watch"));
        timer.scheduleWithFixedDelay(() -> {
            progress.round();
            check();
        }, 0, settings.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    public Seen seen() {
        return seen;
    }

    @Override
    public boolean knownAway() {
        return !seen.available();
    }

    /** One look: the store is called away if the PING awaited is overdue; one is sent if none is awaited. */
    public void check() {
        long failedBefore;
        synchronized (this) {
            if (pingSentAt != null) {
                Duration waited = Duration.ofNanos(nanos.getAsLong() - pingSentAt);
                if (waited.compareTo(settings.timeout()) >= 0) {
                    away("no answer to a PING for " + waited.toMillis() + " ms");
                }
                return;
            }
            pingSentAt = nanos.getAsLong();
            failedBefore = failedCalls;
        }
        try {
            pinger.execute(() -> pingAnswered(failedBefore, pingAnswers()));
        } catch (RejectedExecutionException closed) {
            synchronized (this) {
                pingSentAt = null;
            }
        }
    }

    /** A call was answered: if the store was away, it is worth asking now rather than at the next check. */
    @Override
    public void answered() {
        if (knownAway()) {
            check();
        }
    }

    @Override
    public void unavailable(StoreUnavailableException e) {
        synchronized (this) {
            failedCalls++;
            away(e.getMessage());
        }
        check();
    }

    private boolean pingAnswers() {
        try {
            return ping.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void pingAnswered(long failedBefore, boolean answered) {
        boolean askAgain = false;
        synchronized (this) {
            pingSentAt = null;
            if (!answered) {
                away("it does not answer a PING");
            } else if (failedCalls == failedBefore) {
                back();
            } else {
                // A call failed while this PING was out: its answer may predate the failure.
                askAgain = true;
            }
        }
        if (askAgain) {
            check();
        }
    }

    /** Called with this held. */
    private void away(String trouble) {
        Seen before = seen;
        if (before.available()) {
            log.warn("The incident store is away ({}): readiness is DOWN and commands are refused until it answers",
                    trouble);
            seen = new Seen(false, clock.instant(), trouble);
        } else {
            seen = new Seen(false, before.since(), trouble);
        }
    }

    /** Called with this held. */
    private void back() {
        Seen before = seen;
        if (!before.available()) {
            Instant now = clock.instant();
            log.info("The incident store answers again after {} ms away", Duration.between(before.since(), now).toMillis());
            seen = new Seen(true, now, null);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (pinger instanceof ExecutorService own) {
            own.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
