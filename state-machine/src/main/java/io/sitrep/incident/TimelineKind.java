package io.sitrep.incident;

/** What a timeline entry records. */
public enum TimelineKind {
    DECLARED,
    STATUS_CHANGED,
    SEVERITY_CHANGED,
    ROLE_ASSIGNED,
    STAKEHOLDER_UPDATE,
    NOTE,
    REMINDER,
    ESCALATION,
    HEALTH_CHANGED,
    ALERT,
    RUNBOOK_STEP,
    POSTMORTEM_FIELD
}
