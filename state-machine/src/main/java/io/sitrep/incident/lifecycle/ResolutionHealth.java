package io.sitrep.incident.lifecycle;

import java.util.Optional;

import io.sitrep.incident.Incident;

/**
 * What the lifecycle asks of the health watch before an incident may be resolved: resolving
 * while its targets are still sick would hide exactly the failure the founding incident had.
 * Every replica answers from the same recorded target states, so the guard holds or fails alike
 * wherever the command runs.
 */
@FunctionalInterface
public interface ResolutionHealth {

    /** No health is watched: nothing holds a resolution back. */
    ResolutionHealth NOT_WATCHED = incident -> Optional.empty();

    /**
     * Why the incident's targets do not allow resolving it yet, as a sentence naming each target,
     * its state and since when, and how long they must be healthy; empty when they do.
     */
    Optional<String> unsettled(Incident incident);
}
