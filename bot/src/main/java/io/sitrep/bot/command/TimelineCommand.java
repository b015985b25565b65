package io.sitrep.bot.command;

import java.util.List;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.TimelineEntry;

/** {@code timeline}: the timeline so far, oldest first; backfilled entries say when they were recorded. */
final class TimelineCommand implements IncidentCommand {

    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String usage() {
        return "timeline";
    }

    @Override
    public String summary() {
        return "the timeline so far";
    }

    @Override
    public Reply run(Invocation in) {
        IncidentId id = in.incident();
        if (in.context().store().find(id).isEmpty()) {
            throw new IncidentNotFoundException(id);
        }
        List<TimelineEntry> entries = in.context().store().timeline(id);
        StringBuilder s = new StringBuilder("Timeline of " + id + " (UTC):");
        for (TimelineEntry e : entries) {
            s.append('\n').append(Times.format(e.at())).append("  ").append(e.kind()).append("  ")
                    .append(e.actor()).append(": ").append(describe(e));
            if (!e.recordedAt().equals(e.at())) {
                s.append("  (recorded ").append(Times.format(e.recordedAt())).append(')');
            }
        }
        return Reply.about(id).toCaller(s.toString()).build();
    }

    private static String describe(TimelineEntry e) {
        Object from = e.data().get("from");
        Object to = e.data().get("to");
        if (from != null && to != null) {
            return from + " → " + to + (e.text().isBlank() ? "" : ": " + e.text());
        }
        return e.text();
    }
}
