package io.sitrep.bot.paging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.paging.Page;

/**
 * An incident's pages in {@code /incident status}, a line each: who was paged, at which level
 * and why, then who acknowledged and how soon, why it ended, or when it escalates next. The
 * whole story (each notification, each method) is on the timeline.
 */
public final class PagesShown {

    private PagesShown() {
    }

    /** Nothing when the incident never paged. */
    public static List<String> lines(Incident incident) {
        List<String> lines = new ArrayList<>();
        for (Page page : incident.paging().pages()) {
            lines.add(line(page));
        }
        return lines;
    }

    private static String line(Page page) {
        String who = page.people().isEmpty() ? "nobody yet" : String.join(", ", page.people());
        return "Page " + page.id() + " · level " + Math.max(1, page.level() + 1) + " · " + who + " · " + outcome(page)
                + " — " + page.reason();
    }

    private static String outcome(Page page) {
        if (page.acknowledged() != null) {
            Duration after = page.timeToAcknowledge();
            return "acknowledged by " + page.acknowledged().by() + " (" + page.acknowledged().how() + ") "
                    + Times.duration(after) + " after the page";
        }
        if (page.endedAt() != null) {
            return "ended " + Times.format(page.endedAt()) + ": " + page.endReason();
        }
        return page.dueAt() == null ? "not acknowledged" : "not acknowledged; escalates " + Times.format(page.dueAt());
    }
}
