package io.sitrep.incident.lifecycle;

import java.util.Set;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentState;

/**
 * The incident lifecycle: which events are legal in which state, where they lead, and the guards
 * they must pass. Sitrep's own interface, so the engine behind it can be replaced in one place.
 */
public interface IncidentLifecycle {

    /** Where a new incident starts: a person's declaration is already being investigated. */
    default IncidentState declaredState(boolean declaredByPerson) {
        return declaredByPerson ? IncidentState.INVESTIGATING : IncidentState.TRIAGE;
    }

    /** Decides {@code event} against {@code incident}; changes nothing. */
    TransitionResult fire(Incident incident, IncidentEvent event, TransitionRequest request);

    /** The events legal in {@code state}, in {@link IncidentEvent} order. */
    Set<IncidentEvent> legalEvents(IncidentState state);
}
