package io.sitrep.bot.health;

import java.time.Instant;

import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Target;

/** A confirmed change of a target's state. */
public record HealthChange(Target target, HealthState from, HealthState to, String reason, Instant at) {

    /** {@code login-eu: HEALTHY → DOWN (connection refused)}. */
    public String text() {
        return target.name() + ": " + from + " → " + to + " (" + reason + ")";
    }
}
