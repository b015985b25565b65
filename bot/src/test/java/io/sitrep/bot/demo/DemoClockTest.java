package io.sitrep.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The story's clock: it runs at real pace from where it was set, jumps only forward, and says when it jumped. */
class DemoClockTest {

    private static final Instant MORNING = Instant.parse("2026-02-26T08:15:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DemoClock clock = new DemoClock(MORNING, nanos::get);

    @Test
    void runsOnFromWhereItWasSetAtThePaceOfRealTime() {
        assertThat(clock.instant()).isEqualTo(MORNING);

        nanos.addAndGet(1_500_000_000L);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-26T08:15:01.500Z"));
    }

    @Test
    void jumpsForwardAndTellsWhoeverSleepsOnIt() {
        AtomicInteger told = new AtomicInteger();
        clock.onJump(told::incrementAndGet);

        clock.advanceTo(Instant.parse("2026-02-26T08:36:00Z"));
        nanos.addAndGet(2_000_000L);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-26T08:36:00.002Z"));
        assertThat(told).hasValue(1);
    }

    @Test
    void neverGoesBack() {
        AtomicInteger told = new AtomicInteger();
        clock.onJump(told::incrementAndGet);
        clock.advanceTo(Instant.parse("2026-02-26T09:00:00Z"));

        clock.advanceTo(Instant.parse("2026-02-26T08:19:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-26T09:00:00Z"));
        assertThat(told).as("only the jump forward").hasValue(1);
    }

    @Test
    void givesMillisecondInstantsInUtc() {
        nanos.addAndGet(1_234_567L);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-02-26T08:15:00.001Z"));
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }
}
