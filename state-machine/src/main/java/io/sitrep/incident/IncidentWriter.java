package io.sitrep.incident;

import java.util.function.Function;

import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.TransitionRequest;
import io.sitrep.incident.lifecycle.TransitionResult;
import io.sitrep.incident.store.IncidentStore;

/**
 * Applies changes to incidents with optimistic concurrency: read, let the lifecycle decide,
 * compute the next version, and write it only if nobody else wrote in between. When somebody
 * did, the command is decided again against what they wrote, so of two conflicting commands
 * exactly one wins and the other is refused as the state now demands.
 */
public final class IncidentWriter {

    /** Enough for bursts of dozens of writers on one incident; each retry re-reads first. */
    static final int MAX_ATTEMPTS = 64;

    private final IncidentStore store;
    private final IncidentLifecycle lifecycle;

    public IncidentWriter(IncidentStore store, IncidentLifecycle lifecycle) {
        this.store = store;
        this.lifecycle = lifecycle;
    }

    /** Builds the change an accepted event makes to the incident as it is now. */
    @FunctionalInterface
    public interface ChangeBuilder {
        IncidentChange build(Incident current, TransitionResult.Accepted transition);
    }

    public IncidentChange apply(IncidentId id, IncidentEvent event, TransitionRequest request, ChangeBuilder builder) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Incident current = store.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
            TransitionResult result = lifecycle.fire(current, event, request);
            if (!(result instanceof TransitionResult.Accepted accepted)) {
                String reason = result instanceof TransitionResult.Denied denied ? denied.reason() : null;
                throw new IllegalTransitionException(id, current.state(), event, reason,
                        lifecycle.legalEvents(current.state()));
            }
            IncidentChange change = builder.build(current, accepted);
            if (change.incident().version() != current.version() + 1) {
                throw new IllegalStateException("a change must produce the next version");
            }
            if (store.replace(change.incident(), current.version(), change.entries())) {
                return change;
            }
        }
        throw new ConcurrentChangeException(id, MAX_ATTEMPTS);
    }

    /** Declares a new incident under a fresh id. */
    public IncidentChange declare(Function<IncidentId, IncidentChange> builder) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            IncidentId id = store.allocateId();
            IncidentChange change = builder.apply(id);
            if (store.create(change.incident(), change.entries())) {
                return change;
            }
            // The id was taken (a counter reset under existing incidents): take the next one.
        }
        throw new IllegalStateException("no free incident id after " + MAX_ATTEMPTS
                + " tries; the id counter is behind the stored incidents (a restart rebuilds it)");
    }
}
