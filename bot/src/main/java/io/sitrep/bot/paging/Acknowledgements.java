package io.sitrep.bot.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.paging.Page;

/**
 * An acknowledgement of an incident's pages, the same whether it comes from the command, a
 * chat button or the mail's page: every page still running is acknowledged at once, which
 * stops its notifications and escalation. Decided on the incident as the write reads it, so
 * of an acknowledgement and an escalation racing, the one written first is the outcome and the
 * other finds nothing to do.
 */
public final class Acknowledgements {

    /** The methods an acknowledgement is recorded with. */
    public static final String COMMAND = "command";
    public static final String BUTTON = "button";
    public static final String EMAIL = "email";

    private Acknowledgements() {
    }

    /**
     * The change acknowledging {@code current}'s running pages, or empty when none runs.
     *
     * @param by     who acknowledged, as kept on incidents (a mention, or a name or people.yml key)
     * @param source where it came from (the caller's platform, or {@code email})
     */
    public static Optional<IncidentChange> change(Incident current, String by, String actorName, String source,
                                                  String how, Instant now) {
        List<Page> live = current.paging().live();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        Page first = live.get(0);
        Duration after = Duration.between(first.requestedAt(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("by", by);
        data.put("how", how);
        data.put("pages", live.stream().map(Page::id).toList());
        data.put("afterSeconds", after.getSeconds());
        String text = by + " acknowledged " + current.id() + " (" + how + ") " + Times.duration(after)
                + " after the page. Escalation stopped.";
        Incident next = current.toBuilder().paging(current.paging().acknowledgedAll(new Page.Acknowledgement(by, how, now)))
                .build();
        return Optional.of(new IncidentChange(next, List.of(new TimelineEntry(now, now, TimelineKind.ACKNOWLEDGED,
                actorName, source, text, data))));
    }

    /** Why there is nothing to acknowledge: never paged, or acknowledged or over already. */
    public static String nothingToAcknowledge(Incident incident) {
        List<Page> pages = incident.paging().pages();
        if (pages.isEmpty()) {
            return incident.id() + " has not paged anyone; nothing to acknowledge.";
        }
        Page last = pages.get(pages.size() - 1);
        if (last.acknowledged() != null) {
            return incident.id() + " is acknowledged already: " + last.acknowledged().by() + " at "
                    + Times.format(last.acknowledged().at()) + ".";
        }
        return incident.id() + "'s pages are over (" + last.endReason() + "); nothing to acknowledge.";
    }
}
