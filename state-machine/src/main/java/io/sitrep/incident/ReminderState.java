package io.sitrep.incident;

import java.time.Instant;

/**
 * What the reminder clock of an incident has done since its last stakeholder update. Only
 * instants are kept: whether a reminder belongs to the current overdue stretch is read from
 * them against the last update, so posting an update resets everything without touching this.
 *
 * @param stretchStartedAt the first reminder of the current overdue stretch
 * @param lastReminderAt   the most recent reminder
 * @param escalatedAt      the most recent escalation
 * @param snoozedUntil     no reminder before this, once
 * @param runbookNudgedAt  the last nudge about a runbook that stopped moving
 */
public record ReminderState(Instant stretchStartedAt, Instant lastReminderAt, Instant escalatedAt,
                            Instant snoozedUntil, Instant runbookNudgedAt) {

    public static final ReminderState NONE = new ReminderState(null, null, null, null, null);

    public ReminderState remindedAt(Instant at, boolean newStretch) {
        return new ReminderState(newStretch ? at : stretchStartedAt, at, escalatedAt, snoozedUntil, runbookNudgedAt);
    }

    public ReminderState escalatedAt(Instant at) {
        return new ReminderState(stretchStartedAt, lastReminderAt, at, snoozedUntil, runbookNudgedAt);
    }

    public ReminderState snoozedUntil(Instant until) {
        return new ReminderState(stretchStartedAt, lastReminderAt, escalatedAt, until, runbookNudgedAt);
    }

    public ReminderState runbookNudgedAt(Instant at) {
        return new ReminderState(stretchStartedAt, lastReminderAt, escalatedAt, snoozedUntil, at);
    }
}
