package io.sitrep.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an incident's reminder clock next has something to do. The clock runs only while
 * stakeholders are owed updates: the first reminder is due when the update is, then one every
 * cadence from the last reminder while no update comes; {@code escalate-after} past the first
 * reminder of such an overdue stretch it escalates, once per stretch. A snooze pushes both back
 * to its end, once. Everything is derived from the incident, so the due time in the reminder
 * queue is only ever an index of it.
 */
public final class ReminderPlan {

    /** {@code PAGE}: a page's first notification or its escalation to the next level. */
    public enum Kind { REMINDER, ESCALATION, RUNBOOK_NUDGE, PAGE }

    /** The next thing due and when. */
    public record Due(Kind kind, Instant at) {
    }

    private final UpdateSchedule schedule;
    private final Duration escalateAfter;
    private final Duration runbookIdle;

    public ReminderPlan(UpdateSchedule schedule, Duration escalateAfter) {
        this(schedule, escalateAfter, Duration.ZERO);
    }

    /** @param runbookIdle how long a running runbook may sit still before a nudge; zero: never */
    public ReminderPlan(UpdateSchedule schedule, Duration escalateAfter, Duration runbookIdle) {
        this.schedule = schedule;
        this.escalateAfter = escalateAfter;
        this.runbookIdle = runbookIdle;
    }

    public Optional<Due> next(Incident incident) {
        Optional<Due> page = nextPage(incident);
        Optional<Due> reminder = nextReminder(incident);
        if (page.isPresent() && (reminder.isEmpty() || !reminder.get().at().isBefore(page.get().at()))) {
            return page;
        }
        return reminder;
    }

    /** A live page's next step, while the incident is still being worked on. */
    private static Optional<Due> nextPage(Incident incident) {
        if (!pagesRun(incident.state())) {
            return Optional.empty();
        }
        return incident.paging().nextDue().map(page -> new Due(Kind.PAGE, page.dueAt()));
    }

    /** Pages run until the incident is resolved or cancelled. */
    public static boolean pagesRun(IncidentState state) {
        return state.isOpen() && state != IncidentState.RESOLVED && state != IncidentState.POSTMORTEM;
    }

    private Optional<Due> nextReminder(Incident incident) {
        if (!UpdateSchedule.owesUpdates(incident.state()) || incident.nextUpdateDueAt() == null) {
            return Optional.empty();
        }
        Optional<Due> update = nextForUpdates(incident);
        Optional<Due> nudge = nextNudge(incident);
        if (nudge.isPresent() && (update.isEmpty() || nudge.get().at().isBefore(update.get().at()))) {
            return nudge;
        }
        return update;
    }

    /**
     * A nudge {@code runbookIdle} after a running runbook last moved, once per quiet spell: the
     * last nudge must be older than its last activity.
     */
    private Optional<Due> nextNudge(Incident incident) {
        if (runbookIdle.isZero()) {
            return Optional.empty();
        }
        Instant nudged = incident.reminders().runbookNudgedAt();
        return incident.runbooks().values().stream()
                .filter(run -> !run.finished())
                .map(RunbookRun::lastActivity)
                .filter(last -> nudged == null || nudged.isBefore(last))
                .map(last -> last.plus(runbookIdle))
                .min(Instant::compareTo)
                .map(at -> new Due(Kind.RUNBOOK_NUDGE, at));
    }

    private Optional<Due> nextForUpdates(Incident incident) {
        ReminderState r = incident.reminders();
        boolean overdue = inOverdueStretch(incident);
        Instant remindAt = incident.nextUpdateDueAt();
        if (overdue) {
            remindAt = latest(remindAt, r.lastReminderAt().plus(schedule.cadence(incident.severity())));
        }
        Instant snooze = activeSnooze(incident);
        remindAt = latest(remindAt, snooze);
        if (overdue && !escalatedInStretch(incident) && !escalateAfter.isZero()) {
            Instant escalateAt = latest(r.stretchStartedAt().plus(escalateAfter), snooze);
            if (!escalateAt.isAfter(remindAt)) {
                return Optional.of(new Due(Kind.ESCALATION, escalateAt));
            }
        }
        return Optional.of(new Due(Kind.REMINDER, remindAt));
    }

    /** Whether reminders went out since the last stakeholder update (or the declaration). */
    public static boolean inOverdueStretch(Incident incident) {
        Instant last = incident.reminders().lastReminderAt();
        return last != null && last.isAfter(baseline(incident));
    }

    /** Whether this overdue stretch has already escalated: the incident shows as overdue. */
    public static boolean escalatedInStretch(Incident incident) {
        Instant escalated = incident.reminders().escalatedAt();
        return escalated != null && escalated.isAfter(baseline(incident));
    }

    /** A snooze not yet used up by a reminder, or null. */
    public static Instant activeSnooze(Incident incident) {
        ReminderState r = incident.reminders();
        if (r.snoozedUntil() == null) {
            return null;
        }
        Instant since = inOverdueStretch(incident) ? r.lastReminderAt() : baseline(incident);
        return r.snoozedUntil().isAfter(since) ? r.snoozedUntil() : null;
    }

    /** The stakeholder update the clock runs from; before the first one, the declaration. */
    private static Instant baseline(Incident incident) {
        return incident.lastUpdateAt() != null ? incident.lastUpdateAt() : incident.declaredAt();
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
