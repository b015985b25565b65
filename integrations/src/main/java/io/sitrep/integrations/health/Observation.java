package io.sitrep.integrations.health;

/** What one source saw of one target in one poll, and why it judged so. */
public record Observation(Target target, HealthState state, String reason) {
}
