package io.sitrep.incident.command;

/**
 * Who may run a command on an incident. Admins may run everything; a command about no incident
 * ({@code declare}, {@code list}, {@code help}) is open to anyone.
 */
public enum Permission {
    ANYONE("anyone"),
    ROLE_HOLDER("anyone holding a role on the incident"),
    COMMANDER_OR_COMMS("the commander or comms"),
    COMMANDER("the commander"),
    COMMANDER_OR_POSTMORTEM_OWNER("the commander or the postmortem owner"),
    PAGED_OR_ROLE_HOLDER("a paged person or anyone holding a role on the incident"),
    FOLLOW_UP_OWNER("the follow-up's owner, the commander or the postmortem owner");

    private final String who;

    Permission(String who) {
        this.who = who;
    }

    /** Who may, in words: "the commander or comms". */
    public String who() {
        return who;
    }
}
