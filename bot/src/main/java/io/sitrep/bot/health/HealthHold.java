package io.sitrep.bot.health;

/**
 * What may hold a confirmed health change back from the incidents: a maintenance window that
 * expects the target to go down records it on its own timeline instead.
 */
@FunctionalInterface
public interface HealthHold {

    HealthHold NONE = change -> false;

    /** @return true when {@code change} was taken care of and opens nor tells any incident */
    boolean held(HealthChange change);
}
