package io.sitrep.bot.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.heartbeat.HeartbeatIntake;
import io.sitrep.integrations.redis.RedisHeartbeats;

/**
 * Takes the beats ({@code POST /hooks/heartbeat/{name}}, Alertmanager's {@code Watchdog}): each
 * is recorded in Redis for every replica's watch, and one that ends a silence tells the
 * silence's incident that the heartbeat is back.
 */
public final class HeartbeatDesk implements HeartbeatIntake {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatDesk.class);

    private final ExpectedHeartbeats expected;
    private final RedisHeartbeats store;
    private final HeartbeatIncidents incidents;
    private final HeartbeatMetrics metrics;
    private final Clock clock;

    public HeartbeatDesk(ExpectedHeartbeats expected, RedisHeartbeats store, HeartbeatIncidents incidents,
                         HeartbeatMetrics metrics, Clock clock) {
        this.expected = expected;
        this.store = store;
        this.incidents = incidents;
        this.metrics = metrics;
        this.clock = clock;
    }

    public boolean expects(String name) {
        return expected.find(name).isPresent();
    }

    @Override
    public List<String> names() {
        return expected.names();
    }

    @Override
    public Optional<Instant> beat(String name) {
        Optional<ExpectedHeartbeats.Expected> heartbeat = expected.find(name);
        if (heartbeat.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        RedisHeartbeats.Beat beat = store.beat(name, now);
        metrics.seen(name, now);
        // A pending marker is a silence whose incident is being opened right now: its claimant
        // finds the marker gone and tells the incident it opened itself.
        if (beat.silence() != null) {
            SilenceMarker.incident(beat.silence()).ifPresent(id -> {
                Instant quietFrom = beat.previous() != null ? beat.previous() : store.since(now);
                try {
                    incidents.recovered(id, name, Duration.between(quietFrom, now), now);
                    log.info("Heartbeat {} is back; recorded on {}", name, id);
                } catch (RuntimeException e) {
                    // The beat counts all the same; only the note on the incident is missing.
                    log.warn("Heartbeat {} is back, but {} could not be told: {}", name, id, e.getMessage());
                }
            });
        }
        return Optional.of(now.plus(heartbeat.get().every()));
    }
}
