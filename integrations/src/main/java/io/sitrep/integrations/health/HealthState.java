package io.sitrep.integrations.health;

/** How a target is doing, worst last but one: UNKNOWN means no source could tell. */
public enum HealthState {
    HEALTHY, DEGRADED, DOWN, UNKNOWN
}
