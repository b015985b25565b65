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
 * {@code poll-interval} is how often a worker looks for work other replicas took or retries that
 * came due; work taken on the same replica starts at once.
 */
@ConfigurationProperties("sitrep.delivery")
public record DeliverySettings(@DefaultValue("4") int workers, @DefaultValue("30s") Duration lease,
                               @DefaultValue("250ms") Duration pollInterval, @DefaultValue("60s") Duration maxBackoff,
                               @DefaultValue("24h") Duration giveUpAfter) {

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
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(4, Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(60),
                Duration.ofHours(24));
    }
}
