package io.sitrep.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.selfcheck.*}: Sitrep watching its own loops. A loop whose work has waited on a
 * lock (or sat in a deadlock) for {@code stall-after}, or that stopped coming round, is stalled:
 * its threads are dumped to the log and liveness goes DOWN, so the orchestrator restarts the
 * process. {@code check-every} is how often the loops are looked at.
 */
@ConfigurationProperties("sitrep.selfcheck")
public record SelfCheckSettings(@DefaultValue("30s") Duration stallAfter, @DefaultValue("1s") Duration checkEvery) {

    public SelfCheckSettings {
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("sitrep.selfcheck.stall-after must be positive");
        }
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("sitrep.selfcheck.check-every must be positive");
        }
    }

    public static SelfCheckSettings defaults() {
        return new SelfCheckSettings(Duration.ofSeconds(30), Duration.ofSeconds(1));
    }
}
