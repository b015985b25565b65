package io.sitrep.bot.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Role;

/** What reminders and escalations say. */
final class ReminderTexts {

    /** Below this, a reminder counts as on time and says nothing of being late. */
    static final Duration ON_TIME = Duration.ofSeconds(10);
    private static final int QUOTE_LIMIT = 200;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReminderTexts() {
    }

    static String reminder(Incident incident, Instant dueAt, Instant now) {
        return "⏰ Stakeholder update due for " + incident.id() + " " + incident.title() + ". "
                + lastUpdate(incident, now) + "\n"
                + "Commander: " + person(incident, Role.COMMANDER) + " · comms: " + person(incident, Role.COMMS)
                + ". Post one: /incident update <text> · or /incident remind snooze <minutes>"
                + lateness(dueAt, now);
    }

    static String escalation(Incident incident, String escalationTarget, Instant dueAt, Instant now) {
        String target = escalationTarget == null || escalationTarget.isBlank() ? ""
                : " · escalating to #" + escalationTarget.replaceFirst("^#", "");
        return "🚨 ESCALATION: " + incident.id() + " " + incident.title() + " is overdue for a stakeholder update. "
                + lastUpdate(incident, now) + "\n"
                + mention(incident, Role.COMMANDER) + ", " + mention(incident, Role.COMMS)
                + target + ". Post an update now: /incident update <text>"
                + lateness(dueAt, now);
    }

    /** Which runbooks stopped moving, and for how long. */
    static String runbookNudge(Incident incident, Instant now) {
        StringBuilder idle = new StringBuilder();
        incident.runbooks().forEach((id, run) -> {
            if (!run.finished()) {
                idle.append(idle.isEmpty() ? "" : ", ").append(id).append(" (no step for ")
                        .append(ago(run.lastActivity(), now)).append(')');
            }
        });
        return "⏳ " + incident.id() + ": runbook " + idle + " has not moved. /incident runbook shows the next step; "
                + "record it with /incident runbook step <n> done|skip|fail.";
    }

    private static String lastUpdate(Incident incident, Instant now) {
        if (incident.lastUpdateAt() == null) {
            return "No update yet; declared " + ago(incident.declaredAt(), now) + " ago.";
        }
        String said = incident.lastUpdateText() == null ? "" : ": “" + quote(incident.lastUpdateText()) + "”";
        return "Last update " + ago(incident.lastUpdateAt(), now) + " ago" + said + ".";
    }

    /** The last update as quoted in a reminder: one line, not a page. */
    private static String quote(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() > QUOTE_LIMIT ? line.substring(0, QUOTE_LIMIT - 1) + "…" : line;
    }

    /** After downtime a reminder goes out once, late, and says so. */
    private static String lateness(Instant dueAt, Instant now) {
        Duration late = Duration.between(dueAt, now);
        if (late.compareTo(ON_TIME) < 0) {
            return "";
        }
        return "\n(Due " + AT.format(dueAt) + "; sent " + ago(dueAt, now) + " late: Sitrep was not running then.)";
    }

    private static String person(Incident incident, Role role) {
        String person = incident.roles().get(role);
        return person == null ? "unassigned" : person;
    }

    /** {@code @alice (commander)}, or {@code no comms assigned}. */
    private static String mention(Incident incident, Role role) {
        String person = incident.roles().get(role);
        return person == null ? "no " + role.word() + " assigned" : "@" + person + " (" + role.word() + ")";
    }

    /** {@code 40 s}, {@code 12 min}, {@code 1 h 05 min}, {@code 2 d 03 h}. */
    static String ago(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return String.format(Locale.ROOT, "%d h %02d min", hours, minutes % 60);
        }
        return String.format(Locale.ROOT, "%d d %02d h", hours / 24, hours % 24);
    }
}
