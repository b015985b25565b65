package io.sitrep.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.status.webhook-*}: the status page's webhook subscribers. A post that does not
 * get through is tried again after {@code webhook-retry}, then twice as long each time (at most
 * half an hour, or what the receiver's Retry-After asks); a subscriber whose posts have failed
 * for {@code webhook-give-up} is disabled and the admins are told.
 */
@ConfigurationProperties("sitrep.status")
public record StatusWebhookSettings(@DefaultValue("24h") Duration webhookGiveUp,
                                    @DefaultValue("10s") Duration webhookRetry) {

    public StatusWebhookSettings {
        if (webhookGiveUp.isNegative() || webhookGiveUp.isZero()) {
            throw new IllegalArgumentException("sitrep.status.webhook-give-up must be longer than nothing, e.g. 24h");
        }
        if (webhookRetry.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("sitrep.status.webhook-retry must be at least 100ms, e.g. 10s");
        }
    }
}
