package io.sitrep.bot.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The demo's time: it starts on the morning of the founding incident and runs at the pace of
 * real time from there, so whatever measures elapsed time on the clock still sees it pass; the
 * replay moves it forward from one moment of the story to the next. Everything that reads the
 * time in Sitrep reads it from this clock, so the timeline, the reminders, the health guard and
 * the postmortem all tell the story's times. It never goes back.
 */
public final class DemoClock extends Clock {

    private final LongSupplier nanos;
    private final List<Runnable> onJump = new CopyOnWriteArrayList<>();
    /** The story's instant at {@link #setAtNanos}; guarded by this. */
    private Instant setTo;
    private long setAtNanos;

    public DemoClock(Instant start) {
        this(start, System::nanoTime);
    }

    /** @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime()}; tests step their own) */
    DemoClock(Instant start, LongSupplier nanos) {
        this.nanos = nanos;
        this.setTo = start;
        this.setAtNanos = nanos.getAsLong();
    }

    /** {@code listener} runs after each jump: whoever sleeps until a time on this clock must look again. */
    public void onJump(Runnable listener) {
        onJump.add(listener);
    }

    /** Moves the clock to {@code to}, if that is later than now; it runs on from there. */
    public void advanceTo(Instant to) {
        synchronized (this) {
            if (!to.isAfter(instant())) {
                return;
            }
            setTo = to;
            setAtNanos = nanos.getAsLong();
        }
        onJump.forEach(Runnable::run);
    }

    @Override
    public synchronized Instant instant() {
        // Millisecond instants, as the application's own clock gives.
        return setTo.plus(Duration.ofNanos(nanos.getAsLong() - setAtNanos)).truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Instants are UTC throughout Sitrep; a clock in another zone is not needed and not offered. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("the demo clock is UTC only");
        }
        return this;
    }
}
