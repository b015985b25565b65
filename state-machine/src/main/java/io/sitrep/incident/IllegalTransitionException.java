package io.sitrep.incident;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An event the lifecycle refused: not legal in the incident's state, or its guard said no.
 * The message names the state or the guard's reason; what is legal from the state is kept for
 * the command layer, which knows how each event is typed.
 */
public class IllegalTransitionException extends RuntimeException {

    private final IncidentState state;
    private final Set<IncidentEvent> legal;

    public IllegalTransitionException(IncidentId id, IncidentState state, IncidentEvent event,
                                      String guardReason, Set<IncidentEvent> legal) {
        super(message(id, state, event, guardReason, legal));
        this.state = state;
        this.legal = Collections.unmodifiableSet(new LinkedHashSet<>(legal));
    }

    private static String message(IncidentId id, IncidentState state, IncidentEvent event,
                                  String guardReason, Set<IncidentEvent> legal) {
        String command = event.verb();
        if (guardReason != null) {
            return "Can't " + command + " " + id + ": " + guardReason + ".";
        }
        return "Can't " + command + " " + id + " while it is " + state + ".";
    }

    /** The state the incident was in when the event was refused. */
    public IncidentState state() {
        return state;
    }

    /** What the lifecycle allows from that state, in the order it lists them. */
    public Set<IncidentEvent> legal() {
        return legal;
    }
}
