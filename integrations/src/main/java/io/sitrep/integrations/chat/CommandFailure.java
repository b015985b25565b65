package io.sitrep.integrations.chat;

/** Why a command was not carried out; each adapter turns it into its platform's answer. */
public enum CommandFailure {
    /** The command could not be understood or lacks something: fix and retry. */
    BAD_COMMAND,
    /** The command text is over its limit; nothing was looked at. */
    TOO_LARGE,
    /** The caller may not run it on this incident (the message says who may); nothing was changed. */
    FORBIDDEN,
    /** It names an incident that does not exist. */
    NOT_FOUND,
    /** Not legal in the incident's current state, or it lost a race with another change. */
    CONFLICT,
    /** The store could not be reached; nothing was changed. */
    UNAVAILABLE,
    /** A fault of Sitrep's own, already logged. */
    INTERNAL
}
