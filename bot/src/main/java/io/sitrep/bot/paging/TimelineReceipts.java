package io.sitrep.bot.paging;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.PageMark;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * Records each notification on the incident's timeline as {@code NOTIFIED}: the person, the
 * method and where it went, or why it failed — and a failure escalates its page at once. The
 * record follows the send: a replica that dies in between leaves the notification sent and
 * unrecorded (a timeline entry is cheaper to lose than a page to double).
 */
public final class TimelineReceipts implements PageReceipts {

    private static final Logger log = LoggerFactory.getLogger(TimelineReceipts.class);

    private final IncidentWriter writer;
    private final Clock clock;

    public TimelineReceipts(IncidentWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void sent(IncidentId incident, PageMark page, Audience to) {
        record(incident, page, to, null);
    }

    @Override
    public void failed(IncidentId incident, PageMark page, Audience to, String why) {
        record(incident, page, to, why == null || why.isBlank() ? "it failed" : why);
    }

    private void record(IncidentId incident, PageMark page, Audience to, String failure) {
        if (page.kind() != PageMark.Kind.NOTIFY) {
            return;
        }
        try {
            writer.update(incident, current -> {
                Instant now = clock.instant();
                String method = method(to);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("page", page.page());
                data.put("level", page.level() + 1);
                data.put("person", page.person());
                data.put("method", method);
                if (failure != null) {
                    data.put("failed", true);
                    data.put("error", failure);
                }
                String text = failure == null ? page.person() + " notified by " + method + " for " + incident + "/"
                        + page.page() : page.person() + " could not be notified by " + method + " for " + incident + "/"
                        + page.page() + ": " + failure;
                var next = current.toBuilder();
                if (failure != null) {
                    // Nobody waits out a level for a page that never arrived.
                    next.paging(current.paging().updated(page.page(), p -> p.dueBy(now)));
                }
                return Optional.of(new IncidentChange(next.build(), List.of(new TimelineEntry(now, now,
                        TimelineKind.NOTIFIED, "sitrep", Watcher.PAGER.wireName(), text, data))));
            });
        } catch (RuntimeException e) {
            log.warn("The notification of {} for {} was {} but could not be recorded: {}", page.person(), incident,
                    failure == null ? "sent" : "given up", e.getMessage());
        }
    }

    private static String method(Audience to) {
        if (to instanceof Audience.Person person) {
            return person.platform().wireName();
        }
        return to instanceof Audience.Pager pager ? pager.method() : "chat";
    }
}
