package io.sitrep.bot.health;

import java.time.Instant;

import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.Target;

/**
 * A target's confirmed state and since when, and a different state it may be moving to: a
 * new state counts only after it has been seen the configured number of times in a row.
 */
public record TargetStatus(Target target, HealthState state, String reason, Instant since, HealthState pending,
                           int pendingCount) {

    private static final String NOT_POLLED = "not polled yet";

    static TargetStatus unpolled(Target target, Instant at) {
        return new TargetStatus(target, HealthState.UNKNOWN, NOT_POLLED, at, null, 0);
    }

    boolean polled() {
        return !(state == HealthState.UNKNOWN && NOT_POLLED.equals(reason));
    }

    static TargetStatus first(Observation observation, Instant at) {
        return new TargetStatus(observation.target(), observation.state(), observation.reason(), at, null, 0);
    }

    /** This status after one more observation; {@code confirmAfter} results in a row make a change. */
    TargetStatus observe(Observation observation, Instant at, int confirmAfter) {
        if (observation.state() == state) {
            return new TargetStatus(target, state, observation.reason(), since, null, 0);
        }
        int count = observation.state() == pending ? pendingCount + 1 : 1;
        if (count >= confirmAfter) {
            return new TargetStatus(target, observation.state(), observation.reason(), at, null, 0);
        }
        return new TargetStatus(target, state, reason, since, observation.state(), count);
    }

    /** HEALTHY without a break since at least {@code since}. */
    public boolean healthySince(Instant instant) {
        return state == HealthState.HEALTHY && !since.isAfter(instant);
    }
}
