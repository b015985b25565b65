package io.sitrep.bot.followup;

import java.time.LocalDate;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;

/**
 * A follow-up as the API shows it: {@code id}, {@code incident}, {@code text}, {@code owner},
 * {@code due}, {@code status} and {@code tracker} ({@code {"kind", "key", "url"}} once its issue
 * exists, else null), plus whether it is overdue today.
 */
public record FollowUpView(String id, String incident, String text, String owner, LocalDate due, String status,
                           FollowUp.Tracker tracker, boolean overdue) {

    static FollowUpView of(Incident incident, FollowUp action, LocalDate today) {
        return new FollowUpView(action.id(incident.id()), incident.id().toString(), action.text(), action.owner(),
                action.due(), action.status().word(), action.tracker(), action.overdueOn(today));
    }
}
