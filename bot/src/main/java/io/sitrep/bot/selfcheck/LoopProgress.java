package io.sitrep.bot.selfcheck;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one of Sitrep's own loops reports about itself: each unit of work it starts and ends
 * (on whichever thread runs it), and, for a loop that should come round every {@code period},
 * each time it does. {@link SelfCheck} reads it; the loop never waits on it.
 */
public final class LoopProgress {

    private final String name;
    private final Duration period;
    private final LongSupplier nanos;
    private final Map<Thread, Long> working = new ConcurrentHashMap<>();
    private volatile Long lastRound;

    /** @param period how often the loop comes round; null for a loop that only works when given work */
    LoopProgress(String name, Duration period, LongSupplier nanos) {
        this.name = name;
        this.period = period;
        this.nanos = nanos;
    }

    /** Progress nobody watches: for a loop run outside the application (a test, a benchmark). */
    public static LoopProgress unwatched(String name) {
        return new LoopProgress(name, null, System::nanoTime);
    }

    public String name() {
        return name;
    }

    /** The loop came round (a tick, a poll), working or not. */
    public void round() {
        lastRound = nanos.getAsLong();
    }

    /** The current thread starts a unit of work. */
    public void begin() {
        working.put(Thread.currentThread(), nanos.getAsLong());
    }

    /** The current thread is done with its unit of work. */
    public void end() {
        working.remove(Thread.currentThread());
    }

    /** Runs one unit of work, reported. */
    public void run(Runnable work) {
        round();
        begin();
        try {
            work.run();
        } finally {
            end();
            round(); // a long unit just ended: the loop is coming round, not quiet
        }
    }

    /** The threads at work, and since when (in {@link System#nanoTime()}'s terms). */
    Map<Thread, Long> working() {
        return Map.copyOf(working);
    }

    /** When it last came round (nanoTime), if it is a loop that comes round and it has yet. */
    Long lastRound() {
        return lastRound;
    }

    Duration period() {
        return period;
    }
}
