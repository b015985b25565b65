package io.sitrep.incident;

import java.util.Locale;

/** The states of the incident lifecycle (docs/commands.md lists its commands). */
public enum IncidentState {
    TRIAGE, INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, POSTMORTEM, CLOSED, CANCELLED;

    /** Closed and cancelled incidents are finished; every other state is still open. */
    public boolean isOpen() {
        return this != CLOSED && this != CANCELLED;
    }

    /** Status-page wording: {@code Investigating}. */
    public String label() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
