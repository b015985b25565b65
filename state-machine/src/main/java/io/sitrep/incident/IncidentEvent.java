package io.sitrep.incident;

/**
 * Everything that changes an incident after it was declared. Lifecycle events move it between
 * states; the others change it in place, but only in the states the lifecycle allows them.
 */
public enum IncidentEvent {
    ACCEPT("accept", "accept"),
    CANCEL("cancel <reason>", "cancel"),
    IDENTIFY("identified <root cause>", "mark as identified"),
    MONITOR("monitoring <what was done>", "move to monitoring"),
    RESOLVE("resolved <resolution>", "resolve"),
    REOPEN("reopen <reason>", "reopen"),
    START_POSTMORTEM("postmortem start [@owner]", "start the postmortem of"),
    CLOSE("close", "close"),
    POST_UPDATE("update <text>", "post an update on"),
    CHANGE_SEVERITY("sev <1-4>", "change the severity of"),
    ASSIGN_ROLE("assign <role> <@user>", "assign a role on"),
    ADD_NOTE("note <text>", "add a note to"),
    SET_POSTMORTEM_FIELD("postmortem set <field> <text>", "set the postmortem of"),
    ADD_MITIGATIVE_ACTION("postmortem action <text>", "add a mitigative action to");

    private final String usage;
    private final String verb;

    IncidentEvent(String usage, String verb) {
        this.usage = usage;
        this.verb = verb;
    }

    /** What the event does, for sentences like "Can't resolve INC-7 …". */
    public String verb() {
        return verb;
    }

    /** The command a user types for this event, with its arguments. */
    public String usage() {
        return usage;
    }
}
