package io.sitrep.incident;

/**
 * Everything that changes an incident after it was declared. Lifecycle events move it between
 * states; the others change it in place, but only in the states the lifecycle allows them.
 */
public enum IncidentEvent {
    ACCEPT("accept"),
    CANCEL("cancel <reason>"),
    IDENTIFY("identified <root cause>"),
    MONITOR("monitoring <what was done>"),
    RESOLVE("resolved <resolution>"),
    REOPEN("reopen <reason>"),
    START_POSTMORTEM("postmortem start [@owner]"),
    CLOSE("close"),
    POST_UPDATE("update <text>"),
    CHANGE_SEVERITY("sev <1-4>"),
    ASSIGN_ROLE("assign <role> <@user>"),
    ADD_NOTE("note <text>"),
    SET_POSTMORTEM_FIELD("postmortem set <field> <text>"),
    ADD_MITIGATIVE_ACTION("postmortem action <text>");

    private final String usage;

    IncidentEvent(String usage) {
        this.usage = usage;
    }

    /** The command a user types for this event, with its arguments. */
    public String usage() {
        return usage;
    }
}
