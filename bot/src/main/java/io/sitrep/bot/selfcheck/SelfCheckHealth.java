package io.sitrep.bot.selfcheck;

import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Liveness from the self-check: DOWN while any of Sitrep's own loops is stalled, naming it and why. */
public final class SelfCheckHealth implements HealthIndicator {

    private final SelfCheck check;

    public SelfCheckHealth(SelfCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        Map<String, SelfCheck.Stall> stalled = check.stalled();
        if (stalled.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder down = Health.down();
        stalled.forEach((loop, stall) -> down.withDetail(loop, stall.reason()));
        return down.build();
    }
}
