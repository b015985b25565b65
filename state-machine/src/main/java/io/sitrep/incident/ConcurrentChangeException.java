package io.sitrep.incident;

/** Other changes to the same incident kept winning; this one was not applied. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(IncidentId id, int attempts) {
        super(id + " changed under this command " + attempts + " times in a row; nothing was changed, please retry.");
    }
}
