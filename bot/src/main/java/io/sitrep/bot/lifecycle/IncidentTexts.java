package io.sitrep.bot.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Role;
import io.sitrep.incident.command.CommandSpecs;

/** The plain-text renderings shared by commands: the status card, status posts, one-line summaries. */
final class IncidentTexts {

    private IncidentTexts() {
    }

    /** {@code INC-7 · SEV2 · Investigating · ConnectMe login failures}. */
    static String headline(Incident incident) {
        return incident.id() + " · " + incident.severity() + " · " + incident.state().label() + " · " + incident.title();
    }

    static String status(Incident incident, Set<IncidentEvent> legal, Instant now) {
        StringBuilder s = new StringBuilder();
        s.append(incident.id()).append(": ").append(incident.title()).append('\n');
        s.append("State ").append(incident.state()).append(" · ").append(incident.severity())
                .append(" · channel #").append(incident.channel()).append('\n');
        s.append("Service ").append(orDash(incident.service())).append(" · region ").append(orDash(incident.region()))
                .append(" · nodes ").append(incident.nodes().isEmpty() ? "—" : String.join(", ", incident.nodes()))
                .append('\n');
        s.append("Roles ").append(roles(incident)).append('\n');
        s.append("Declared ").append(Times.format(incident.declaredAt())).append(" by ").append(orDash(incident.declaredBy()));
        if (incident.detectedAt() != null) {
            s.append(" · detected ").append(Times.format(incident.detectedAt()));
        }
        if (incident.startedAt() != null) {
            s.append(" · started ").append(Times.format(incident.startedAt()));
        }
        s.append('\n');
        s.append(updateClock(incident, now)).append('\n');
        s.append("Next: ").append(legal.isEmpty() ? "nothing (finished)"
                : legal.stream().map(CommandSpecs::usage).collect(Collectors.joining(" · ")));
        return s.toString();
    }

    /**
     * {@code Last update 12 min ago · next due 2026-02-26 10:21 UTC}, or why none is due; an
     * escalated incident shows OVERDUE, a snoozed one until when.
     */
    static String updateClock(Incident incident, Instant now) {
        String last = incident.lastUpdateAt() == null ? "No stakeholder update yet"
                : "Last update " + minutesAgo(incident.lastUpdateAt(), now) + " ago";
        if (incident.nextUpdateDueAt() == null) {
            return last + " · no update due in " + incident.state();
        }
        String due = "next due " + Times.format(incident.nextUpdateDueAt());
        if (now.isAfter(incident.nextUpdateDueAt())) {
            due += " (overdue by " + minutesAgo(incident.nextUpdateDueAt(), now) + ")";
        }
        if (ReminderPlan.escalatedInStretch(incident)) {
            due += " · OVERDUE: escalated " + Times.format(incident.reminders().escalatedAt());
        }
        Instant snooze = ReminderPlan.activeSnooze(incident);
        if (snooze != null && snooze.isAfter(now)) {
            due += " · reminders snoozed until " + Times.format(snooze);
        }
        return last + " · " + due;
    }

    /** {@code under a minute}, {@code 12 min}, or {@code 1h 05m} from an hour on. */
    private static String minutesAgo(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.toMinutes() < 1) {
            return "under a minute";
        }
        return d.toMinutes() < 60 ? d.toMinutes() + " min" : Times.duration(d);
    }

    static String roles(Incident incident) {
        StringBuilder s = new StringBuilder();
        for (Role role : Role.values()) {
            if (!s.isEmpty()) {
                s.append(" · ");
            }
            s.append(role.word()).append(' ').append(incident.roles().getOrDefault(role, "—"));
        }
        return s.toString();
    }

    /** A stakeholder post in status-page style. */
    static String statusPost(Incident incident, String text, Instant postedAt) {
        StringBuilder s = new StringBuilder();
        s.append(incident.state().label()).append(" — ").append(incident.id()).append(' ').append(incident.title())
                .append('\n').append(text).append('\n')
                .append("Posted ").append(Times.statusPost(postedAt));
        if (incident.nextUpdateDueAt() != null) {
            // Rounded: the due time and the post's instant are read from the clock a moment apart.
            long minutes = Math.max(0, Math.round(Duration.between(postedAt, incident.nextUpdateDueAt()).toSeconds() / 60.0));
            s.append("\nNext update in ").append(minutes).append(minutes == 1 ? " minute" : " minutes")
                    .append(" (by ").append(Times.format(incident.nextUpdateDueAt())).append(')');
        }
        return s.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
