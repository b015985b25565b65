package io.sitrep.bot.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the reminder clock sleeps on between looks at the queue: until the next due time the
 * queue gave, or sooner when this replica writes an earlier one. Due times are read on the
 * injected clock; the longest sleep is real time, so the clock comes round to look again (and to
 * see another replica's earlier times) however the injected clock moves.
 */
public final class ReminderAlarm {

    private final Clock clock;
    /** The earliest due time written since the current look began; guarded by this. */
    private Instant written;

    public ReminderAlarm(Clock clock) {
        this.clock = clock;
    }

    /** A due time was written on this replica: a sleeper whose wake-up is later wakes then. */
    public synchronized void written(Instant dueAt) {
        if (written == null || dueAt.isBefore(written)) {
            written = dueAt;
            notifyAll();
        }
    }

    /**
     * The injected clock was set forward (the demo moves it from one moment of its story to the
     * next): a sleeper reads it again, and wakes if what it waits for is now due.
     */
    public synchronized void clockMoved() {
        notifyAll();
    }

    /** A look at the queue begins: it reads what was written before, so only what follows can wake it early. */
    synchronized void looking() {
        written = null;
    }

    /** Sleeps until {@code due}, a due time written since the look began, or {@code atMost}, whichever comes first. */
    synchronized void sleep(Optional<Instant> due, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Instant next = earlier(due.orElse(null), written);
            if (next != null) {
                left = Math.min(left, Duration.between(clock.instant(), next).toMillis());
            }
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
