package io.sitrep.incident;

/**
 * Everything that changes an incident after it was declared. Lifecycle events move it between
 * states; the others change it in place, but only in the states the lifecycle allows them.
 */
public enum IncidentEvent {
    ACCEPT("accept"),
    CANCEL("cancel"),
    IDENTIFY("mark as identified"),
    MONITOR("move to monitoring"),
    RESOLVE("resolve"),
    REOPEN("reopen"),
    START_POSTMORTEM("start the postmortem of"),
    CLOSE("close"),
    POST_UPDATE("post an update on"),
    CHANGE_SEVERITY("change the severity of"),
    ASSIGN_ROLE("assign a role on"),
    ADD_NOTE("add a note to"),
    SET_POSTMORTEM_FIELD("set the postmortem of"),
    ADD_MITIGATIVE_ACTION("add a mitigative action to");

    private final String verb;

    IncidentEvent(String verb) {
        this.verb = verb;
    }

    /** What the event does, for sentences like "Can't resolve INC-7 …". */
    public String verb() {
        return verb;
    }}
