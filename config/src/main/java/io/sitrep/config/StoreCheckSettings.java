package io.sitrep.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.redis.check.*}: how each replica keeps track of its store in the background, so
 * that readiness and incoming commands never wait on it. Redis is sent a PING {@code every} so
 * often and called away when no answer came within {@code timeout}; meanwhile readiness is DOWN
 * and commands are refused at once ("try again shortly"). The first answer brings it back.
 */
@ConfigurationProperties("sitrep.redis.check")
public record StoreCheckSettings(@DefaultValue("1s") Duration every, @DefaultValue("1s") Duration timeout) {

    public StoreCheckSettings {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("sitrep.redis.check.every must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sitrep.redis.check.timeout must be positive");
        }
    }

    public static StoreCheckSettings defaults() {
        return new StoreCheckSettings(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
