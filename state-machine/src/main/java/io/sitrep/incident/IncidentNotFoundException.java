package io.sitrep.incident;

/** No incident has this id. */
public class IncidentNotFoundException extends RuntimeException {

    private final IncidentId id;

    public IncidentNotFoundException(IncidentId id) {
        super("There is no incident " + id + "; /incident list shows the open ones.");
        this.id = id;
    }

    public IncidentId id() {
        return id;
    }
}
