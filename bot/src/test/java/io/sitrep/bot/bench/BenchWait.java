package io.sitrep.bot.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting in the benchmarks for what the app does on its own threads, polled every millisecond
 * so the wait adds next to nothing to a burst. The latencies themselves are taken from
 * timestamps, never from how long a wait took.
 */
final class BenchWait {

    private static final Duration POLL = Duration.ofMillis(1);

    private BenchWait() {
    }

    /** Returns once {@code condition} holds; fails the benchmark when it has not after {@code limit}. */
    static void until(BooleanSupplier condition, Duration limit) {
        await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition::getAsBoolean);
    }

    /** Like {@link #until}, but says whether it held instead of failing. */
    static boolean within(BooleanSupplier condition, Duration limit) {
        try {
            until(condition, limit);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
