package io.sitrep.integrations.health;

import java.time.Instant;

/**
 * A target's confirmed state and since when, and a different state it may be moving to: a new
 * state counts only after it has been seen the configured number of times in a row. This is
 * what every replica reads from the shared health board.
 *
 * @param source       the source that watches it ({@code http-probes}, {@code kubernetes})
 * @param pending      a state seen but not yet confirmed, or null
 * @param pendingCount how many times in a row {@code pending} has been seen
 */
public record TargetStatus(Target target, String source, HealthState state, String reason, Instant since,
                           HealthState pending, int pendingCount) {

    private static final String NOT_POLLED = "not polled yet";

    public static TargetStatus unpolled(Target target, String source, Instant at) {
        return new TargetStatus(target, source, HealthState.UNKNOWN, NOT_POLLED, at, null, 0);
    }

    public boolean polled() {
        return !(state == HealthState.UNKNOWN && NOT_POLLED.equals(reason));
    }

    /** The first result is taken as it is: there is nothing yet for it to flap against. */
    public static TargetStatus first(String source, Observation observation, Instant at) {
        return new TargetStatus(observation.target(), source, observation.state(), observation.reason(), at, null, 0);
    }

    /** This status after one more observation; {@code confirmAfter} results in a row make a change. */
    public TargetStatus observe(Observation observation, Instant at, int confirmAfter) {
        if (observation.state() == state) {
            return new TargetStatus(observation.target(), source, state, observation.reason(), since, null, 0);
        }
        int count = observation.state() == pending ? pendingCount + 1 : 1;
        if (count >= confirmAfter) {
            return new TargetStatus(observation.target(), source, observation.state(), observation.reason(), at, null, 0);
        }
        return new TargetStatus(target, source, state, reason, since, observation.state(), count);
    }

    /** HEALTHY without a break since at least {@code instant}. */
    public boolean healthySince(Instant instant) {
        return state == HealthState.HEALTHY && !since.isAfter(instant);
    }

    /**
     * Whether the two differ in anything another replica needs: a healthy target's reason
     * ("HTTP 200 in 0.1 s") changes with every poll and is not worth a write each time.
     */
    public boolean differsFrom(TargetStatus other) {
        if (other == null) {
            return true;
        }
        boolean sameFacts = target.equals(other.target) && source.equals(other.source) && state == other.state
                && since.equals(other.since) && pending == other.pending && pendingCount == other.pendingCount;
        return !sameFacts || state != HealthState.HEALTHY && !reason.equals(other.reason);
    }
}
