package io.sitrep.incident.lifecycle;

import io.sitrep.incident.IncidentState;

/** The lifecycle's verdict on one event. */
public sealed interface TransitionResult {

    /** The event may happen; {@code to} equals {@code from} for in-place changes. */
    record Accepted(IncidentState from, IncidentState to) implements TransitionResult {
    }

    /** The event is not legal from {@code state}: no transition exists for it there. */
    record NotLegal(IncidentState state) implements TransitionResult {
    }

    /** A transition exists but its guard said no, for {@code reason}. */
    record Denied(IncidentState state, String reason) implements TransitionResult {
    }
}
