package io.sitrep.integrations.chat;

import io.sitrep.incident.Incident;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.paging.Page;

/**
 * What a message does for one of the incident's pages: {@code NOTIFY} wakes a person (dropped
 * once the page is acknowledged or over), {@code HANDLED} tells them someone acknowledged,
 * {@code ENDED} tells them — or PagerDuty — that the incident is over.
 *
 * @param page   the page's id within the incident ({@code P1})
 * @param person the person's key (people.yml) or chat user id
 * @param level  the level of the page the notification belongs to
 */
public record PageMark(String page, Kind kind, String person, int level) {

    public enum Kind { NOTIFY, HANDLED, ENDED }

    /** Whether a {@code NOTIFY} message of this page is still worth sending, as {@code incident} stands. */
    public boolean stillWanted(Incident incident) {
        if (kind != Kind.NOTIFY) {
            return true;
        }
        return ReminderPlan.pagesRun(incident.state())
                && incident.paging().page(page).map(Page::live).orElse(false);
    }
}
