package io.sitrep.bot.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand. Copies made with {@link #withZone} share the same instant, so
 * advancing one advances them all.
 */
public final class MutableClock extends Clock {

    /** The morning of the incident Sitrep was born from. */
    static final Instant INCIDENT_MORNING = Instant.parse("2026-02-26T09:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** At 2026-02-26T09:00:00Z, in UTC. */
    public static MutableClock incidentMorning() {
        return at(INCIDENT_MORNING);
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    static MutableClock at(String isoInstant) {
        return at(Instant.parse(isoInstant));
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant to) {
        now.set(to);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MutableClock(now, other);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
