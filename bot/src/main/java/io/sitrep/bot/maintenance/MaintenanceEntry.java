package io.sitrep.bot.maintenance;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a maintenance window's own timeline: a transition, or a signal it held back (an
 * alert, a health change) that would otherwise have opened an incident or paged someone.
 *
 * @param kind   {@code scheduled}, {@code started}, {@code completed}, {@code cancelled}, {@code alert} or {@code health}
 * @param source who said it: a person's reference, {@code alertmanager} or {@code health}
 */
public record MaintenanceEntry(Instant at, String kind, String source, String text, Map<String, Object> data) {

    public MaintenanceEntry {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
