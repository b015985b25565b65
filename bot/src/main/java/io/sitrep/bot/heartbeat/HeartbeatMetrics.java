package io.sitrep.bot.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sitrep_heartbeat_last_seconds{name}}: how long ago each heartbeat last beat, NaN while
 * it never has. Read from what this replica last saw (its watch reads every beat each round,
 * and the beats it takes itself), never from Redis on the scrape: a slow Redis must not make
 * the metrics endpoint hang.
 */
public final class HeartbeatMetrics {

    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Clock clock;

    private HeartbeatMetrics(Clock clock) {
        this.clock = clock;
    }

    public static HeartbeatMetrics register(MeterRegistry registry, ExpectedHeartbeats expected, Clock clock) {
        HeartbeatMetrics metrics = new HeartbeatMetrics(clock);
        for (String name : expected.names()) {
            Gauge.builder("sitrep.heartbeat.last", metrics, m -> m.age(name)).baseUnit("seconds")
                    .description("How long ago the heartbeat last beat; NaN while it never has")
                    .tag("name", name).register(registry);
        }
        return metrics;
    }

    /** Counts nothing: for a watch run outside the application. */
    public static HeartbeatMetrics unregistered(Clock clock) {
        return new HeartbeatMetrics(clock);
    }

    void seen(String name, Instant at) {
        lastSeen.merge(name, at, (was, now) -> now.isAfter(was) ? now : was);
    }

    void seen(Map<String, Instant> lastBeats) {
        lastBeats.forEach(this::seen);
    }

    double age(String name) {
        Instant last = lastSeen.get(name);
        return last == null ? Double.NaN : Math.max(0, Duration.between(last, clock.instant()).toMillis() / 1000.0);
    }
}
