package io.sitrep.bot.command;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.incident.Caller;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.People;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.store.IncidentStore;

/**
 * What every command may use: the core's services, the clock, where stakeholders listen, and
 * the names people go by. What only one feature needs (its catalog, its view, its directory)
 * that feature's commands get by constructor.
 */
public record CommandContext(
        IncidentStore store,
        IncidentWriter writer,
        IncidentLifecycle lifecycle,
        UpdateSchedule schedule,
        Clock clock,
        String stakeholderChannel,
        People people) {

    /** Without remembered names: mentions are shown as typed. */
    public CommandContext(IncidentStore store, IncidentWriter writer, IncidentLifecycle lifecycle,
                          UpdateSchedule schedule, Clock clock, String stakeholderChannel) {
        this(store, writer, lifecycle, schedule, clock, stakeholderChannel, People.NONE);
    }

    /** A timeline entry that happens now. */
    public TimelineEntry entry(TimelineKind kind, Caller caller, String text, Map<String, Object> data) {
        var now = clock.instant();
        return new TimelineEntry(now, now, kind, caller.name(), caller.source(), text, data);
    }

    /** Builds {@code data} maps without nulls, in the order given. */
    public static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                data.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
            }
        }
        return data;
    }
}
