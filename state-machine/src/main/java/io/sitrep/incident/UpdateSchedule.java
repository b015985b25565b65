package io.sitrep.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.sitrep.config.ReminderSettings;

/**
 * When stakeholders are owed their next update. Only incidents being worked on owe updates;
 * triage, resolved and finished ones do not.
 */
public final class UpdateSchedule {

    private static final Set<IncidentState> OWING = EnumSet.of(
            IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING);

    private final ReminderSettings settings;

    public UpdateSchedule(ReminderSettings settings) {
        this.settings = settings;
    }

    public static boolean owesUpdates(IncidentState state) {
        return OWING.contains(state);
    }

    public Duration cadence(Severity severity) {
        return settings.cadenceFor(severity.name());
    }

    /**
     * The first update after the clock (re)starts, at declaration, acceptance or reopen: within
     * {@code first-update-within}, or the cadence if that is shorter.
     */
    public Instant firstDue(IncidentState state, Severity severity, Instant clockStart) {
        if (!owesUpdates(state)) {
            return null;
        }
        return clockStart.plus(firstWindow(severity));
    }

    /** The next update after one was posted at {@code postedAt}. */
    public Instant dueAfterUpdate(IncidentState state, Severity severity, Instant postedAt) {
        return owesUpdates(state) ? postedAt.plus(cadence(severity)) : null;
    }

    /**
     * Re-plans an incident for a new severity, keeping its anchor: the last update, or else the
     * moment its clock started (declaration, acceptance or reopen), which the current due time
     * and the old severity's first window give back exactly.
     */
    public Instant replan(Incident incident, Severity severity) {
        if (incident.lastUpdateAt() != null) {
            return dueAfterUpdate(incident.state(), severity, incident.lastUpdateAt());
        }
        Instant clockStart = incident.nextUpdateDueAt() == null ? incident.declaredAt()
                : incident.nextUpdateDueAt().minus(firstWindow(incident.severity()));
        return firstDue(incident.state(), severity, clockStart);
    }

    private Duration firstWindow(Severity severity) {
        Duration cadence = cadence(severity);
        Duration first = settings.firstUpdateWithin();
        return first.compareTo(cadence) < 0 ? first : cadence;
    }
}
