package io.sitrep.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.delivery.*}: the workers that send what is owed to chat platforms. Each replica
 * runs {@code workers} threads; a worker holds an incident's lane for {@code lease} at a time
 * (renewed while it works), so a replica killed mid-delivery delays that incident's posts by at
 * most a lease. Failed tries wait 1, 2, 4 … up to {@code max-backoff} (or the platform's
 * Retry-After); a delivery still failing after {@code give-up-after} is recorded as failed.
 * Work queued on any replica wakes a free worker at once (a signal in Redis); {@code poll-interval}
 * is how often a replica looks all the same, for what no signal tells of: a retry whose backoff
 * ended on another replica, a lane whose holder died, a signal lost. Each look is a round trip
 * or two, so it sets most of what an idle replica costs Redis.
 */
@ConfigurationProperties("sitrep.delivery")
public record DeliverySettings(@DefaultValue("4") int workers, @DefaultValue("30s") Duration lease,
                               @DefaultValue("5s") Duration pollInterval, @DefaultValue("60s") Duration maxBackoff,
                               @DefaultValue("24h") Duration giveUpAfter) {

    private static final Duration LONGEST_POLL_INTERVAL = Duration.ofMinutes(10);

    public DeliverySettings {
        if (workers < 1) {
            throw new IllegalArgumentException("sitrep.delivery.workers must be at least 1");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sitrep.delivery.lease must be at least 1s");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("sitrep.delivery.poll-interval must be positive");
        }
        if (pollInterval.compareTo(LONGEST_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("sitrep.delivery.poll-interval must be at most 10m: it bounds how late "
                    + "a retry left by another replica, or a lane whose holder died, is taken up");
        }
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(4, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofHours(24));
    }
}
