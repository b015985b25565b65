package io.sitrep.bot.lifecycle;

import java.util.List;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;

/** {@code timeline}: the timeline so far, oldest first; backfilled entries say when they were recorded. */
final class TimelineCommand implements IncidentCommand {

    @Override
    public Reply run(Invocation in) {
        IncidentId id = in.permittedIncident().id();
        List<TimelineEntry> entries = in.context().store().timeline(id);
        // The newest entries are the ones that fit; they are shown oldest first, as a timeline reads.
        List<String> newestFirst = new java.util.ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            newestFirst.add(line(entries.get(i)));
        }
        String text = ChatBudget.fit("Timeline of " + id + " (UTC):", newestFirst,
                left -> "… " + left + " earlier entries not shown. The whole timeline: /incident export md, or "
                        + "GET /api/incidents/" + id + "/timeline.",
                shown -> {
                    List<String> oldestFirst = new java.util.ArrayList<>(shown);
                    java.util.Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
        return Reply.about(id).toCaller(text).build();
    }

    private static String line(TimelineEntry e) {
        return Times.format(e.at()) + "  " + e.kind() + "  " + e.actor() + ": " + describe(e)
                + (e.recordedAt().equals(e.at()) ? "" : "  (recorded " + Times.format(e.recordedAt()) + ")");
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
