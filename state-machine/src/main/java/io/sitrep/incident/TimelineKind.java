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
    POSTMORTEM_FIELD,
    /** Someone was paged: whom (a policy, a schedule, a person), why, at which level. */
    PAGED,
    /** A paged person was told by one method, or telling them failed for good. */
    NOTIFIED,
    /** Someone acknowledged the incident's pages: who, how, how long after the page. */
    ACKNOWLEDGED,
    /** Nobody acknowledged in time: the page moved to its next level. */
    ESCALATED,
    /** A follow-up was done, dropped or reopened, or linked to its issue in a tracker. */
    FOLLOW_UP
}
