package io.sitrep.incident;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * An event the lifecycle refused: not legal in the incident's state, or its guard said no.
 * The message names the state and what is legal from it.
 */
public class IllegalTransitionException extends RuntimeException {

    private final IncidentState state;

    public IllegalTransitionException(IncidentId id, IncidentState state, IncidentEvent event,
                                      String guardReason, Set<IncidentEvent> legal) {
        super(message(id, state, event, guardReason, legal));
        this.state = state;
    }

    private static String message(IncidentId id, IncidentState state, IncidentEvent event,
                                  String guardReason, Set<IncidentEvent> legal) {
        String command = event.verb();
        String legalNow = " Legal now: " + (legal.isEmpty() ? "nothing" : legal.stream().map(IncidentEvent::usage)
                .collect(Collectors.joining(", "))) + ".";
        if (guardReason != null) {
            return "Can't " + command + " " + id + ": " + guardReason + "." + legalNow;
        }
        return "Can't " + command + " " + id + " while it is " + state + "." + legalNow;
    }

    /** The state the incident was in when the event was refused. */
    public IncidentState state() {
        return state;
    }
}
